/** The contract's profiles part: inputs, results and the profiles.* methods. */
import type { UserProfile } from '../domain'

export interface ProfileUpdateInput {
  name?: string
  description?: string
}

export interface ProfilesApi {
  get(input: Record<string, never>): Promise<UserProfile>
  update(input: ProfileUpdateInput): Promise<UserProfile>
}
