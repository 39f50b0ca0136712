// @vitest-environment node
import { resolveObjectURL } from 'node:buffer';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BlobFiles, serveBlobFiles } from '../blobFiles';

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

describe('serveBlobFiles', () => {
  const worker = {
    id: 'test-extension-id',
    url: 'chrome-extension://test-extension-id/background.js',
  };
  const contentScript = {
    id: 'test-extension-id',
    url: 'https://acme.leankit.com/board/1',
    frameId: 0,
    tab: { id: 3 },
  };
  const popup = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' };
  let files: BlobFiles;

  beforeEach(() => {
    fakeBrowser.reset();
    files = new BlobFiles();
    serveBlobFiles(files);
  });

  async function send(message: object, sender: object): Promise<unknown> {
    const [reply] = await fakeBrowser.runtime.onMessage.trigger(
      { target: 'offscreen-blobs', ...message },
      sender,
      () => undefined,
    );
    return reply;
  }

  it('builds files for the service worker', async () => {
    await send({ op: 'append', fileId: 'job-1', text: 'a,b\r\n' }, worker);
    const url = await send({ op: 'finish', fileId: 'job-1', mimeType: 'text/csv' }, worker);
    expect(await read(url as string)).toEqual({ text: 'a,b\r\n', type: 'text/csv' });
  });

  it.each([
    ['a content script', contentScript],
    ['the popup', popup],
  ])('leaves a file alone when %s asks to add to it or drop it', async (_name, sender) => {
    await send({ op: 'append', fileId: 'job-1', text: 'a,b\r\n' }, worker);
    expect(await send({ op: 'append', fileId: 'job-1', text: '=HYPERLINK("x")\r\n' }, sender)).toBe(
      undefined,
    );
    expect(await send({ op: 'release', fileId: 'job-1' }, sender)).toBe(undefined);
    expect(await send({ op: 'finish', fileId: 'job-1', mimeType: 'text/csv' }, sender)).toBe(
      undefined,
    );
    const url = await send({ op: 'finish', fileId: 'job-1', mimeType: 'text/csv' }, worker);
    expect(await read(url as string)).toEqual({ text: 'a,b\r\n', type: 'text/csv' });
  });
});
