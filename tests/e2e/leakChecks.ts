import { readdir } from 'node:fs/promises';
import type { RequestLogEntry } from '../simulator/index';

/** Every reporting token is a JWT, and every JWT starts with the base64 of `{"`. */
const JWT = /eyJ[\w-]*\.[\w-]*/;

/**
 * The token never travels in a URL: every request of the test carried it in the Authorization
 * header (or not at all), and no path or query value looks like a JWT. Run after every test by the
 * simulator fixtures, so any test that leaks fails.
 */
export function expectNoTokenInUrls(requests: readonly RequestLogEntry[]): void {
  const leaks = requests.filter(
    (request) =>
      request.tokenTransport === 'query' ||
      JWT.test(request.path) ||
      Object.values(request.query).some((value) => JWT.test(value)),
  );
  if (leaks.length > 0) {
    const list = leaks.map((r) => `${r.method} ${r.path} (${r.tokenTransport})`).join(', ');
    throw new Error(`A token travelled in a URL: ${list}`);
  }
}

/** No file the test saved has the token, or anything like a JWT, in its name. */
export async function expectNoTokenInFileNames(downloadDir: string): Promise<void> {
  const names = await readdir(downloadDir, { recursive: true });
  const leaks = names.filter((name) => name.includes('eyJ'));
  if (leaks.length > 0) throw new Error(`A token is in a file name: ${leaks.join(', ')}`);
}
