/**
 * Where the token of "Stay signed in on this computer" lives: sealed with AES-GCM under a key that
 * cannot be exported, in two places of the extension's own origin, opened from the background
 * (service worker, or Firefox's background page). Both survive a browser restart like
 * `storage.local` does, and no content script can read either: content scripts run in the web
 * page's origin. What is sealed is the token together with who it belongs to (lib/session.ts), so
 * AES-GCM authenticates the account's origin too; `local:signedIn` holds a plain copy of the
 * latter (no secret) that nothing is taken from.
 *
 * - The key, a `CryptoKey`, in IndexedDB. Browsers write its raw bytes into IndexedDB's files
 *   (Chromium's LevelDB log keeps them after a delete, until it compacts), so the key alone must
 *   never be enough.
 * - The sealed token (IV and ciphertext) in Cache Storage, where each entry is a file of its own
 *   that the browser deletes with the entry. Sign-out deletes it, so the key bytes left in
 *   IndexedDB's log decrypt nothing left on disk.
 *
 * The token itself is never written anywhere in plain form.
 */

/** The one token kept on disk (with whatever the caller seals along with it); `null` when none. */
export interface TokenStore {
  get(): Promise<string | null>;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
}

/** Named records of structured-cloneable values (a `CryptoKey` is one): IndexedDB. */
export interface SecretRecords {
  get(name: string): Promise<unknown>;
  put(name: string, value: unknown): Promise<void>;
  delete(name: string): Promise<void>;
}

/** One run of bytes kept as an entry the browser deletes from disk with it: Cache Storage. */
export interface SealedBytes {
  get(): Promise<Uint8Array | null>;
  set(bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  clear(): Promise<void>;
}

/** The key's record. */
const KEY_RECORD = 'tokenKey';
/** Where the previous version kept the token in plain text: re-encrypted on first read. */
const PLAIN_TOKEN_RECORD = 'persistentToken';
const IV_BYTES = 12;

/**
 * The token sealed under a fresh non-extractable AES-GCM key at each write (so no IV is ever used
 * twice with one key). A plain token left by the previous version is sealed on first read and its
 * record deleted; the user stays signed in.
 */
export function encryptedTokenStore(
  records: SecretRecords,
  sealed: SealedBytes,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): TokenStore {
  async function set(token: string): Promise<void> {
    const key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const ciphertext = new Uint8Array(
      await subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(token)),
    );
    const bytes = new Uint8Array(IV_BYTES + ciphertext.length);
    bytes.set(iv);
    bytes.set(ciphertext, IV_BYTES);
    // Key first: a write cut short between the two leaves a key that opens nothing (no token).
    await records.put(KEY_RECORD, key);
    await sealed.set(bytes);
    await records.delete(PLAIN_TOKEN_RECORD);
  }

  async function open(): Promise<string | null> {
    const key = await records.get(KEY_RECORD);
    if (!(key instanceof CryptoKey)) return null;
    const bytes = await sealed.get();
    if (!bytes || bytes.length <= IV_BYTES) return null;
    try {
      const plain = await subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES) },
        key,
        bytes.slice(IV_BYTES),
      );
      const token = new TextDecoder().decode(plain);
      return token === '' ? null : token;
    } catch {
      // Sealed under another key: a write was cut short. There is no token.
      return null;
    }
  }

  return {
    async get() {
      const plain = await records.get(PLAIN_TOKEN_RECORD);
      if (typeof plain === 'string' && plain !== '') {
        await set(plain);
        return plain;
      }
      return open();
    },
    set,
    async clear() {
      // The sealed token first: once it is gone, a key left behind opens nothing.
      await sealed.clear();
      await records.delete(KEY_RECORD);
      await records.delete(PLAIN_TOKEN_RECORD);
    },
  };
}

const DATABASE = 'leankit-exporter';
const OBJECT_STORE = 'secrets';
const CACHE = 'leankit-exporter-secrets';
/** Cache Storage keys entries by http(s) request; this one names an entry and is never fetched. */
const SEALED_TOKEN_URL = 'https://leankit-exporter.invalid/sealed-token';

/**
 * The token store of the extension: the key in IndexedDB, the sealed token in Cache Storage.
 * Where either is missing (unit tests under Node), there is no stored token, clearing does
 * nothing, and storing one fails.
 */
export function indexedDbTokenStore(
  indexedDb: () => IDBFactory | undefined = () => globalThis.indexedDB,
  caches: () => CacheStorage | undefined = () => globalThis.caches,
): TokenStore {
  const store = encryptedTokenStore(indexedDbRecords(indexedDb), cacheStorageBytes(caches));
  const available = () => indexedDb() !== undefined && caches() !== undefined;
  return {
    get: async () => (available() ? store.get() : null),
    set: (token) => store.set(token),
    clear: async () => (available() ? store.clear() : undefined),
  };
}

/**
 * Records in the extension's IndexedDB. Each call opens and closes the database, so a service
 * worker stopped between calls leaves nothing half-open.
 */
export function indexedDbRecords(factory: () => IDBFactory | undefined): SecretRecords {
  async function withStore<T>(
    mode: IDBTransactionMode,
    work: (store: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> {
    const indexedDb = factory();
    if (!indexedDb) throw new Error('IndexedDB is not available in this context.');
    const database = await settle(openDatabase(indexedDb));
    try {
      const transaction = database.transaction(OBJECT_STORE, mode);
      // A write counts only once its transaction has committed.
      const committed = new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error ?? new Error('Transaction aborted'));
      });
      const [result] = await Promise.all([
        settle(work(transaction.objectStore(OBJECT_STORE))),
        committed,
      ]);
      return result;
    } finally {
      database.close();
    }
  }

  return {
    get: (name) => withStore('readonly', (store) => store.get(name)),
    put: async (name, value) => {
      await withStore('readwrite', (store) => store.put(value, name));
    },
    delete: async (name) => {
      await withStore('readwrite', (store) => store.delete(name));
    },
  };
}

/** One entry of the extension's Cache Storage; Chromium and Firefox unlink its file on delete. */
export function cacheStorageBytes(factory: () => CacheStorage | undefined): SealedBytes {
  function cacheStorage(): CacheStorage {
    const caches = factory();
    if (!caches) throw new Error('Cache Storage is not available in this context.');
    return caches;
  }
  return {
    async get() {
      const response = await (await cacheStorage().open(CACHE)).match(SEALED_TOKEN_URL);
      return response ? new Uint8Array(await response.arrayBuffer()) : null;
    },
    async set(bytes) {
      const cache = await cacheStorage().open(CACHE);
      await cache.put(SEALED_TOKEN_URL, new Response(bytes));
    },
    async clear() {
      // The entry itself: deleting only the cache leaves its files until the browser lets go of it.
      await (await cacheStorage().open(CACHE)).delete(SEALED_TOKEN_URL);
      await cacheStorage().delete(CACHE);
    },
  };
}

function openDatabase(indexedDb: IDBFactory): IDBOpenDBRequest {
  const request = indexedDb.open(DATABASE, 1);
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(OBJECT_STORE)) {
      request.result.createObjectStore(OBJECT_STORE);
    }
  };
  return request;
}

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
