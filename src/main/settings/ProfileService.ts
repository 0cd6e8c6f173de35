import type { UserProfile } from '../../shared/domain'
import type { UserRepository } from '../db/repositories/UserRepository'

/** The local user's persona (name and description), which every character sees. */
export class ProfileService {
  constructor(
    private readonly users: UserRepository,
    private readonly userId: string
  ) {}

  get(): UserProfile {
    return this.users.get(this.userId)
  }

  update(patch: { name?: string; description?: string }): UserProfile {
    return this.users.update(this.userId, patch)
  }
}
