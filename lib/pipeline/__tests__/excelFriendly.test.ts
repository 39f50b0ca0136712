// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../tests/simulator/index';
import type { ColumnType, Report } from '../../reports';
import { findReport, REPORTS } from '../../reports';
import { createRowPipeline } from '../rowPipeline';
import { BOM } from '../writers';

type DelimitedFormat = 'csv' | 'tab';

/** Today's Excel-friendly file: an empty recipe through the pipeline, guarded, with a BOM. */
function createExcelFriendlyCsv(of: Report, format: DelimitedFormat = 'csv') {
  return createRowPipeline({ report: of, format, excelFriendly: true, recipe: {} });
}

const report: Report = {
  id: 'test',
  path: 'test',
  label: 'Test',
  description: 'Test rows.',
  boardScoped: false,
  columns: [
    { id: 'title', type: 'string' },
    { id: 'size', type: 'int' },
    { id: 'when', type: 'datetime' },
  ],
};

const header = '"title","size","when"\r\n';

/** A value of each column type as LeanKit writes it; the text one looks like a formula. */
const VALUE_OF_TYPE: Record<ColumnType, string> = {
  string: '-5',
  int: '-5',
  date: '2026-01-02',
  datetime: '2026-01-02 03:04:05.0000000',
  bool: 'true',
};

/** The converted text and rows of a whole response; `complete` only when it is not. */
function convertAll(
  input: string,
  chunkSize = input.length,
  format: DelimitedFormat = 'csv',
  of: Report = report,
): { text: string; rows: number; complete?: false } {
  const response = createExcelFriendlyCsv(of, format).response();
  let text = '';
  let rows = 0;
  for (let i = 0; i < input.length; i += chunkSize) {
    const chunk = response.push(input.slice(i, i + chunkSize));
    text += chunk.text;
    rows += chunk.rows;
  }
  return response.complete ? { text, rows } : { text, rows, complete: false };
}

