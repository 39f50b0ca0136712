// @vitest-environment node
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../tests/simulator/index';
import { readCustomFields } from '../customFields';

const HEADER =
  '"cardId","currentBoardId","externalCardId","customFieldId","label","type","customFieldValue"\r\n';

function row(cardId: string, label: string, value: string): string {
  return `${[cardId, '1', '', '9', label, 'text', value].map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')}\r\n`;
}

function read(text: string, chunkSize = text.length) {
  const reader = readCustomFields();
  for (let i = 0; i < text.length; i += chunkSize) reader.push(text.slice(i, i + chunkSize));
  return { reader, table: reader.table() };
}

describe('readCustomFields', () => {
  const text =
    HEADER +
    row('1', 'Team', 'Core') +
    row('1', 'Budget, "code"', 'B-1') +
    row('2', 'Team', 'Ops, on call') +
    row('3', 'Estimate', '') +
    row('4', 'Team', 'Core') +
    row('4', 'Team', 'Growth');

  it('holds each card’s values by label, labels sorted, however the text is chunked', () => {
    for (const size of [1, 7, 64, text.length]) {
      const { reader, table } = read(text, size);
      expect(reader.complete).toBe(true);
      // A label with no value on any card is still a column: a file's columns do not depend on
      // what the cards hold today.
      expect(table.labels).toEqual(['Budget, "code"', 'Estimate', 'Team']);
      expect(table.valuesOf('1')).toEqual(['B-1', undefined, 'Core']);
      expect(table.valuesOf('2')).toEqual([undefined, undefined, 'Ops, on call']);
      // An empty value is no value; a card with none has no entry.
      expect(table.valuesOf('3')).toBeUndefined();
      expect(table.valuesOf('99')).toBeUndefined();
      // Two values under one label are both kept.
      expect(table.valuesOf('4')).toEqual([undefined, undefined, 'Core; Growth']);
    }
  });

  it.each([
    ['an empty body', ''],
    ['a header without its line break', HEADER.trimEnd()],
    ['a cut last row', HEADER + row('1', 'Team', 'Core').slice(0, 12)],
  ])('is not complete after %s', (_name, body) => {
    expect(read(body).reader.complete).toBe(false);
  });

  it('reads a header of labels, and a BOM', () => {
    const labels =
      '\uFEFF"Card ID","Board ID","External Card ID","Custom Field ID","Label","Type","Custom Field Value"\r\n';
    expect(read(labels + row('7', 'Team', 'Core')).table.valuesOf('7')).toEqual(['Core']);
  });

  describe('against the simulator’s customfields report', () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = await startSimulator({ boards: 2, cardsPerBoard: 30 });
    });
    afterAll(() => sim.close());

    it('has every value of the report, under its card and label', async () => {
      const body = (await sim.body('/io/reporting/export/customfields?format=csv')).toString();
      const { table } = read(body, 1000);
      const rows = Papa.parse<Record<string, string>>(body.trim(), { header: true }).data;
      expect(rows.length).toBeGreaterThan(10);
      expect(table.labels).toEqual([...new Set(rows.map((r) => r.label as string))].sort());
      for (const r of rows) {
        const values = table.valuesOf(r.cardId as string) ?? [];
        expect(values[table.labels.indexOf(r.label as string)]).toBe(r.customFieldValue);
      }
    });
  });
});
