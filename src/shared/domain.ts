/** Domain types shared by main and renderer, one file per capability in ./domain/. Plain JSON only: dates are ISO strings. */
export * from './domain/characters'
export * from './domain/models'
export * from './domain/chat'
export * from './domain/emotion'
export * from './domain/memory'
export * from './domain/lorebooks'
export * from './domain/pairing'
export * from './domain/voice'
