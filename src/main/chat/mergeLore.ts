import { noLore, type LorePlacement } from '../hooks/lorePlacement'

/** Several capabilities' lore as one placement (today only lorebooks place lore). */
export function mergeLore(parts: readonly LorePlacement[]): LorePlacement {
  return parts.reduce(
    (merged, part) => ({
      beforeCharacter: [...merged.beforeCharacter, ...part.beforeCharacter],
      afterCharacter: [...merged.afterCharacter, ...part.afterCharacter],
      examplesTop: [...merged.examplesTop, ...part.examplesTop],
      examplesBottom: [...merged.examplesBottom, ...part.examplesBottom],
      inChat: [...merged.inChat, ...part.inChat],
      entryIds: [...merged.entryIds, ...part.entryIds]
    }),
    noLore()
  )
}
