// @vitest-environment node
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createXlsxWriter } from '../xlsxWriter';

/** The workbook's parts' text by path. */
function partsOf(chunks: Uint8Array[]): Record<string, string> {
  const zipped = new Uint8Array(Buffer.concat(chunks));
  return Object.fromEntries(
    Object.entries(unzipSync(zipped)).map(([path, bytes]) => [path, strFromU8(bytes)]),
  );
}

const rowsOf = (sheet: string | undefined) => sheet?.match(/<row(?: r="1")?>.*?<\/row>/g) ?? [];

describe('createXlsxWriter, several tables', () => {
  it('writes each table on its own named sheet, with its own columns and types', () => {
    const chunks: Uint8Array[] = [];
    const writer = createXlsxWriter({
      sheetName: 'Cards',
      columns: [
        { header: 'cardId', type: 'string' },
        { header: 'cardSize', type: 'int' },
      ],
      onChunk: (bytes) => chunks.push(bytes),
    });
    writer.addRow(['10100000001', '3']);
    writer.addRow(['10100000002', '5']);
    const cards = writer.nextSheet('Lanes', [{ header: 'isDrillthroughDoneLane', type: 'bool' }]);
    writer.addRow(['true']);
    const lanes = writer.finish();

    expect(cards).toEqual({ rows: 2, sheets: 1 });
    expect(lanes).toEqual({ rows: 1, sheets: 1 });
    const parts = partsOf(chunks);
    expect(parts['xl/workbook.xml']).toContain(
      '<sheet name="Cards" sheetId="1" r:id="rId1"/><sheet name="Lanes" sheetId="2" r:id="rId2"/>',
    );
    expect(rowsOf(parts['xl/worksheets/sheet1.xml'])).toHaveLength(3);
    expect(parts['xl/worksheets/sheet1.xml']).toMatch(/<autoFilter ref="A1:B3"\/><\/worksheet>$/);
    expect(rowsOf(parts['xl/worksheets/sheet2.xml'])).toEqual([
      expect.stringContaining('<t>isDrillthroughDoneLane</t>'),
      '<row><c t="b"><v>1</v></c></row>',
    ]);
    expect(parts['[Content_Types].xml']).toContain('/xl/worksheets/sheet2.xml');
  });

  it("numbers a later table's split sheets from its own name, and counts its own rows", () => {
    const chunks: Uint8Array[] = [];
    const writer = createXlsxWriter({
      sheetName: 'Cards',
      columns: [{ header: 'cardId', type: 'string' }],
      onChunk: (bytes) => chunks.push(bytes),
      maxRowsPerSheet: 2,
    });
    writer.addRow(['1']);
    writer.addRow(['2']);
    expect(writer.nextSheet('Tags', [{ header: 'tag', type: 'string' }])).toEqual({
      rows: 2,
      sheets: 2,
    });
    for (const tag of ['a', 'b', 'c']) writer.addRow([tag]);
    expect(writer.finish()).toEqual({ rows: 3, sheets: 3 });
    const names = [
      ...(partsOf(chunks)['xl/workbook.xml'] ?? '').matchAll(/<sheet name="([^"]+)"/g),
    ].map((match) => match[1]);
    expect(names).toEqual(['Cards', 'Cards (2)', 'Tags', 'Tags (2)', 'Tags (3)']);
  });

  it('writes a table without rows as its header alone', () => {
    const chunks: Uint8Array[] = [];
    const writer = createXlsxWriter({
      sheetName: 'Comments',
      columns: [{ header: 'comment', type: 'string' }],
      onChunk: (bytes) => chunks.push(bytes),
    });
    expect(writer.nextSheet('About', [{ header: 'Item', type: 'string' }])).toEqual({
      rows: 0,
      sheets: 1,
    });
    writer.addRow(['Account']);
    writer.finish();
    const parts = partsOf(chunks);
    expect(rowsOf(parts['xl/worksheets/sheet1.xml'])).toHaveLength(1);
    expect(rowsOf(parts['xl/worksheets/sheet2.xml'])).toHaveLength(2);
  });
});
