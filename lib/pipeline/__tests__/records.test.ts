import { describe, expect, it } from 'vitest';
import { ESCAPED, QUOTED, RecordScanner } from '../records';

/** The records of `chunks` as cells, with each record's flags, and what is left pending. */
function scan(format: 'csv' | 'tab', chunks: string[]) {
  const scanner = new RecordScanner(format);
  const records: string[][] = [];
  const flags: number[][] = [];
  for (const chunk of chunks) {
    scanner.push(chunk, (record) => {
      records.push(Array.from({ length: record.count }, (_, i) => record.cell(i) ?? ''));
      flags.push(Array.from(record.flags.subarray(0, record.count)));
    });
  }
  return { records, flags, pending: scanner.pending };
}

/** Every way of cutting `text` in two. */
function splits(text: string): string[][] {
  return Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);
}

/** `text` cut into pieces of 1, 2 and 3 characters: many records start in one chunk and end in another. */
function pieces(text: string): string[][] {
  return [1, 2, 3].map((size) =>
    Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
      text.slice(i * size, (i + 1) * size),
    ),
  );
}

describe('RecordScanner, CSV', () => {
  it.each([
    [
      'quoted fields, CRLF',
      '"a","b"\r\n"c","d"\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'quoted fields, LF',
      '"a","b"\n"c","d"\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'unquoted fields',
      'a,b\r\nc,d\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['empty fields', '"",,""\r\n', [['', '', '']]],
    ['escaped quotes', '"say ""hi""","x"\r\n', [['say "hi"', 'x']]],
    ['a comma inside quotes', '"a,b","c"\r\n', [['a,b', 'c']]],
    ['a CRLF inside quotes', '"a\r\nb","c"\r\n', [['a\r\nb', 'c']]],
    ['a LF inside quotes', '"a\nb","c"\n', [['a\nb', 'c']]],
    [
      'a bare quote inside an unquoted field',
      'a,27" screen\r\nb,c\r\n',
      [
        ['a', '27" screen'],
        ['b', 'c'],
      ],
    ],
    ['a lone quote as a whole unquoted field', 'x",y\r\n', [['x"', 'y']]],
    ['text after a closing quote', '"a"b,c\r\n', [['"a"b', 'c']]],
    ['a quote opening after a delimiter', 'a,"5\nx"\n', [['a', '5\nx']]],
    ['an empty line', '"a"\r\n\r\n"b"\r\n', [['a'], [''], ['b']]],
    ['non-ASCII text', '"Café ✓ 日本語"\r\n', [['Café ✓ 日本語']]],
  ])('%s', (_name, text, expected) => {
    expect(scan('csv', [text])).toMatchObject({ records: expected, pending: '' });
    // However the text is cut, the same records come out.
    for (const chunks of [...splits(text), ...pieces(text)]) {
      expect(scan('csv', chunks)).toMatchObject({ records: expected, pending: '' });
    }
  });

  it('reads a long quoted cell arriving a character at a time, escaped quotes and all', () => {
    const cell = 'a""b\r\n'.repeat(50);
    const text = `"x","${cell}","y"\r\n"z"\r\n`;
    expect(scan('csv', [...text])).toMatchObject({
      records: [['x', cell.replaceAll('""', '"'), 'y'], ['z']],
      flags: [[QUOTED, QUOTED | ESCAPED, QUOTED], [QUOTED]],
      pending: '',
    });
  });

  it('marks quoted fields, and those holding escaped quotes', () => {
    expect(scan('csv', ['"a","b""c",d\r\n']).flags).toEqual([[QUOTED, QUOTED | ESCAPED, 0]]);
  });

  it.each([
    ['a last line without its line break', '"a"\r\n"b"', [['a']], '"b"'],
    ['a body stopping inside a quoted cell', '"a"\r\n"b\r\nc', [['a']], '"b\r\nc'],
    ['a body stopping after a closing quote', '"a"\r\n"b"', [['a']], '"b"'],
    ['a body stopping between CR and LF', '"a"\r\n"b"\r', [['a']], '"b"\r'],
    ['a body stopping mid-row in an unquoted cell', 'a,1\r\nb,2', [['a', '1']], 'b,2'],
    ['a body stopping on an escaped quote', '"a"\r\n"b""', [['a']], '"b""'],
    ['nothing', '', [], ''],
  ])('never makes a record of %s', (_name, text, expected, pending) => {
    for (const chunks of [...splits(text), ...pieces(text)]) {
      expect(scan('csv', chunks)).toMatchObject({ records: expected, pending });
    }
  });
});

describe('RecordScanner, TAB', () => {
  it.each([
    [
      'CRLF lines',
      'a\tb\r\nc\td\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'LF lines',
      'a\tb\nc\td\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['quotes are characters', '"a\t"b"\r\n', [['"a', '"b"']]],
    [
      'a quote does not hold the line feed',
      '"a\tb\r\nc"\t\r\n',
      [
        ['"a', 'b'],
        ['c"', ''],
      ],
    ],
    ['empty fields', '\t\t\r\n', [['', '', '']]],
  ])('%s', (_name, text, expected) => {
    for (const chunks of [...splits(text), ...pieces(text)]) {
      expect(scan('tab', chunks)).toMatchObject({ records: expected, pending: '' });
    }
  });

  it('keeps a last line without its line break pending', () => {
    expect(scan('tab', ['a\tb\nc\td'])).toMatchObject({ records: [['a', 'b']], pending: 'c\td' });
  });
});
