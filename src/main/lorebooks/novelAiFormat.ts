import { AppError } from '../../shared/errors'
import { defaultLoreEntry, isObject, keyList, numberOr, omit, type Json, type LorebookDraft } from './loreTypes'

/**
 * A NovelAI `.lorebook` (`{lorebookVersion, entries: [{text, keys, displayName, enabled, contextConfig}]}`) as
 * SillyTavern converts it: display name as comment, budget priority as order, no secondary keys. NovelAI's own
 * fields (search range, categories, context settings...) are kept in `extra`.
 */
export function fromNovelAi(json: Json, fallbackName: string): LorebookDraft {
  if (!Array.isArray(json.entries)) throw new AppError('FILE_INVALID', 'This NovelAI lorebook has no entries.')
  return {
    name: fallbackName,
    description: '',
    scanDepth: null,
    tokenBudget: null,
    isRecursive: true,
    entries: json.entries.filter(isObject).map((entry, index) => {
      const context = isObject(entry.contextConfig) ? entry.contextConfig : {}
      return {
        ...defaultLoreEntry(index),
        keys: keyList(entry.keys),
        content: typeof entry.text === 'string' ? entry.text : '',
        comment: typeof entry.displayName === 'string' ? entry.displayName : '',
        isEnabled: entry.enabled !== false,
        isConstant: entry.forceActivation === true,
        isSelective: false,
        order: numberOr(context.budgetPriority, 0),
        extra: { novelAi: omit(entry, ['text', 'keys', 'displayName', 'enabled', 'forceActivation']) }
      }
    }),
    extra: { novelAi: omit(json, ['entries']) }
  }
}
