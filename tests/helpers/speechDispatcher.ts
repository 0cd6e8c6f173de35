import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const SPEECH_DISPATCHER = '/usr/bin/speech-dispatcher'

export interface SpeechSetup {
  /** Chromium switches: system voices through speech-dispatcher. */
  args: string[]
  /** The environment that points speech-dispatcher at its own config (audio to ALSA's null device). */
  env: Record<string, string>
  dispose(): void
}

/**
 * System voices for headless Chromium: Debian's speech-dispatcher with espeak-ng (installed by .ci/run), started by
 * Chromium on first use and configured through XDG_CONFIG_HOME to send its audio to ALSA's `null` device, so
 * utterances start and end on a machine without a sound card. Its socket lives in a private XDG_RUNTIME_DIR, so
 * the test's speech-dispatcher is its own (it exits by itself a few seconds after Chromium closes).
 */
export function speechDispatcherSetup(): SpeechSetup {
  if (!existsSync(SPEECH_DISPATCHER))
    throw new Error(
      'System voices need speech-dispatcher: apt-get install speech-dispatcher speech-dispatcher-espeak-ng (.ci/run does).'
    )
  const root = mkdtempSync(join(tmpdir(), 'speechd-'))
  const config = join(root, 'config')
  const runtime = join(root, 'run')
  mkdirSync(join(config, 'speech-dispatcher'), { recursive: true })
  mkdirSync(runtime, { mode: 0o700 })
  mkdirSync(join(root, 'log'))
  writeFileSync(
    join(config, 'speech-dispatcher', 'speechd.conf'),
    [
      'LogLevel 2',
      `LogDir "${join(root, 'log')}"`,
      'AudioOutputMethod "alsa"',
      'AudioALSADevice "null"',
      'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"',
      'DefaultModule espeak-ng',
      ''
    ].join('\n')
  )
  return {
    args: ['--enable-speech-dispatcher'],
    env: { XDG_CONFIG_HOME: config, XDG_RUNTIME_DIR: runtime, XDG_CACHE_HOME: join(root, 'cache') },
    dispose: () => rmSync(root, { recursive: true, force: true })
  }
}
