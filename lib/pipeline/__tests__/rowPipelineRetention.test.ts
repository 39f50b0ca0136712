// @vitest-environment node
import { getHeapSnapshot } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { findReport } from '../../reports';
import { createRowPipeline } from '../rowPipeline';

const HEADER = '"cardId","parentCardId","externalCardId","cardTitle"\r\n';

/** Bytes of the strings in this process's heap that start with `prefix` and are over `least` long. */
async function heldStrings(prefix: string, least: number): Promise<number> {
  let json = '';
  for await (const chunk of getHeapSnapshot()) json += chunk;
  const heap = JSON.parse(json) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  json = '';
  const { node_fields: fields, node_types: types } = heap.snapshot.meta;
  const [TYPE, NAME, SIZE] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  let held = 0;
  for (let n = 0; n < heap.nodes.length; n += fields.length) {
    const type = types[0][heap.nodes[n + (TYPE as number)] as number];
    const size = heap.nodes[n + (SIZE as number)] as number;
    const name = heap.strings[heap.nodes[n + (NAME as number)] as number] ?? '';
    if (type === 'string' && size >= least && name.startsWith(prefix)) held += size;
  }
  return held;
}

describe('the row pipeline’s memory', () => {
  it('keeps none of a response’s first text once later text came: its header cells are copies', async () => {
    const report = findReport('cards');
    if (!report) throw new Error('no cards report');
    const pipeline = createRowPipeline({ report, format: 'csv', excelFriendly: true, recipe: {} });
    const reading = pipeline.response();
    const row = (i: number) => `"${i}","","","Card ${i} ${'x'.repeat(100)}"\r\n`;
    // One flat string of about 1.2 MB, dropped once read.
    (() => {
      const first = [HEADER, ...Array.from({ length: 10_000 }, (_, i) => row(i))].join('');
      expect(reading.push(first).rows).toBe(10_000);
    })();
    expect(reading.push(row(10_000) + row(10_001)).rows).toBe(2);
    expect(await heldStrings(HEADER.slice(0, 20), 1 << 20)).toBe(0);
    expect(reading.complete).toBe(true);
  });
});
