// @vitest-environment node

import { describe, expect, it } from 'vitest';
import { indexedDbTokenStore } from '../persistentToken';

// The IndexedDB path itself runs in real browsers: tests/e2e/security.spec.ts.
describe('indexedDbTokenStore without IndexedDB', () => {
  const store = indexedDbTokenStore(() => undefined);

  it('has no token and clears nothing', async () => {
    expect(await store.get()).toBeNull();
    await expect(store.clear()).resolves.toBeUndefined();
  });

  it('refuses to keep a token rather than pretend it did', async () => {
    await expect(store.set('eyJ.payload.signature')).rejects.toThrow(/IndexedDB is not available/);
  });
});
