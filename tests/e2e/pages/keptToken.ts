import type { UiPage } from '../../support/ui/uiPage';

/**
 * What "Stay signed in on this computer" keeps (lib/persistentToken.ts), read from one of the
 * extension's pages, which share the background's origin: the token opened with the key in
 * IndexedDB (the sealed session's token), and the sealed bytes as they sit in Cache Storage (base64). Nulls when there is none;
 * never creates the database.
 */
export async function readKept(
  page: UiPage,
): Promise<{ token: string | null; sealed: string | null }> {
  return page.evaluate(async () => {
    const key = await new Promise<unknown>((resolve, reject) => {
      const open = indexedDB.open('leankit-exporter');
      // The database does not exist yet: leave it uncreated.
      open.onupgradeneeded = () => open.transaction?.abort();
      open.onerror = () => resolve(null);
      open.onsuccess = () => {
        const database = open.result;
        if (!database.objectStoreNames.contains('secrets')) {
          database.close();
          resolve(null);
          return;
        }
        const read = database.transaction('secrets').objectStore('secrets').get('tokenKey');
        read.onsuccess = () => {
          database.close();
          resolve(read.result);
        };
        read.onerror = () => reject(read.error);
      };
    });
    const response = (await caches.has('leankit-exporter-secrets'))
      ? await (await caches.open('leankit-exporter-secrets')).match(
          'https://leankit-exporter.invalid/sealed-token',
        )
      : undefined;
    const bytes = response ? new Uint8Array(await response.arrayBuffer()) : null;
    const sealed = bytes ? btoa(String.fromCharCode(...bytes)) : null;
    if (!(key instanceof CryptoKey) || !bytes) return { token: null, sealed };
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.slice(0, 12) },
      key,
      bytes.slice(12),
    );
    // Sealed together with who it belongs to (lib/session.ts).
    const session: { token: string } = JSON.parse(new TextDecoder().decode(plain));
    return { token: session.token, sealed };
  });
}

/** The token "Stay signed in on this computer" keeps; null when there is none. */
export async function readKeptToken(page: UiPage): Promise<string | null> {
  return (await readKept(page)).token;
}
