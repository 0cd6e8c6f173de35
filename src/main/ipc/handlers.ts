import type { ApiMethod, MethodInput, MethodResult } from '../../shared/contract'
import type { Core } from '../core'
import { AppError } from '../../shared/errors'
import { RECOMMENDED_MODELS } from '../models/recommendedModels'
import { exportDataset } from '../chat/exportDataset'

/** One async function per contract method, flat by method name. */
export type Handlers = { [M in ApiMethod]: (input: MethodInput<M>) => Promise<MethodResult<M>> }

/** Implements the contract in plain Node: each handler calls one service method. */
export function createHandlers(core: Core, transport: 'electron' | 'http'): Handlers {
  const { runtime, events } = core
  return {
    'app.info': async () => ({
      version: core.config.version,
      dataDir: core.config.dataDir,
      modelsDir: core.config.modelsDir,
      transport,
      notice: core.memoryNotice
    }),
    'models.list': async () => core.library.list(),
    'models.inspect': async ({ path }) => core.library.inspect(path),
    'models.add': async ({ path }) => core.library.add(path),
    'models.remove': async ({ path }) => {
      await core.library.remove(path)
      return { isDeleted: true }
    },
    'models.recommended': async () => RECOMMENDED_MODELS,
    'models.setEmotionModel': async ({ path }) => core.emotionModel.setModel(path),
    'models.download': async (input) => core.downloads.start(input),
    'models.downloads': async () => core.downloads.list(),
    'models.pauseDownload': async ({ id }) => core.downloads.pause(id),
    'models.resumeDownload': async ({ id }) => core.downloads.resume(id),
    'models.cancelDownload': async ({ id }) => core.downloads.cancel(id),
    'models.getSettings': async ({ path }) => core.modelSettings.get(await core.library.inspect(path)),
    'models.updateSettings': async ({ path, settings }) =>
      core.modelSettings.update(await core.library.inspect(path), settings),
    'models.setLoras': async ({ loras }) => {
      const status = await runtime.setDefaultLoras(loras)
      events.emit('models.status', status)
      return status
    },
    'models.load': async ({ path, contextSize }) => {
      events.emit('models.status', { ...(await runtime.status()), state: 'loading', path })
      try {
        const saved = core.modelSettings.get(await core.library.inspect(path))
        const status = await runtime.load({
          path,
          contextSize: contextSize ?? saved.contextSize ?? undefined,
          gpuLayers: saved.gpuLayers,
          chatTemplate: saved.chatTemplate,
          onProgress: (progress) => events.emit('models.progress', { path, progress })
        })
        events.emit('models.status', status)
        return status
      } catch (error) {
        events.emit('models.status', await runtime.status())
        throw error
      }
    },
    'models.unload': async () => {
      const status = await runtime.unload()
      events.emit('models.status', status)
      return status
    },
    'models.status': async () => runtime.status(),
    'characters.list': async () => core.characters.list(core.userId),
    'characters.get': async ({ id }) => core.characters.get(id),
    'characters.create': async ({ draft }) => core.characterService.create(draft),
    'characters.update': async ({ id, patch }) => core.characters.update(id, patch),
    'characters.delete': async ({ id }) => {
      core.chat.stopCharacter(id)
      core.characters.delete(id)
      await core.memory.dropOwner({ characterId: id, userId: core.userId })
      return { isDeleted: true }
    },
    'characters.duplicate': async ({ id }) => core.characterService.duplicate(id),
    'characters.generate': async ({ requestId, prompt, sliders }) =>
      core.characterService.generate(requestId, prompt, sliders),
    'characters.generateField': async ({ requestId, prompt, draft, field }) =>
      core.characterService.generateField(requestId, prompt, draft, field),
    'characters.importCard': async ({ fileName, dataBase64 }) =>
      core.characterService.importCard(fileName, Buffer.from(dataBase64, 'base64')),
    'characters.exportCard': async ({ id, format }) => {
      const file = await core.characterService.exportCard(id, format)
      return { fileName: file.fileName, dataBase64: Buffer.from(file.bytes).toString('base64') }
    },
    'characters.setAvatar': async ({ id, image }) =>
      core.characterService.setAvatar(id, image ? Buffer.from(image.dataBase64, 'base64') : null),
    'characters.avatar': async ({ id, emotion }) => ({
      dataUrl: await core.characterService.avatarDataUrl(id, emotion)
    }),
    'characters.setExpression': async ({ id, label, image }) =>
      core.characterService.setExpression(id, label, image ? Buffer.from(image.dataBase64, 'base64') : null),
    'characters.importExpressions': async ({ id, files }) =>
      core.characterService.importExpressions(
        id,
        files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.dataBase64, 'base64') }))
      ),
    'characters.generateAvatar': async ({ id }) => {
      const server = core.settings.get().imageServer
      if (!server)
        throw new AppError(
          'INVALID_INPUT',
          'No image server is set up. Add your local AUTOMATIC1111/Forge or ComfyUI address under Models first.'
        )
      return core.characterService.generateAvatar(id, server)
    },
    'characters.cancelGeneration': async ({ requestId }) => ({ isCancelled: core.characterService.cancel(requestId) }),
    'profiles.get': async () => core.users.get(core.userId),
    'profiles.update': async (input) => core.users.update(core.userId, input),
    'chat.list': async ({ characterId }) => {
      core.characters.get(characterId)
      return core.chats.listByCharacter(characterId)
    },
    'chat.create': async ({ characterId, title }) => core.chat.create(characterId, title),
    'chat.messages': async ({ chatId, ...position }) => {
      core.chats.get(chatId)
      return core.messages.page(chatId, position)
    },
    'chat.send': async ({ chatId, text }) => core.chat.send(chatId, text),
    'chat.cancel': async ({ streamId }) => ({ isCancelled: core.chat.cancel(streamId) }),
    'chat.isStreaming': async ({ streamId }) => ({ isStreaming: core.chat.isStreaming(streamId) }),
    'chat.regenerate': async ({ chatId }) => core.chat.regenerate(chatId),
    'chat.continue': async ({ chatId }) => core.chat.continueReply(chatId),
    'chat.swipe': async ({ messageId, index }) => core.chat.swipe(messageId, index),
    'chat.editMessage': async ({ messageId, content }) => core.chat.edit(messageId, content),
    'chat.deleteMessage': async ({ messageId }) => {
      core.chat.deleteMessage(messageId)
      return { isDeleted: true }
    },
    'chat.rename': async ({ chatId, title }) => core.chats.rename(chatId, title),
    'chat.exportDataset': async (input) => exportDataset(core, input),
    'chat.import': async ({ characterId, fileName, dataBase64 }) =>
      core.chatInterop.importSt(characterId, fileName, Buffer.from(dataBase64, 'base64')),
    'chat.export': async ({ chatId, format }) => {
      const file = core.chatInterop.export(chatId, format)
      return { fileName: file.fileName, dataBase64: Buffer.from(file.text, 'utf8').toString('base64') }
    },
    'chat.delete': async ({ chatId }) => {
      core.chat.deleteChat(chatId)
      return { isDeleted: true }
    },
    'memory.list': async ({ characterId, state, query }) => {
      const owner = { characterId, userId: core.userId }
      core.characters.get(characterId)
      const found = query?.trim()
        ? await core.memory.search(owner, query, 50)
        : core.memory.list(owner, state === 'summaries' ? 'all' : state)
      // Raw turns are the chat itself: the panel's Current/Past tabs show what was learned from them.
      if (state === 'summaries') return found.filter((m) => m.kind === 'summary')
      return state === 'all' || query?.trim()
        ? found
        : found.filter((m) => m.kind !== 'summary' && m.kind !== 'message')
    },
    'memory.get': async ({ ids }) => [...core.memoryRepository.getMany(ids).values()],
    'memory.update': async ({ id, text }) => {
      const memory = await core.memory.updateText(id, text)
      events.emit('memory.changed', { characterId: memory.characterId })
      return memory
    },
    'memory.delete': async ({ id }) => {
      const memory = core.memoryRepository.get(id)
      await core.memory.delete([id])
      events.emit('memory.changed', { characterId: memory.characterId })
      return { isDeleted: true }
    },
    'memory.pin': async ({ id, isPinned }) => {
      const memory = core.memory.setPinned(id, isPinned)
      events.emit('memory.changed', { characterId: memory.characterId })
      return memory
    },
    'memory.share': async ({ ids, characterId }) => {
      core.characters.get(characterId)
      const copies = await core.memory.share(ids, { characterId, userId: core.userId })
      events.emit('memory.changed', { characterId })
      return copies
    },
    'memory.setEmbeddingModel': async ({ path }) => {
      const result = await core.switchEmbeddingModel(path)
      core.settings.update({ embeddingModelPath: path })
      return result
    },
    'settings.get': async () => core.settings.get(),
    'settings.update': async (input) => core.settings.update(input)
  }
}
