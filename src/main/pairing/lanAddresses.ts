import { networkInterfaces } from 'node:os'

/** This computer's IPv4 addresses on its networks (not loopback): where a phone on the same Wi-Fi reaches it. */
export function lanAddresses(): string[] {
  const found: string[] = []
  for (const entries of Object.values(networkInterfaces()))
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) found.push(entry.address)
  // Home networks first: the address a phone most likely shares.
  const isPrivate = (address: string): boolean => /^(192\.168\.|10\.|172\.(1[6-9]|2\d|3[01])\.)/.test(address)
  return [...found.filter(isPrivate), ...found.filter((address) => !isPrivate(address))]
}
