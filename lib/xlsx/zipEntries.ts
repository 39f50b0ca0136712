/**
 * Where a workbook's parts go: each part is one zip entry, compressed as its XML comes. Here, with
 * fflate's synchronous streaming `Zip` + `ZipDeflate` (its async `zip()` starts `blob:` workers,
 * which extension pages may not run); or, for an export converted off the page's main thread, in
 * a worker of its own (lib/jobs/workbookWorkers/), which runs the same `deflatedEntries`.
 */
import { Zip, ZipDeflate } from 'fflate';

export interface ZipEntries {
  /** Starts the next entry; the one before must have ended. */
  start(path: string): void;
  /** Adds UTF-8 bytes to the current entry, which keeps them; `final` ends the entry. */
  push(bytes: Uint8Array, final: boolean): void;
  /** Ends the zip: its directory of entries. */
  end(): void;
}

/**
 * Deflate's fastest level: compressing is most of the writer's time, and level 6 took 1.8× as long
 * for a file 13% smaller (cards-shaped rows).
 */
const COMPRESSION = 1;

/** Entries compressed here; the zip's bytes go to `onChunk` in order, each array its to keep. */
export function deflatedEntries(onChunk: (bytes: Uint8Array) => void): ZipEntries {
  const zip = new Zip((error, bytes) => {
    if (error) throw error;
    onChunk(bytes);
  });
  let entry: ZipDeflate | undefined;
  return {
    start(path) {
      entry = new ZipDeflate(path, { level: COMPRESSION });
      zip.add(entry);
    },
    push(bytes, final) {
      if (!entry) throw new Error('No zip entry was started');
      entry.push(bytes, final);
      if (final) entry = undefined;
    },
    end() {
      zip.end();
    },
  };
}
