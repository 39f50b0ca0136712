// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ServedFormat } from '../../lib/formats';
import type { Column } from '../../lib/reports';
import type { Row } from './rows';
import { formatDate, formatDateTime, serialize } from './serialize';

const COLUMNS: Column[] = [
  { id: 'id', type: 'string' },
  { id: 'title', type: 'string' },
  { id: 'size', type: 'int' },
  { id: 'blocked', type: 'bool' },
  { id: 'created', type: 'datetime' },
  { id: 'due', type: 'date' },
];
const TIME = Date.UTC(2019, 3, 15, 19, 5, 14, 907);

function write(format: ServedFormat, rows: Row[], quoteAll = true): string {
  return [...serialize(format, COLUMNS, rows, { quoteAll })].join('');
}

function one(title: string | null, format: ServedFormat, quoteAll = true): string {
  const body = write(
    format,
    [{ id: '1', title, size: 2, blocked: true, created: TIME, due: null }],
    quoteAll,
  );
  return body.split('\r\n')[1] ?? '';
}

describe('serialize', () => {
  it('formats date-times with 7 fractional digits and dates as YYYY-MM-DD (UTC)', () => {
    expect(formatDateTime(TIME)).toBe('2019-04-15 19:05:14.9070000');
    expect(formatDate(TIME)).toBe('2019-04-15');
  });

  it.each([
    ['plain', '"1","plain","2","true","2019-04-15 19:05:14.9070000",""'],
    ['a, b', '"1","a, b","2","true","2019-04-15 19:05:14.9070000",""'],
    ['say "hi"', '"1","say ""hi""","2","true","2019-04-15 19:05:14.9070000",""'],
  ])('CSV quotes every field by default: %j', (title, line) => {
    expect(one(title, 'csv')).toBe(line);
  });

  it.each([
    ['plain', '1,plain,2,true,2019-04-15 19:05:14.9070000,'],
    ['a, b', '1,"a, b",2,true,2019-04-15 19:05:14.9070000,'],
    ['say "hi"', '1,"say ""hi""",2,true,2019-04-15 19:05:14.9070000,'],
    ['=1+2', '1,=1+2,2,true,2019-04-15 19:05:14.9070000,'],
    [null, '1,,2,true,2019-04-15 19:05:14.9070000,'],
  ])('CSV with minimal quoting: %j', (title, line) => {
    expect(one(title, 'csv', false)).toBe(line);
  });

  it.each([
    ['a\tb', '1\ta b\t2\ttrue\t2019-04-15 19:05:14.9070000\t'],
    ['say "hi"', '1\tsay "hi"\t2\ttrue\t2019-04-15 19:05:14.9070000\t'],
    ['x\r\ny', '1\tx  y\t2\ttrue\t2019-04-15 19:05:14.9070000\t'],
  ])('TAB replaces tabs and line breaks by spaces and never quotes: %j', (title, line) => {
    expect(one(title, 'tab')).toBe(line);
  });

  it('ends every CSV row, the last included, with CRLF', () => {
    const body = write('csv', [{ id: '1', title: 'line\nbreak' }, { id: '2' }], false);
    expect(body).toBe('id,title,size,blocked,created,due\r\n1,"line\nbreak",,,,\r\n2,,,,,\r\n');
  });

  it('writes JSON as one array with typed values and nulls', () => {
    const rows: Row[] = [
      { id: '1', title: 'a', size: 2, blocked: false, created: TIME, due: TIME },
      { id: '2' },
    ];
    expect(JSON.parse(write('json', rows))).toEqual([
      {
        id: '1',
        title: 'a',
        size: 2,
        blocked: false,
        created: '2019-04-15 19:05:14.9070000',
        due: '2019-04-15',
      },
      { id: '2', title: null, size: null, blocked: null, created: null, due: null },
    ]);
    expect(write('json', [])).toBe('[]');
  });
});
