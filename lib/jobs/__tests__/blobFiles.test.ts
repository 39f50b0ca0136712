// @vitest-environment node
import { resolveObjectURL } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { BlobFiles } from '../blobFiles';

async function read(url: string): Promise<{ text: string; type: string } | undefined> {
  const blob = resolveObjectURL(url);
  return blob && { text: Buffer.from(await blob.arrayBuffer()).toString('utf8'), type: blob.type };
}

describe('BlobFiles', () => {
  it('builds each file from its own chunks, typed, and keeps concurrent files apart', async () => {
    const files = new BlobFiles();
    await files.append('a', '\uFEFF"x"\r\n');
    await files.append('b', 'other');
    await files.append('a', '"Ünï ✓"\r\n');
    const url = await files.finish('a', 'text/csv');
    expect(await read(url)).toEqual({ text: '\uFEFF"x"\r\n"Ünï ✓"\r\n', type: 'text/csv' });
    expect(await read(await files.finish('b', 'text/csv'))).toMatchObject({ text: 'other' });
  });

  it('can finish again after a failed save, and release revokes the URL', async () => {
    const files = new BlobFiles();
    await files.append('a', 'rows');
    const first = await files.finish('a', 'text/csv');
    const second = await files.finish('a', 'text/csv');
    expect(await read(first)).toBeUndefined();
    expect(await read(second)).toMatchObject({ text: 'rows' });
    await files.release('a');
    expect(await read(second)).toBeUndefined();
    expect(await read(await files.finish('a', 'text/csv'))).toMatchObject({ text: '' });
  });
});
