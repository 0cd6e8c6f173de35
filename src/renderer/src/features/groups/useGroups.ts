import { useCallback, useEffect, useState } from 'react'
import type { Group } from '../../../../shared/domain'
import { api, errorMessage, onEvent } from '../../api'

/** Every group, kept current: reloaded when one is created, changed or deleted anywhere (groups.changed). */
export function useGroups(onError: (message: string) => void): { groups: Group[]; refresh: () => void } {
  const [groups, setGroups] = useState<Group[]>([])
  const refresh = useCallback(() => {
    api.groups.list({}).then(setGroups, (e: unknown) => onError(errorMessage(e)))
  }, [onError])
  useEffect(refresh, [refresh])
  useEffect(() => onEvent('groups.changed', refresh), [refresh])
  return { groups, refresh }
}