describe('Excel-friendly, empty recipe', () => {
  it.each([
    [
      'plain text',
      '"Plain","3","2026-01-02 03:04:05.0000000"',
      '"Plain","3","2026-01-02 03:04:05.0000000"',
    ],
    ['a formula in a text cell', '"=1+2","3",""', '"\'=1+2","3",""'],
    ['a negative number in an int column', '"x","-5",""', '"x","-5",""'],
    ['leading spaces before the trigger', '"  @SUM(A1)","1",""', '"\'  @SUM(A1)","1",""'],
    ['a trigger after a line break inside a cell', '"a\r\n-b","1",""', '"\'a\r\n-b","1",""'],
    [
      'quotes, commas and tabs inside a cell',
      '"He said ""hi"", then\tleft","1",""',
      '"He said ""hi"", then\tleft","1",""',
    ],
    ['non-ASCII text', '"Café ✓ 日本語","1",""', '"Café ✓ 日本語","1",""'],
  ])('%s', (_name, row, expected) => {
    const { text, rows } = convertAll(`${header}${row}\r\n`);
    expect(text).toBe(`${BOM}${header}${expected}\r\n`);
    expect(rows).toBe(1);
  });

  it('keeps CRLF line ends and gives the same output however the input is chunked', () => {
    const input = `${header}"a\r\nb","1",""\r\n"=x","2",""\r\n"Ünï","3",""\r\n`;
    const whole = convertAll(input);
    expect(whole.rows).toBe(3);
    expect(whole.text.split('\r\n')).toHaveLength(6);
    for (const size of [1, 2, 3, 7, 13]) expect(convertAll(input, size)).toEqual(whole);
  });

  it('writes the header once when a resumed response repeats it', () => {
    const csv = createExcelFriendlyCsv(report);
    const first = csv.response();
    const a = first.push(`${header}"one","1",""\r\n"tw`);
    const second = csv.response();
    const b = second.push(`${header}"two","2",""\r\n`);
    expect(a.text + b.text).toBe(`${BOM}${header}"one","1",""\r\n"two","2",""\r\n`);
    expect(a.rows + b.rows).toBe(2);
  });

  it('guards every text column of the cards report, and a typed cell whose content is not of its type', () => {
    const cards = findReport('cards');
    if (!cards) throw new Error('no cards report');
    const ids = cards.columns.map((c) => `"${c.id}"`).join(',');
    const honest = cards.columns.map((c) => `"${VALUE_OF_TYPE[c.type]}"`).join(',');
    const evil = cards.columns.map(() => '"-1+1"').join(',');
    const { text } = convertAllWith(cards, `${ids}\r\n${honest}\r\n${evil}\r\n`);
    const [, honestRow, evilRow] = text.split('\r\n').map((line) => line.split(','));
    cards.columns.forEach((column, i) => {
      const value = VALUE_OF_TYPE[column.type];
      expect(honestRow?.[i]).toBe(column.type === 'string' ? `"'${value}"` : `"${value}"`);
      expect(evilRow?.[i]).toBe(`"'-1+1"`);
    });
  });

  it('guards the cells of a column the catalogue does not know, and of columns beyond the header', () => {
    const input = '"title","size","extra"\r\n"-1","-2","-3","-4"\r\n';
    expect(convertAll(input).text).toBe(
      `${BOM}"title","size","extra"\r\n"'-1","-2","'-3","'-4"\r\n`,
    );
  });

  it('keeps LF line ends when LeanKit uses them', () => {
    const { text, rows } = convertAll('"title","size","when"\n"=a","-1",""\n"b","2",""\n', 5);
    expect(text).toBe(`${BOM}${header.replace('\r\n', '\n')}"'=a","-1",""\n"b","2",""\n`);
    expect(rows).toBe(2);
  });

  it.each([
    ['a last line without its line break', `${header}"a","1",""\r\n"=b","2",""`],
    ['a body that stops inside a quoted cell', `${header}"a","1",""\r\n"=b\r\nmore`],
    ['a body that stops after a closing quote', `${header}"a","1",""\r\n"b"`],
    ['a body that stops mid-row in an unquoted cell', `${header}"a","1",""\r\nb,2`],
  ])('never makes a row of %s: the response is incomplete', (_name, input) => {
    for (const size of [1, 5, input.length]) {
      expect(convertAll(input, size)).toEqual({
        text: `${BOM}${header}"a","1",""\r\n`,
        rows: 1,
        complete: false,
      });
    }
  });

  it('a response that is only a header without its line break is incomplete and gives nothing', () => {
    expect(convertAll('"title","size","when"')).toEqual({ text: '', rows: 0, complete: false });
  });

  it('an empty response is incomplete', () => {
    expect(convertAll('')).toEqual({ text: '', rows: 0, complete: false });
  });

  // LeanKit quotes every field by default; with quotedString=false (or a naive writer) a " can
  // stand inside an unquoted field. It is a character of that cell, as spreadsheets read it.
  it('keeps a bare quote inside an unquoted field as text of that cell, however chunked', () => {
    const input = 'title,size,when\r\na,1,\r\n27" monitor,2,\r\n=b,3,\r\n';
    const expected = `${BOM}${header}"a","1",""\r\n"27"" monitor","2",""\r\n"'=b","3",""\r\n`;
    for (const size of [1, 2, 3, 7, input.length]) {
      expect(convertAll(input, size)).toEqual({ text: expected, rows: 3 });
    }
  });

  it('a bare quote in the last row of a cut body leaves that row out', () => {
    expect(convertAll('title,size,when\r\na,1,\r\n27" mon')).toEqual({
      text: `${BOM}${header}"a","1",""\r\n`,
      rows: 1,
      complete: false,
    });
  });

  it('gives a header-only file for an export with no rows', () => {
    expect(convertAll(header)).toEqual({ text: `${BOM}${header}`, rows: 0 });
  });
});

