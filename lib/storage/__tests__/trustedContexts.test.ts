import { describe, expect, it } from 'vitest';
import { restrictStorageToExtension } from '../trustedContexts';

/** An area that notes the access levels it was given, or refuses them as Firefox's `local` does. */
function area(refuses = false) {
  const levels: string[] = [];
  return {
    levels,
    async setAccessLevel({ accessLevel }: { accessLevel: string }) {
      if (refuses) throw new Error('This storage area does not support setAccessLevel');
      levels.push(accessLevel);
    },
  };
}

describe('restrictStorageToExtension', () => {
  it('closes every area to content scripts where the browser can (Chrome)', async () => {
    const storage = { local: area(), sync: area(), session: area() };
    expect(await restrictStorageToExtension(storage)).toEqual(['local', 'sync', 'session']);
    expect([storage.local.levels, storage.sync.levels, storage.session.levels]).toEqual([
      ['TRUSTED_CONTEXTS'],
      ['TRUSTED_CONTEXTS'],
      ['TRUSTED_CONTEXTS'],
    ]);
  });

  it.each([
    ['lack the method', { local: {}, sync: {}, session: area() }],
    ['refuse it', { local: area(true), sync: area(true), session: area() }],
  ])('restricts the areas that can be, where others %s (Firefox)', async (_name, storage) => {
    expect(await restrictStorageToExtension(storage)).toEqual(['session']);
    expect(storage.session.levels).toEqual(['TRUSTED_CONTEXTS']);
  });
});
