/**
 * Where the token of "Stay signed in on this computer" lives: the IndexedDB of the extension's own
 * origin, opened from the background (service worker, or Firefox's background page). It survives a
 * browser restart like `storage.local` does, but unlike `storage.local` no content script can read
 * it: content scripts run in the web page's origin, and IndexedDB belongs to the origin that opens
 * it. The rest of the session (account, email, name: no secret) stays in `local:signedIn`.
 */

/** The one token kept on disk; `null` when there is none. */
export interface TokenStore {
  get(): Promise<string | null>;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
}

const DATABASE = 'leankit-exporter';
const OBJECT_STORE = 'secrets';
const KEY = 'persistentToken';

/**
 * The token store over IndexedDB. Each call opens and closes the database, so a service worker
 * stopped between calls leaves nothing half-open. Where there is no IndexedDB (unit tests under
 * Node), there is no stored token, clearing does nothing, and storing one fails.
 */
export function indexedDbTokenStore(
  factory: () => IDBFactory | undefined = () => globalThis.indexedDB,
): TokenStore {
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
    async get() {
      if (!factory()) return null;
      const value = await withStore('readonly', (store) => store.get(KEY));
      return typeof value === 'string' && value !== '' ? value : null;
    },
    async set(token) {
      await withStore('readwrite', (store) => store.put(token, KEY));
    },
    async clear() {
      if (!factory()) return;
      await withStore('readwrite', (store) => store.delete(KEY));
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
