import { useCallback, useEffect, useState } from 'react'
import type { Group } from '../../../../shared/domain'
import { api, onEvent } from '../../api'

/** Every group, kept current: reloaded when one is created, changed or deleted anywhere (groups.changed). */
export function useGroups(onError: (error: unknown) => void): { groups: Group[]; refresh: () => void } {
  const [groups, setGroups] = useState<Group[]>([])
  const refresh = useCallback(() => {
    api.groups.list({}).then(setGroups, onError)
  }, [onError])
  useEffect(refresh, [refresh])
  useEffect(() => onEvent('groups.changed', refresh), [refresh])
  return { groups, refresh }
}
