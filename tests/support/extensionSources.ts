import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The folders that hold the extension's own code (what ships), as opposed to tests and tooling. */
export const EXTENSION_SOURCE_ROOTS = ['lib', 'components', 'entrypoints'];

/** Every source file of the extension (`.ts`, `.tsx`, `.html`), tests excluded, sorted. */
export async function extensionSourceFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const root of EXTENSION_SOURCE_ROOTS) {
    for (const entry of await readdir(root, { recursive: true })) {
      const path = join(root, entry);
      if (path.split('/').includes('__tests__')) continue;
      if (/\.(?:ts|tsx|html)$/.test(path)) files.push(path);
    }
  }
  return files.sort();
}
