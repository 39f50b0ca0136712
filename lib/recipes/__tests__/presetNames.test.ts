import { describe, expect, it } from 'vitest';
import { freeName, sameName } from '../presetNames';

describe('preset names', () => {
  it.each([
    ['Daily', 'daily', true],
    [' Daily ', 'DAILY', true],
    ['Daily', 'Daily 2', false],
  ])('"%s" and "%s" are the same name: %s', (a, b, same) => {
    expect(sameName(a, b)).toBe(same);
  });

  it.each([
    ['Daily', [], 'Daily (copy)'],
    ['Daily', ['daily (COPY)'], 'Daily (copy 2)'],
    ['Daily', ['Daily (copy)', 'Daily (copy 2)'], 'Daily (copy 3)'],
    [`${'a'.repeat(79)} `, [], `${'a'.repeat(73)} (copy)`],
  ])('a free name for a copy of "%s" next to %j is "%s"', (name, taken, free) => {
    expect(freeName(name, 'copy', taken)).toBe(free);
  });
});
