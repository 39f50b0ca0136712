import { describe, expect, it } from 'vitest';
import { createSharedStrings, SHARED_STRING_LIMITS } from '../sharedStrings';

/** The part's XML, written whole. */
function xmlOf(strings: ReturnType<typeof createSharedStrings>, pieceChars = 1 << 20): string[] {
  const pieces: string[] = [];
  strings.writeXml((xml) => pieces.push(xml), pieceChars);
  return pieces;
}

describe('createSharedStrings', () => {
  it('numbers each text once, in the order first met, in any column', () => {
    const strings = createSharedStrings(2);
    expect(['Done', 'Doing', 'Done'].map((text) => strings.indexOf(0, text))).toEqual([0, 1, 0]);
    expect(strings.indexOf(1, 'Doing')).toBe(1);
    expect(strings.size).toBe(2);
  });

  it('writes each text escaped, its spaces at the ends kept, in pieces', () => {
    const strings = createSharedStrings(1);
    for (const text of ['a & <b>', ' padded ', '_x0041_', 'line\r\nbreak'])
      strings.indexOf(0, text);
    const pieces = xmlOf(strings, 10);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="4">' +
        '<si><t>a &amp; &lt;b&gt;</t></si><si><t xml:space="preserve"> padded </t></si>' +
        '<si><t>_x005F_x0041_</t></si><si><t>line&#13;\nbreak</t></si></sst>',
    );
  });

  it.each([
    ['texts', { strings: 2, chars: 100, stringChars: 10 }, ['a', 'b', 'c'], [0, 1, -1]],
    ['characters', { strings: 10, chars: 5, stringChars: 10 }, ['abc', 'de', 'f'], [0, 1, -1]],
    ['a text', { strings: 10, chars: 100, stringChars: 3 }, ['abcd', 'abc'], [-1, 0]],
  ])('holds no more %s than its limit: the rest inline (-1)', (_, limits, texts, indexes) => {
    const strings = createSharedStrings(1, limits);
    expect(texts.map((text) => strings.indexOf(0, text))).toEqual(indexes);
    // Texts already in the table are still found when it is full.
    expect(strings.indexOf(0, texts[0] as string)).toBe(indexes[0]);
  });

  it('stays within its limits whatever comes: its memory does not grow with the rows', () => {
    const strings = createSharedStrings(3);
    for (let i = 0; i < 200_000; i++) {
      strings.indexOf(i % 3, `card ${i % 50_000} of ${'x'.repeat(i % 300)}`);
    }
    expect(strings.size).toBeLessThanOrEqual(SHARED_STRING_LIMITS.strings);
    const chars = xmlOf(strings).join('').length;
    expect(chars).toBeLessThan(SHARED_STRING_LIMITS.chars * 1.5);
  });

  it('stops taking the texts of a column whose texts hardly repeat, and keeps the others', () => {
    const strings = createSharedStrings(2);
    const lanes = ['To do', 'Doing', 'Done'];
    for (let row = 0; row < 5000; row++) {
      strings.indexOf(0, `card ${row}`);
      strings.indexOf(1, lanes[row % 3] as string);
    }
    // The ids' column stopped after its first 1024 lookups, each a new text.
    expect(strings.size).toBe(1023 + 3);
    expect(strings.indexOf(0, 'card 5')).toBe(-1);
    // Met in rows 0, 1 and 2, after each row's card.
    expect(lanes.map((lane) => strings.indexOf(1, lane))).toEqual([1, 3, 5]);
  });

  it('keeps a column whose texts repeat less than one in four times new', () => {
    const strings = createSharedStrings(1);
    // 300 users over 5000 rows: the first 1024 lookups meet about 290 of them.
    for (let row = 0; row < 5000; row++) strings.indexOf(0, `user ${(row * 7919) % 300}`);
    expect(strings.size).toBe(300);
    expect(strings.indexOf(0, 'user 299')).toBeGreaterThanOrEqual(0);
  });

  it('judges the columns of a next table afresh, and keeps the texts met before', () => {
    const strings = createSharedStrings(2);
    for (let row = 0; row < 2048; row++) {
      strings.indexOf(0, `card ${row}`);
      strings.indexOf(1, 'Done');
    }
    expect(strings.indexOf(0, 'To do')).toBe(-1);
    // The next sheet's first column repeats: it uses the table, where 'Done' still is.
    strings.startColumns(1);
    expect(strings.indexOf(0, 'To do')).toBe(strings.size - 1);
    expect(strings.indexOf(0, 'Done')).toBe(1);
    expect(strings.indexOf(0, 'card 0')).toBe(0);
  });
});
