/** A sentence for why the microphone could not start, from getUserMedia's DOMException names. */
export function micErrorMessage(error: unknown): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'The microphone is blocked: allow it for this app in the browser or system settings, then try again.'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found: plug one in or choose one in the system settings.'
    case 'NotReadableError':
    case 'AbortError':
      return 'The microphone is busy or not working (another app may be using it).'
    case 'NoMediaDevices':
      return 'This page cannot use the microphone: open the app on this computer, or over HTTPS on a phone.'
    default:
      return `The microphone could not start (${error instanceof Error ? error.message : String(error)}).`
  }
}
