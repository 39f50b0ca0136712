// @vitest-environment node
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { SheetColumn } from '../sheetXml';
import { createXlsxWriter, EXCEL_MAX_ROWS, sheetName, type XlsxWriterOptions } from '../xlsxWriter';

const COLUMNS: SheetColumn[] = [
  { header: 'cardId', type: 'string' },
  { header: 'cardSize', type: 'int' },
];

/** The `<t>` of each `<si>` of a shared-strings part, as XML. */
const sharedTexts = (sst: string | undefined) =>
  [...(sst ?? '').matchAll(/<si>(<t[^>]*>.*?<\/t>)<\/si>/gs)].map((match) => match[1] as string);

/** A sheet's XML with every shared-string cell written as the inline string it stands for. */
function inlined(sheet: string, sst: string | undefined): string {
  const texts = sharedTexts(sst);
  return sheet.replace(
    /<c( r="[A-Z]+\d+")? t="s"><v>(\d+)<\/v><\/c>/g,
    (_, at = '', index) => `<c${at} t="inlineStr"><is>${texts[Number(index)]}</is></c>`,
  );
}

/**
 * Writes rows into a workbook; returns its parts' text by path (`raw`, and `parts` with the sheets'
 * shared strings inlined), and the writer's summary.
 */
function writeWorkbook(rows: (string | undefined)[][], options: Partial<XlsxWriterOptions> = {}) {
  const chunks: Uint8Array[] = [];
  const writer = createXlsxWriter({
    sheetName: 'cards',
    columns: COLUMNS,
    onChunk: (bytes) => chunks.push(bytes),
    ...options,
  });
  for (const row of rows) writer.addRow(row);
  const summary = writer.finish();
  const zipped = new Uint8Array(Buffer.concat(chunks));
  const raw = Object.fromEntries(
    Object.entries(unzipSync(zipped)).map(([path, bytes]) => [path, strFromU8(bytes)]),
  );
  const parts = Object.fromEntries(
    Object.entries(raw).map(([path, xml]) => [
      path,
      path.startsWith('xl/worksheets/') ? inlined(xml, raw['xl/sharedStrings.xml']) : xml,
    ]),
  );
  return { summary, raw, parts, chunks: chunks.length };
}

/** A sheet's rows as XML, its header row first. */
const rowsOf = (sheet: string | undefined) => sheet?.match(/<row(?: r="1")?>.*?<\/row>/g) ?? [];

