/** Browser features that only work on a secure page (https, or the computer itself as localhost). */
export type SecureFeature = 'microphone'

const FEATURE_NAMES: Record<SecureFeature, string> = { microphone: 'Voice input (the microphone)' }

/**
 * Null when the feature can work here; otherwise a sentence to show instead of failing silently. A phone reaches the
 * app over plain HTTP on the home network, where browsers keep the microphone off; voice input uses this helper.
 */
export function secureContextNotice(feature: SecureFeature): string | null {
  if (window.isSecureContext) return null
  return `${FEATURE_NAMES[feature]} needs a secure page: browsers allow it only over https or on the computer itself, not over the plain-HTTP address of your home network. Everything else works here.`
}
