/**
 * The `voice.*` part of the contract: local text-to-speech and speech-to-text models in sherpa-onnx's layout, run in
 * the main process. Audio crosses the wire as base64: 16-bit PCM into the main process (what a microphone worklet
 * makes, half the size of float), float32 out (what Web Audio plays as is).
 */
import type { Emotion } from '../domain'
import type { ErrorInfo } from '../errors'
import type { CancelResult, DeleteResult, IdInput } from './common'

/** The model families sherpa-onnx runs; a folder's family is detected from its files and the model's metadata. */
export const VOICE_ENGINES = [
  'piper',
  'vits',
  'kokoro',
  'matcha',
  'whisper',
  'sensevoice',
  'moonshine',
  'zipformer-ctc',
  'nemo-ctc'
] as const
export type VoiceEngine = (typeof VOICE_ENGINES)[number]

/** tts: a voice that speaks; stt: a recogniser that turns speech into text. */
export type VoiceModelKind = 'tts' | 'stt'

/** A voice or recogniser the user added: a folder in sherpa-onnx's layout. */
export interface VoiceModel {
  /** Stable for the folder's path. */
  id: string
  /** The folder's name. */
  name: string
  /** The folder. */
  path: string
  kind: VoiceModelKind
  engine: VoiceEngine
  /** The rate of the audio a voice makes; 16000 (what it listens to) for a recogniser. */
  sampleRate: number
  /** Speaker ids 0..speakers-1 a voice offers (1 for a single voice); 0 for a recogniser. */
  speakers: number
  /** The language the model's metadata names, if any. */
  language: string | null
  /** The licence to check before use: the folder's own licence or model card, else the family's usual licence. */
  licence: string
  /** Bytes of the folder's files. */
  sizeBytes: number
}

export interface VoiceModelPathInput {
  /** Absolute path of the model's folder. */
  path: string
}

/** Multipliers on the voice's own speed, pitch and volume (1/1/1 = unchanged). */
export interface VoiceProsody {
  rate: number
  pitch: number
  volume: number
}

export interface VoiceSynthesizeInput {
  text: string
  /** A model of kind tts from voice.models. */
  modelId: string
  /** 0..speakers-1 of a multi-speaker voice; default 0. */
  speakerId?: number
  /** Other speakers of the voice for some emotions: the emotion given picks one (unless emotionStrength is 0). */
  speakerByEmotion?: Partial<Record<Emotion, number>>
  /** The voice's own speed, 0.5..2; default 1. */
  speed?: number
  /** The reply's detected emotion: it moves speed (applied here) and pitch and volume (applied at playback). */
  emotion?: { label: Emotion; confidence: number } | null
  /** How far the emotion may move the voice: 0 = not at all, 1 = fully (the default). */
  emotionStrength?: number
  /** Names the request so that voice.cancel can drop it (read-aloud sends one request per sentence). */
  requestId?: string
}

export interface VoiceSynthesizeResult {
  requestId: string | null
  /** Mono float32 little-endian samples in [-1, 1], base64. */
  audioBase64: string
  sampleRate: number
  sampleCount: number
  /** rate is already in the audio; pitch and volume are for the player (e.g. playbackRate/detune and a gain). */
  prosody: VoiceProsody
}

export interface VoiceCancelInput {
  requestId: string
}

export interface VoiceTranscribeInput {
  /** Mono 16-bit signed little-endian PCM, base64. */
  audioBase64: string
  /** The rate of audioBase64 (8000..48000); default 16000, other rates are resampled. */
  sampleRate?: number
  /** A model of kind stt; default the first one installed. */
  modelId?: string
}

/** One stretch of speech the voice-activity detector found, and what was said in it. */
export interface VoiceSegment {
  startSeconds: number
  endSeconds: number
  text: string
}

export interface VoiceTranscribeResult {
  /** The segments' texts joined by spaces; empty when no speech was found. */
  text: string
  segments: VoiceSegment[]
}

/** Starts a microphone session (push-to-talk or a hands-free call): audio follows in voice.listenChunk. */
export interface VoiceListenStartInput {
  /** Chosen by the renderer; names the session in chunks, stop and events. */
  sessionId: string
  /** A model of kind stt; default the first one installed. */
  modelId?: string
  /** The rate of the chunks' PCM; default 16000. */
  sampleRate?: number
  /** The pause that ends an utterance (a turn in call mode), 0.2..3 s; default 0.8. */
  endSilenceSeconds?: number
}

export interface VoiceListenChunkInput {
  sessionId: string
  /** Mono 16-bit signed little-endian PCM at the session's rate, base64. */
  audioBase64: string
}

export interface VoiceListenChunkResult {
  /** Whether the latest audio is speech (e.g. to stop the character speaking: barge-in). */
  isSpeaking: boolean
}

export interface VoiceListenStopInput {
  sessionId: string
}

export interface VoiceApi {
  /** Installed voices and recognisers: the models folder's voice/ subfolders and folders added from anywhere. */
  models(input: Record<string, never>): Promise<VoiceModel[]>
  /** Adds a folder in sherpa-onnx's layout; its kind and family are detected, a folder that would not run is refused. */
  addModel(input: VoiceModelPathInput): Promise<VoiceModel>
  /** Forgets an added folder (its files stay). */
  removeModel(input: IdInput): Promise<DeleteResult>
  /** Speaks one piece of text (read-aloud: one sentence per call, so speech starts after the first). */
  synthesize(input: VoiceSynthesizeInput): Promise<VoiceSynthesizeResult>
  /** Drops a synthesize request: a queued one never runs, a running one ends with CANCELLED. */
  cancel(input: VoiceCancelInput): Promise<CancelResult>
  /** Speech to text for a whole recording, cut at pauses by voice-activity detection. */
  transcribe(input: VoiceTranscribeInput): Promise<VoiceTranscribeResult>
  /** Opens a streaming microphone session; events voice.speech and voice.transcript follow. */
  listenStart(input: VoiceListenStartInput): Promise<{ sessionId: string }>
  listenChunk(input: VoiceListenChunkInput): Promise<VoiceListenChunkResult>
  /** Ends the session: the speech still open is transcribed; returns everything the session heard. */
  listenStop(input: VoiceListenStopInput): Promise<VoiceTranscribeResult>
}

export interface VoiceEvents {
  /** The user started or stopped speaking in a listening session (stop: the pause was long enough). */
  'voice.speech': { sessionId: string; state: 'start' | 'end'; atSeconds: number }
  /** An utterance of a listening session, transcribed once its pause ended it (a turn in call mode). */
  'voice.transcript': { sessionId: string; segment: VoiceSegment }
  /** Transcribing an utterance failed (e.g. the model became unreadable); the session goes on. */
  'voice.error': { sessionId: string; error: ErrorInfo }
}
