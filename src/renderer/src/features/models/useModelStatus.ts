import { useEffect, useState } from 'react'
import type { ModelStatus } from '../../../../shared/domain'
import { api, onEvent } from '../../api'

export interface ModelState {
  status: ModelStatus | null
  progress: number | null
}

/** Live model status: the initial value from models.status, then every models.status/progress event. */
export function useModelStatus(): ModelState {
  const [status, setStatus] = useState<ModelStatus | null>(null)
  const [progress, setProgress] = useState<number | null>(null)
  useEffect(() => {
    let isActive = true
    void api.models.status({}).then((value) => isActive && setStatus(value))
    const offStatus = onEvent('models.status', (value) => {
      setStatus(value)
      if (value.state !== 'loading') setProgress(null)
    })
    const offProgress = onEvent('models.progress', ({ progress: value }) => setProgress(value))
    return () => {
      isActive = false
      offStatus()
      offProgress()
    }
  }, [])
  return { status, progress }
}