describe('createXlsxWriter', () => {
  it('writes every part a workbook needs', () => {
    const { parts, summary } = writeWorkbook([['10100000001', '3']]);
    expect(Object.keys(parts).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(summary).toEqual({ rows: 1, sheets: 1 });
    expect(parts['[Content_Types].xml']).toContain(
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
    );
    expect(parts['xl/workbook.xml']).toContain('<sheet name="cards" sheetId="1" r:id="rId1"/>');
    expect(parts['xl/styles.xml']).toContain('formatCode="yyyy-mm-dd hh:mm:ss"');
    expect(rowsOf(parts['xl/worksheets/sheet1.xml'])).toEqual([
      expect.stringContaining('<t>cardId</t>'),
      '<row><c t="inlineStr"><is><t>10100000001</t></is></c><c><v>3</v></c></row>',
    ]);
    expect(parts['xl/worksheets/sheet1.xml']).toMatch(/<autoFilter ref="A1:B2"\/><\/worksheet>$/);
  });

  it('writes the header alone when there are no rows', () => {
    const { parts, summary } = writeWorkbook([]);
    expect(summary).toEqual({ rows: 0, sheets: 1 });
    expect(rowsOf(parts['xl/worksheets/sheet1.xml'])).toHaveLength(1);
    expect(parts['xl/worksheets/sheet1.xml']).toContain('<autoFilter ref="A1:B1"/>');
  });

  it.each([
    // [rows, rows a sheet (header included), data rows in each sheet]
    [5, 3, [2, 2, 1]],
    [4, 3, [2, 2]],
    [2, 3, [2]],
    [250, 100, [99, 99, 52]],
  ])('%i rows, %i rows a sheet: sheets of %j rows, the header repeated', (count, max, perSheet) => {
    const rows = Array.from({ length: count }, (_, i) => [String(1000 + i), String(i)]);
    const { parts, summary } = writeWorkbook(rows, { maxRowsPerSheet: max });
    expect(summary).toEqual({ rows: count, sheets: perSheet.length });
    let next = 0;
    perSheet.forEach((expected, index) => {
      const sheet = parts[`xl/worksheets/sheet${index + 1}.xml`];
      const [header, ...data] = rowsOf(sheet);
      expect(header).toContain('<t>cardId</t>');
      expect(data.map((row) => /<t>(\d+)<\/t>/.exec(row)?.[1])).toEqual(
        rows.slice(next, next + expected).map(([id]) => id),
      );
      expect(sheet).toContain(`<autoFilter ref="A1:B${expected + 1}"/>`);
      next += expected;
    });
    const names = [...(parts['xl/workbook.xml'] ?? '').matchAll(/<sheet name="([^"]*)"/g)];
    expect(names.map((match) => match[1])).toEqual(
      perSheet.map((_, index) => (index === 0 ? 'cards' : `cards (${index + 1})`)),
    );
    expect(parts['xl/_rels/workbook.xml.rels']).toContain(
      `Target="worksheets/sheet${perSheet.length}.xml"`,
    );
  });

  it('starts a new sheet before one would pass its byte limit', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [String(i), 'x'.repeat(1000)]);
    const { raw, summary } = writeWorkbook(rows, {
      columns: [
        { header: 'cardId', type: 'string' },
        { header: 'cardTitle', type: 'string' },
      ],
      maxSheetBytes: 20_000,
    });
    expect(summary.rows).toBe(50);
    expect(summary.sheets).toBeGreaterThan(2);
    for (let i = 1; i <= summary.sheets; i++) {
      const sheet = raw[`xl/worksheets/sheet${i}.xml`] as string;
      expect(new TextEncoder().encode(sheet).length).toBeLessThanOrEqual(20_000);
    }
  });

  it('sends bytes as rows come, before the workbook is finished', () => {
    const chunks: Uint8Array[] = [];
    const writer = createXlsxWriter({
      sheetName: 'cards',
      columns: COLUMNS,
      onChunk: (bytes) => chunks.push(bytes),
    });
    for (let i = 0; i < 20_000; i++) writer.addRow([String(10_000_000_000 + i), String(i % 13)]);
    expect(chunks.length).toBeGreaterThan(0);
    writer.finish();
  });

  it('encodes text of 2-, 3- and 4-byte characters exactly, across pieces and in a row longer than a piece', () => {
    const columns: SheetColumn[] = Array.from({ length: 10 }, (_, i) => ({
      header: `text${i}`,
      type: 'string',
    }));
    const characters = ['é', '日', '😀', 'a'];
    // Rows of odd lengths, so piece ends fall everywhere, then one row of ten full cells.
    const rows = Array.from({ length: 400 }, (_, i) =>
      columns.map((_, j) =>
        (characters[(i + j) % 4] as string).repeat(((i * 31 + j * 7) % 997) + 1),
      ),
    );
    rows.push(columns.map((_, j) => (characters[j % 3] as string).repeat(16_383)));
    const { parts } = writeWorkbook(rows, {
      columns,
      sharedStrings: { strings: 0, chars: 0, stringChars: 0 },
    });
    const data = rowsOf(parts['xl/worksheets/sheet1.xml']).slice(1);
    expect(
      data.map((row) => [...row.matchAll(/<t>([^<]*)<\/t>/g)].map((match) => match[1])),
    ).toEqual(rows);
  });

  it('refuses rows after finish', () => {
    const writer = createXlsxWriter({ sheetName: 'cards', columns: COLUMNS, onChunk: () => {} });
    writer.finish();
    expect(() => writer.addRow(['1', '2'])).toThrow('The workbook is finished');
  });

  it("continues on a second sheet after Excel's 1,048,576 rows", () => {
    const rows = EXCEL_MAX_ROWS + 1;
    const chunks: Uint8Array[] = [];
    const writer = createXlsxWriter({
      sheetName: 'cards',
      columns: [{ header: 'cardSize', type: 'int' }],
      onChunk: (bytes) => chunks.push(bytes),
    });
    for (let i = 0; i < rows; i++) writer.addRow(['1']);
    expect(writer.finish()).toEqual({ rows, sheets: 2 });
    const parts = unzipSync(new Uint8Array(Buffer.concat(chunks)), {
      filter: (file) => file.name !== 'xl/worksheets/sheet1.xml',
    });
    expect(strFromU8(parts['xl/workbook.xml'] as Uint8Array)).toContain(
      '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'cards\'!$A$1:$A$1048576</definedName>',
    );
    // 1,048,575 data rows in the first sheet, the other 2 in the second.
    expect(rowsOf(strFromU8(parts['xl/worksheets/sheet2.xml'] as Uint8Array))).toEqual([
      expect.stringContaining('<t>cardSize</t>'),
      '<row><c><v>1</v></c></row>',
      '<row><c><v>1</v></c></row>',
    ]);
  }, 120_000);
});

describe('sheetName', () => {
  it.each([
    ['cards', 1, 'cards'],
    ['cards', 2, 'cards (2)'],
    ['card positions', 12, 'card positions (12)'],
    ['a'.repeat(40), 1, 'a'.repeat(31)],
    ['a'.repeat(40), 2, `${'a'.repeat(27)} (2)`],
    ['Q1/Q2: [plan]?', 1, 'Q1 Q2   plan'],
    ["'quoted'", 1, 'quoted'],
    ['', 1, 'Sheet'],
  ])('%j, sheet %i: %j', (base, number, name) => {
    expect(sheetName(base, number)).toBe(name);
  });
});
