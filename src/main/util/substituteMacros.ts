/** SillyTavern-style macros used by character cards. Case-insensitive, as cards in the wild mix cases. */
export function substituteMacros(text: string, names: { char: string; user: string }): string {
  return text.replace(/\{\{\s*char\s*\}\}|<BOT>/gi, names.char).replace(/\{\{\s*user\s*\}\}|<USER>/gi, names.user)
}
