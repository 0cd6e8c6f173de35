import type { ApiMethod, FileInput, MethodInput, MethodResult } from '../../shared/contract'
import type { Core } from '../core'
import { RECOMMENDED_MODELS } from '../models/recommendedModels'
import { createBackupHandlers, type BackupHandlerOptions } from './backupHandlers'
import { createPairingHandlers } from './pairingHandlers'
import { createVoiceHandlers } from './voiceHandlers'
import type { LanAccess } from '../pairing/LanAccess'

/** One async function per contract method, flat by method name. */
export type Handlers = { [M in ApiMethod]: (input: MethodInput<M>) => Promise<MethodResult<M>> }

const fromBase64 = (dataBase64: string): Buffer => Buffer.from(dataBase64, 'base64')
const toTextFile = (file: { fileName: string; text: string }): FileInput => ({
  fileName: file.fileName,
  dataBase64: Buffer.from(file.text, 'utf8').toString('base64')
})

/**
 * Implements the contract in plain Node: each handler calls one service method (inputs are validated before, in
 * dispatch). Whatever the call changes, the service that owns it emits the event.
 */
export function createHandlers(
  core: Core,
  transport: 'electron' | 'http',
  options: BackupHandlerOptions & { lan?: LanAccess | null } = {}
): Handlers {
  const owner = (characterId: string): { characterId: string; userId: string } => ({ characterId, userId: core.userId })
  return {
    ...createBackupHandlers(core, transport, options),
    ...createPairingHandlers(options.lan),
    ...createVoiceHandlers(core),
    'app.info': async () => core.info(transport),
    'models.list': async () => core.library.list(),
    'models.inspect': async ({ path }) => core.library.inspect(path),
    'models.add': async ({ path }) => core.library.add(path),
    'models.remove': async ({ path }) => core.library.remove(path).then(() => ({ isDeleted: true })),
    'models.recommended': async () => RECOMMENDED_MODELS,
    'models.setEmotionModel': async ({ path }) => core.emotionModel.setModel(path),
    'models.download': async (input) => core.downloads.start(input),
    'models.downloads': async () => core.downloads.list(),
    'models.pauseDownload': async ({ id }) => core.downloads.pause(id),
    'models.resumeDownload': async ({ id }) => core.downloads.resume(id),
    'models.cancelDownload': async ({ id }) => core.downloads.cancel(id),
    'models.getSettings': async ({ path }) => core.models.settingsFor(path),
    'models.updateSettings': async ({ path, settings }) => core.models.updateSettings(path, settings),
    'models.setLoras': async ({ loras }) => core.models.setLoras(loras),
    'models.load': async ({ path, contextSize }) => core.models.load(path, contextSize),
    'models.unload': async () => core.models.unload(),
    'models.status': async () => core.models.status(),
    'characters.list': async () => core.characterService.list(),
    'characters.get': async ({ id }) => core.characterService.get(id),
    'characters.create': async ({ draft }) => core.characterService.create(draft),
    'characters.update': async ({ id, patch }) => core.characterService.update(id, patch),
    'characters.delete': async ({ id }) => core.characterService.delete(id).then(() => ({ isDeleted: true })),
    'characters.duplicate': async ({ id }) => core.characterService.duplicate(id),
    'characters.generate': async ({ requestId, prompt, sliders }) =>
      core.characterService.generate(requestId, prompt, sliders),
    'characters.generateField': async ({ requestId, prompt, draft, field }) =>
      core.characterService.generateField(requestId, prompt, draft, field),
    'characters.importCard': async ({ fileName, dataBase64 }) =>
      core.characterService.importCard(fileName, fromBase64(dataBase64)),
    'characters.exportCard': async ({ id, format }) =>
      core.characterService.exportCard(id, format).then((file) => ({
        fileName: file.fileName,
        dataBase64: Buffer.from(file.bytes).toString('base64')
      })),
    'characters.setAvatar': async ({ id, image }) =>
      core.characterService.setAvatar(id, image ? fromBase64(image.dataBase64) : null),
    'characters.avatar': async ({ id, emotion }) =>
      core.characterService.avatarDataUrl(id, emotion).then((dataUrl) => ({ dataUrl })),
    'characters.setExpression': async ({ id, label, image }) =>
      core.characterService.setExpression(id, label, image ? fromBase64(image.dataBase64) : null),
    'characters.importExpressions': async ({ id, files }) =>
      core.characterService.importExpressions(
        id,
        files.map((f) => ({ fileName: f.fileName, bytes: fromBase64(f.dataBase64) }))
      ),
    'characters.generateAvatar': async ({ id }) => core.characterService.generateAvatar(id),
    'characters.cancelGeneration': async ({ requestId }) => ({ isCancelled: core.characterService.cancel(requestId) }),
    'profiles.get': async () => core.profiles.get(),
    'profiles.update': async (input) => core.profiles.update(input),
    'chat.list': async (input) => core.chat.listFor(input),
    'chat.create': async (input) => core.chat.createFor(input),
    'chat.speak': async ({ chatId, characterId, streamId }) => core.chat.speak(chatId, characterId, streamId),
    'chat.messages': async ({ chatId, ...position }) => core.chat.messages(chatId, position),
    'chat.search': async (input) => core.messageSearch.search(input),
    'chat.moods': async ({ chatId, points }) => core.chat.moods(chatId, points),
    'chat.send': async ({ chatId, text, streamId }) => core.chat.send(chatId, text, streamId),
    'chat.cancel': async ({ streamId }) => ({ isCancelled: core.chat.cancel(streamId) }),
    'chat.isStreaming': async ({ streamId }) => ({ isStreaming: core.chat.isStreaming(streamId) }),
    'chat.regenerate': async ({ chatId, streamId }) => core.chat.regenerate(chatId, streamId),
    'chat.continue': async ({ chatId, streamId }) => core.chat.continueReply(chatId, streamId),
    'chat.swipe': async ({ messageId, index }) => core.chat.swipe(messageId, index),
    'chat.editMessage': async ({ messageId, content }) => core.chat.edit(messageId, content),
    'chat.deleteMessage': async ({ messageId, keepMemories }) =>
      core.chat.deleteMessage(messageId, { keepMemories }).then(() => ({ isDeleted: true })),
    'chat.rename': async ({ chatId, title }) => core.chat.rename(chatId, title),
    'chat.exportDataset': async (input) => core.chat.exportDataset(input),
    'chat.import': async ({ characterId, groupId, fileName, dataBase64 }) =>
      core.chatInterop.importStInto({ characterId, groupId }, fileName, fromBase64(dataBase64)),
    'chat.export': async ({ chatId, format }) => toTextFile(core.chatInterop.export(chatId, format)),
    'chat.delete': async ({ chatId, keepMemories }) =>
      core.chat.deleteChat(chatId, { keepMemories }).then(() => ({ isDeleted: true })),
    'memory.list': async ({ characterId, state, query, limit, offset }) =>
      core.memory.browse(owner(characterId), state, query, { limit, offset }),
    'memory.get': async ({ ids }) => core.memory.getMany(ids),
    'memory.update': async ({ id, text }) => core.memory.updateText(id, text),
    'memory.delete': async ({ id }) => core.memory.deleteOne(id).then(() => ({ isDeleted: true })),
    'memory.pin': async ({ id, isPinned }) => core.memory.setPinned(id, isPinned),
    'memory.share': async ({ ids, characterId }) => core.memory.share(ids, owner(characterId)),
    'memory.setEmbeddingModel': async ({ path }) => core.switchEmbeddingModel(path),
    'memory.importHistory': async ({ chatId }) => core.history.start(chatId),
    'memory.cancelHistory': async ({ chatId }) => core.history.cancel(chatId),
    'memory.historyStatus': async ({ chatId }) => core.history.status(chatId),
    'lorebooks.list': async () => core.lorebooks.list(),
    'lorebooks.get': async ({ id }) => core.lorebooks.get(id),
    'lorebooks.create': async ({ name }) => core.lorebooks.create(name),
    'lorebooks.import': async ({ fileName, dataBase64 }) => core.lorebooks.import(fileName, fromBase64(dataBase64)),
    'lorebooks.update': async (input) => core.lorebooks.update(input),
    'lorebooks.delete': async ({ id }) => {
      core.lorebooks.delete(id)
      return { isDeleted: true }
    },
    'lorebooks.export': async ({ id, format }) => toTextFile(core.lorebooks.export(id, format)),
    'lorebooks.attach': async ({ id, target, isAttached }) => core.lorebooks.attach(id, target, isAttached),
    'lorebooks.usedEntries': async ({ ids }) => core.lorebooks.usedEntries(ids),
    'groups.list': async () => core.groups.list(),
    'groups.get': async ({ id }) => core.groups.get(id),
    'groups.create': async (input) => core.groups.create(input),
    'groups.update': async ({ id, patch }) => core.groups.update(id, patch),
    'groups.delete': async ({ id }) => core.groups.delete(id).then(() => ({ isDeleted: true })),
    'groups.import': async ({ fileName, dataBase64 }) => core.groups.importSt(fileName, fromBase64(dataBase64)),
    'settings.get': async () => core.settings.get(),
    'settings.update': async (input) => core.settings.update(input)
  }
}
