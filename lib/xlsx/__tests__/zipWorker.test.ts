// @vitest-environment node
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deflatedEntries } from '../zipEntries';
import {
  failingToPage,
  movable,
  type ZipCommand,
  type Zipped,
  zipWorker,
  zipWorkerEntries,
} from '../zipWorker';

/** A zip worker whose posts are kept, with the buffers each one moved. */
function postedZipWorker() {
  const posts: { message: Zipped<string>; transfer: ArrayBuffer[] }[] = [];
  const handle = zipWorker<string>((message, transfer) => posts.push({ message, transfer }));
  return { handle, posts };
}

const bytesOf = (posts: { message: Zipped<string> }[]) =>
  new Uint8Array(Buffer.concat(posts.flatMap((post) => post.message.bytes)));

describe('zipWorker', () => {
  it('zips its entries as deflatedEntries does here, the bytes coming back at each mark', () => {
    const here: Uint8Array[] = [];
    const entries = deflatedEntries((bytes) => here.push(bytes));
    const { handle, posts } = postedZipWorker();
    const commands: ZipCommand<string>[] = [
      { op: 'start', path: 'a.xml' },
      { op: 'push', bytes: strToU8('<a>'.repeat(50_000)), final: false },
      { op: 'mark', mark: 'first' },
      { op: 'push', bytes: strToU8('</a>'), final: true },
      { op: 'start', path: 'b.xml' },
      { op: 'push', bytes: strToU8('<b/>'), final: true },
      { op: 'end' },
      { op: 'mark', mark: 'last' },
    ];
    for (const command of commands) {
      if (command.op === 'start') entries.start(command.path);
      if (command.op === 'push') entries.push(command.bytes.slice(), command.final);
      if (command.op === 'end') entries.end();
      handle(command);
    }

    expect(posts.map((post) => post.message.mark)).toEqual(['first', 'last']);
    // The same zip but for the entries' times (to 2 seconds), which the bytes hold.
    expect(bytesOf(posts).byteLength).toBe(Buffer.concat(here).byteLength);
    expect(unzipSync(bytesOf(posts))).toEqual(unzipSync(new Uint8Array(Buffer.concat(here))));
    const parts = unzipSync(bytesOf(posts));
    expect(strFromU8(parts['a.xml'] ?? new Uint8Array())).toBe(`${'<a>'.repeat(50_000)}</a>`);
    expect(strFromU8(parts['b.xml'] ?? new Uint8Array())).toBe('<b/>');
  });

  it('moves every array it sends, each with a buffer of its own', () => {
    const { handle, posts } = postedZipWorker();
    handle({ op: 'start', path: 'a.xml' });
    handle({ op: 'push', bytes: strToU8('<a/>'), final: true });
    handle({ op: 'end' });
    handle({ op: 'mark', mark: 'end' });
    const [{ message, transfer } = { message: { bytes: [] }, transfer: [] }] = posts;
    expect(message.bytes.length).toBeGreaterThan(1);
    expect(transfer).toEqual(message.bytes.map((bytes) => bytes.buffer));
    for (const bytes of message.bytes) expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
  });

  it('sends nothing between marks', () => {
    const { handle, posts } = postedZipWorker();
    handle({ op: 'start', path: 'a.xml' });
    handle({ op: 'push', bytes: strToU8('<a/>'.repeat(100_000)), final: false });
    expect(posts).toEqual([]);
    handle({ op: 'mark', mark: 'now' });
    expect(posts).toHaveLength(1);
  });
});

describe('zipWorkerEntries', () => {
  it('sends each entry’s bytes to the zip worker, moved, and marks between them', () => {
    const sent: { command: ZipCommand<number>; transfer: ArrayBuffer[] }[] = [];
    const entries = zipWorkerEntries<number>((command, transfer) =>
      sent.push({ command, transfer }),
    );
    const whole = strToU8('<a/>');
    entries.start('a.xml');
    entries.push(whole, true);
    entries.mark(7);
    entries.end();
    expect(sent.map(({ command }) => command)).toEqual([
      { op: 'start', path: 'a.xml' },
      { op: 'push', bytes: whole, final: true },
      { op: 'mark', mark: 7 },
      { op: 'end' },
    ]);
    expect(sent[1]?.transfer).toEqual([whole.buffer]);
  });

  it('moves a copy of an array that is part of a larger buffer, which stays whole', () => {
    const sent: { command: ZipCommand<number>; transfer: ArrayBuffer[] }[] = [];
    const entries = zipWorkerEntries<number>((command, transfer) =>
      sent.push({ command, transfer }),
    );
    const buffer = strToU8('<a/><b/>');
    entries.start('a.xml');
    entries.push(buffer.subarray(0, 4), true);
    const [, push] = sent;
    expect(push?.transfer).toHaveLength(1);
    expect(push?.transfer[0]).not.toBe(buffer.buffer);
    expect(push?.command).toEqual({ op: 'push', bytes: strToU8('<a/>'), final: true });
  });
});

describe('movable', () => {
  it('is the array itself when it spans its buffer, a copy of its bytes otherwise', () => {
    const whole = new Uint8Array([1, 2, 3]);
    expect(movable(whole)).toBe(whole);
    const part = whole.subarray(1);
    expect(movable(part)).not.toBe(part);
    expect(movable(part)).toEqual(new Uint8Array([2, 3]));
  });
});

describe('failingToPage', () => {
  it('tells the page of the first failure, and takes no message after it', () => {
    const posted: unknown[] = [];
    const handled: unknown[] = [];
    const listener = failingToPage({ postMessage: (message) => posted.push(message) }, (data) => {
      if (data === 'bad') throw new Error('No zip entry was started');
      handled.push(data);
    });
    for (const data of ['one', 'bad', 'two']) listener(new MessageEvent('message', { data }));
    expect(handled).toEqual(['one']);
    expect(posted).toEqual([{ failed: 'No zip entry was started' }]);
  });
});
