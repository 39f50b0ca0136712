import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * The ways a token's bytes can sit in a browser profile's files: the whole token and each of its
 * three base64url parts, as one-byte text and as UTF-16 (IndexedDB may keep strings in either),
 * and the signature decoded to its raw bytes.
 */
export function tokenForms(token: string): Map<string, Buffer> {
  const forms = new Map<string, Buffer>();
  const [header = '', payload = '', signature = ''] = token.split('.');
  for (const [name, text] of Object.entries({ token, header, payload, signature })) {
    forms.set(`${name} (text)`, Buffer.from(text, 'latin1'));
    forms.set(`${name} (UTF-16)`, Buffer.from(text, 'utf16le'));
  }
  forms.set('signature (raw bytes)', Buffer.from(signature, 'base64url'));
  return forms;
}

/**
 * Which of `needles` occur in which files under `dir`, as "needle name in relative/path". Files the
 * browser removes while we read (or cannot be read, such as a lock symlink) are skipped.
 */
export async function findInFiles(dir: string, needles: Map<string, Buffer>): Promise<string[]> {
  const found: string[] = [];
  for (const file of await filesUnder(dir)) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      continue;
    }
    for (const [name, needle] of needles) {
      if (bytes.includes(needle)) found.push(`${name} in ${relative(dir, file)}`);
    }
  }
  return found;
}

async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
