// @vitest-environment node

import { describe, expect, it } from 'vitest';
import {
  encryptedTokenStore,
  indexedDbTokenStore,
  type SealedBytes,
  type SecretRecords,
} from '../persistentToken';

// IndexedDB and Cache Storage themselves run in real browsers: tests/e2e/signOutForgets.spec.ts.

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiRGFuYSJ9.c2lnbmF0dXJl';

/** IndexedDB's records as the browser keeps them: structured clones, as a `CryptoKey` is stored. */
function memoryRecords(): SecretRecords & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: async (name) => structuredClone(values.get(name)),
    put: async (name, value) => {
      values.set(name, structuredClone(value));
    },
    delete: async (name) => {
      values.delete(name);
    },
  };
}

function memoryBytes(): SealedBytes & { bytes: Uint8Array | null } {
  const sealed: SealedBytes & { bytes: Uint8Array | null } = {
    bytes: null,
    get: async () => (sealed.bytes ? sealed.bytes.slice() : null),
    set: async (bytes) => {
      sealed.bytes = bytes.slice();
    },
    clear: async () => {
      sealed.bytes = null;
    },
  };
  return sealed;
}

function setUp() {
  const records = memoryRecords();
  const sealed = memoryBytes();
  return { records, sealed, store: encryptedTokenStore(records, sealed) };
}

/** Whether `needle` occurs in `haystack`, as bytes. */
function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle));
}

describe('encryptedTokenStore', () => {
  it('gives back the token it kept, from a non-extractable key and sealed bytes without the token in them', async () => {
    const { records, sealed, store } = setUp();
    await store.set(TOKEN);
    expect(await store.get()).toBe(TOKEN);

    expect([...records.values.keys()]).toEqual(['tokenKey']);
    const key = records.values.get('tokenKey');
    if (!(key instanceof CryptoKey)) throw new Error('no CryptoKey was kept');
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();

    const bytes = sealed.bytes;
    if (!bytes) throw new Error('nothing was sealed');
    for (const part of [TOKEN, ...TOKEN.split('.')]) {
      expect(containsBytes(bytes, new TextEncoder().encode(part))).toBe(false);
    }
    // 12 bytes of IV, the token's length in ciphertext, 16 bytes of authentication tag.
    expect(bytes.length).toBe(12 + TOKEN.length + 16);
  });

  it('seals every write under a fresh key and IV', async () => {
    const { records, sealed, store } = setUp();
    await store.set(TOKEN);
    const firstKey = records.values.get('tokenKey');
    const first = sealed.bytes?.slice();
    await store.set(TOKEN);
    expect(records.values.get('tokenKey')).not.toBe(firstKey);
    expect(sealed.bytes?.slice(0, 12)).not.toEqual(first?.slice(0, 12));
    expect(sealed.bytes).not.toEqual(first);
    expect(await store.get()).toBe(TOKEN);
  });

  it('clear deletes the key and the sealed token', async () => {
    const { records, sealed, store } = setUp();
    await store.set(TOKEN);
    await store.clear();
    expect(sealed.bytes).toBeNull();
    expect(records.values.size).toBe(0);
    expect(await store.get()).toBeNull();
  });

  it('has no token when the key or the sealed bytes are missing, or do not belong together', async () => {
    const { records, sealed, store } = setUp();
    expect(await store.get()).toBeNull();

    await store.set(TOKEN);
    const key = records.values.get('tokenKey');
    await records.delete('tokenKey');
    expect(await store.get()).toBeNull();

    await records.put('tokenKey', key);
    await sealed.clear();
    expect(await store.get()).toBeNull();

    // A write cut short after its new key: the bytes were sealed under the previous one.
    await store.set(TOKEN);
    const sealedUnderOld = sealed.bytes;
    await store.set(TOKEN);
    sealed.bytes = sealedUnderOld;
    expect(await store.get()).toBeNull();

    sealed.bytes = new Uint8Array(12);
    expect(await store.get()).toBeNull();
  });

  it('seals a plain token left by the previous version on first read, and deletes its record', async () => {
    const { records, sealed, store } = setUp();
    await records.put('persistentToken', TOKEN);

    expect(await store.get()).toBe(TOKEN);
    expect(records.values.has('persistentToken')).toBe(false);
    expect(records.values.get('tokenKey')).toBeInstanceOf(CryptoKey);
    expect(sealed.bytes).not.toBeNull();
    expect(await store.get()).toBe(TOKEN);
  });

  it('clear also deletes a plain token left by the previous version', async () => {
    const { records, store } = setUp();
    await records.put('persistentToken', TOKEN);
    await store.clear();
    expect(records.values.size).toBe(0);
    expect(await store.get()).toBeNull();
  });
});

const none = () => undefined;

describe('indexedDbTokenStore without IndexedDB or Cache Storage', () => {
  it.each<[string, () => IDBFactory | undefined, () => CacheStorage | undefined]>([
    ['IndexedDB', none, () => ({}) as CacheStorage],
    ['Cache Storage', () => ({}) as IDBFactory, none],
  ])('without %s, has no token and clears nothing', async (_, indexedDb, caches) => {
    const store = indexedDbTokenStore(indexedDb, caches);
    expect(await store.get()).toBeNull();
    await expect(store.clear()).resolves.toBeUndefined();
  });

  it('refuses to keep a token rather than pretend it did', async () => {
    const store = indexedDbTokenStore(none, none);
    await expect(store.set('eyJ.payload.signature')).rejects.toThrow(/IndexedDB is not available/);
  });
});
