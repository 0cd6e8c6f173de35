// `node --import ./register.mjs out/main/index.js`: every import of 'electron' gets the stand-in beside this file.
import { register } from 'node:module'

register('./resolveElectron.mjs', import.meta.url)
