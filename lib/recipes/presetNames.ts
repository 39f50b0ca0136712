import { PRESET_NAME_MAX } from './checkPreset';

/** Preset names are the same whatever their case and surrounding spaces. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/**
 * A free name for a preset made from `name`: "<name> (copy)", else "(copy 2)", "(copy 3)"…, with
 * `name` shortened where needed so that the result is never too long a name.
 */
export function freeName(name: string, label: string, taken: readonly string[]): string {
  const isTaken = (candidate: string) => taken.some((other) => sameName(other, candidate));
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? ` (${label})` : ` (${label} ${n})`;
    const candidate = `${name.slice(0, PRESET_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
}
