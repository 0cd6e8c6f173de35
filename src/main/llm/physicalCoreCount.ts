import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'

/**
 * Physical cores, not logical ones: llama.cpp math threads contend on SMT siblings, and node-llama-cpp's default
 * of 4 threads on a 2-core machine made generation ~400x slower here.
 */
export function physicalCoreCount(): number {
  const logical = Math.max(1, availableParallelism())
  try {
    if (process.platform === 'linux')
      return Math.min(logical, countLinuxCores(readFileSync('/proc/cpuinfo', 'utf8')) || logical)
    if (process.platform === 'darwin') {
      const value = Number(execFileSync('sysctl', ['-n', 'hw.physicalcpu'], { encoding: 'utf8' }).trim())
      return Number.isFinite(value) && value > 0 ? value : logical
    }
  } catch (error) {
    // Unreadable cpu info is not fatal: fall back to a conservative guess below.
    void error
  }
  return process.platform === 'win32' && logical > 2 ? Math.ceil(logical / 2) : logical
}

/** Unique (physical id, core id) pairs of /proc/cpuinfo; 0 when the file has no such fields (some VMs). */
export function countLinuxCores(cpuinfo: string): number {
  const cores = new Set<string>()
  let physicalId = '0'
  for (const line of cpuinfo.split('\n')) {
    const [rawKey, rawValue] = line.split(':')
    const key = rawKey?.trim()
    const value = rawValue?.trim() ?? ''
    if (key === 'physical id') physicalId = value
    else if (key === 'core id') cores.add(`${physicalId}:${value}`)
  }
  return cores.size
}
