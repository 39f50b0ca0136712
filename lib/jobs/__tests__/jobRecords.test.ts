import { describe, expect, it } from 'vitest';
import { isUnfinished, type JobState, trimFinished } from '../jobRecords';

describe('isUnfinished', () => {
  it.each<[JobState, boolean]>([
    ['running', true],
    ['waiting-for-sign-in', true],
    ['done', false],
    ['failed', false],
    ['cancelled', false],
  ])('%s: %s', (state, unfinished) => {
    expect(isUnfinished({ state })).toBe(unfinished);
  });
});

describe('trimFinished', () => {
  // Newest first; upper case = still under way.
  const running = (entry: string) => entry === entry.toUpperCase();

  it.each<[string, string[], number, string[]]>([
    ['a list within the limit stays whole', ['a', 'B', 'c'], 3, ['a', 'B', 'c']],
    ['the oldest finished go first', ['a', 'b', 'c', 'd'], 2, ['a', 'b']],
    ['an old unfinished one stays', ['a', 'b', 'c', 'D'], 2, ['a', 'D']],
    ['unfinished ones beyond the limit all stay', ['A', 'b', 'C', 'D'], 2, ['A', 'C', 'D']],
    ['finished ones fill the room left, newest first', ['a', 'B', 'c', 'd'], 3, ['a', 'B', 'c']],
  ])('%s', (_name, list, limit, kept) => {
    expect(trimFinished(list, limit, running)).toEqual(kept);
  });
});
