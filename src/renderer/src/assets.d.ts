// Vite bundles a file imported with `?worker&url` on its own and gives its URL (the microphone's AudioWorklet).
declare module '*?worker&url' {
  const url: string
  export default url
}
