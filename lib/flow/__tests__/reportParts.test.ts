import { describe, expect, it } from 'vitest';
import type { PartsMessage } from '../../jobs/partsChannel';
import { type PartsChannel, PartsRestarted, ReportParts } from '../reportParts';

/** A channel the test tells messages on, as a build's teller does. */
function fakeChannel() {
  const channel: PartsChannel & { closed: boolean } = {
    onmessage: null,
    closed: false,
    close() {
      this.closed = true;
    },
  };
  const tell = (message: PartsMessage) =>
    channel.onmessage?.(new MessageEvent('message', { data: message }));
  return { channel, tell };
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let read = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return read + decoder.decode();
    read += decoder.decode(value, { stream: true });
  }
}

describe('a report told part by part', () => {
  it('is its parts’ bytes in order, to the end, whether told before or while it is read', async () => {
    const { channel, tell } = fakeChannel();
    const parts = new ReportParts(channel);
    tell({ reset: true });
    tell({ part: new Blob(['id,lane\n1,']) });
    const reading = text(parts.stream());
    tell({ part: new Blob(['a\n2,b\n']) });
    tell({ end: true });
    expect(await reading).toBe('id,lane\n1,a\n2,b\n');
  });

  it('fails as restarted when a retry starts the file again, and the next stream is the retry’s', async () => {
    const { channel, tell } = fakeChannel();
    const parts = new ReportParts(channel);
    tell({ reset: true });
    tell({ part: new Blob(['id,lane\n1,a\n']) });
    tell({ reset: true });
    tell({ part: new Blob(['id,lane\n1,b\n']) });
    tell({ end: true });
    await expect(text(parts.stream())).rejects.toBeInstanceOf(PartsRestarted);
    expect(await text(parts.stream())).toBe('id,lane\n1,b\n');
  });

  it('takes a retry before any byte was read as the same file', async () => {
    const { channel, tell } = fakeChannel();
    const parts = new ReportParts(channel);
    tell({ reset: true });
    tell({ reset: true });
    tell({ part: new Blob(['id\n']) });
    tell({ end: true });
    expect(await text(parts.stream())).toBe('id\n');
  });

  it('closes its channel', () => {
    const { channel } = fakeChannel();
    new ReportParts(channel).close();
    expect(channel.closed).toBe(true);
    expect(channel.onmessage).toBeNull();
  });
});