describe('Excel-friendly TAB, empty recipe', () => {
  const tabHeader = 'title\tsize\twhen\r\n';
  const tab = (input: string, chunkSize?: number) =>
    convertAll(input, chunkSize ?? input.length, 'tab');

  it.each([
    [
      'plain text',
      'Plain\t3\t2026-01-02 03:04:05.0000000',
      'Plain\t3\t2026-01-02 03:04:05.0000000',
    ],
    ['a formula in a text cell', '=1+2\t3\t', "'=1+2\t3\t"],
    ['a negative number in an int column', 'x\t-5\t', 'x\t-5\t'],
    ['leading spaces before the trigger', '  @SUM(A1)\t1\t', "'  @SUM(A1)\t1\t"],
    // TAB has no quoting: quotes and commas are ordinary characters, written back as they came.
    ['quotes and commas', 'He said "hi, then\t1\t', 'He said "hi, then\t1\t'],
    ['a cell that is one quote', '"\t1\t', '"\t1\t'],
    ['non-ASCII text', 'Café ✓ 日本語\t1\t', 'Café ✓ 日本語\t1\t'],
  ])('%s', (_name, row, expected) => {
    const { text, rows } = tab(`${tabHeader}${row}\r\n`);
    expect(text).toBe(`${BOM}${tabHeader}${expected}\r\n`);
    expect(rows).toBe(1);
  });

  it('a bare quote holds nothing back: every following row comes out at once', () => {
    const input = `${tabHeader}"open\t1\t\r\n=b\t2\t\r\nc\t3\t\r\n`;
    const response = createExcelFriendlyCsv(report, 'tab').response();
    const chunk = response.push(input);
    expect(chunk).toEqual({
      text: `${BOM}${tabHeader}"open\t1\t\r\n'=b\t2\t\r\nc\t3\t\r\n`,
      rows: 3,
    });
    expect(response.complete).toBe(true);
  });

  it('gives the same output however the input is chunked', () => {
    const input = `${tabHeader}a b\t1\t\r\n=x\t2\t\r\nÜnï\t3\t\r\n`;
    const whole = tab(input);
    expect(whole.rows).toBe(3);
    for (const size of [1, 2, 3, 7, 13]) expect(tab(input, size)).toEqual(whole);
  });

  it('writes the header once when a resumed response repeats it', () => {
    const converter = createExcelFriendlyCsv(report, 'tab');
    const a = converter.response().push(`${tabHeader}one\t1\t\r\ntw`);
    const b = converter.response().push(`${tabHeader}two\t2\t\r\n`);
    expect(a.text + b.text).toBe(`${BOM}${tabHeader}one\t1\t\r\ntwo\t2\t\r\n`);
    expect(a.rows + b.rows).toBe(2);
  });

  it('keeps LF line ends', () => {
    const { text, rows } = tab('title\tsize\twhen\n=a\t-1\t\nb\t2\t\n', 4);
    expect(text).toBe(`${BOM}title\tsize\twhen\n'=a\t-1\t\nb\t2\t\n`);
    expect(rows).toBe(2);
  });

  it('never makes a row of a last line without its line break: the response is incomplete', () => {
    expect(tab('title\tsize\twhen\n=a\t-1\t\nb\t2\t', 4)).toEqual({
      text: `${BOM}title\tsize\twhen\n'=a\t-1\t\n`,
      rows: 1,
      complete: false,
    });
  });

  it('calls an empty response incomplete, and gives a header-only file for no rows', () => {
    expect(tab('')).toEqual({ text: '', rows: 0, complete: false });
    expect(tab(tabHeader)).toEqual({ text: `${BOM}${tabHeader}`, rows: 0 });
  });
});

describe('Excel-friendly: typed columns are exempt only for values of their type', () => {
  const typed: Report = {
    ...report,
    columns: [
      { id: 'title', type: 'string' },
      { id: 'size', type: 'int' },
      { id: 'due', type: 'date' },
      { id: 'when', type: 'datetime' },
      { id: 'blocked', type: 'bool' },
    ],
  };
  const EVIL = ['=HYPERLINK("https://evil.test","x")', '+1+1', '-2+3', '@SUM(A1)', ' =1', '1\n=1'];
  const HONEST = ['x', '-5', '2026-01-02', '2026-01-02 03:04:05.0000000', 'false'];

  it.each(
    (['csv', 'tab'] as const).flatMap((format) =>
      [1, 2, 3, 4].flatMap((column) =>
        EVIL.filter((cell) => format === 'csv' || !cell.includes('\n')).map(
          (cell) => [format, typed.columns[column]?.type, column, cell] as const,
        ),
      ),
    ),
  )('%s: a %s column guards %j', (format, _type, column, cell) => {
    const cells = HONEST.map((value, i) => (i === column ? cell : value));
    const expected = HONEST.map((value, i) => (i === column ? `'${cell}` : value));
    const line = (row: string[]) =>
      format === 'csv' ? row.map((c) => `"${c.replaceAll('"', '""')}"`).join(',') : row.join('\t');
    const head = line(typed.columns.map((c) => c.id));
    const { text, rows } = convertAll(`${head}\r\n${line(cells)}\r\n`, undefined, format, typed);
    expect(text).toBe(`${BOM}${head}\r\n${line(expected)}\r\n`);
    expect(rows).toBe(1);
  });
});

// Whether LeanKit heads its CSV with column ids or with the labels of the reference's tables is
// unknown (reporting-api.md §10); the simulator can do either.
describe('Excel-friendly under a header row of labels', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ columnHeaders: 'labels' });
  });
  afterAll(() => sim.close());

  it.each(REPORTS.map((r) => [r.id, r] as const))(
    '%s: guards the text columns and leaves the typed ones alone',
    async (_id, r) => {
      const body = (await sim.body(`/io/reporting/export/${r.path}?format=csv`)).toString();
      const header = body.slice(0, body.indexOf('\r\n'));
      expect(header).not.toContain(`"${r.columns[0]?.id}"`);
      const values = r.columns.map((c) => `"${VALUE_OF_TYPE[c.type]}"`).join(',');
      const { text } = convertAllWith(r, `${header}\r\n${values}\r\n`);
      const row = text.split('\r\n')[1]?.split(',');
      expect(row).toEqual(
        r.columns.map((c) =>
          c.type === 'string' ? `"'${VALUE_OF_TYPE[c.type]}"` : `"${VALUE_OF_TYPE[c.type]}"`,
        ),
      );
    },
  );
});

function convertAllWith(r: Report, input: string) {
  return { text: createExcelFriendlyCsv(r).response().push(input).text };
}
