import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cellValues';
import { createSharedStrings } from '../sharedStrings';
import { columnName, columnWidths, filterRange, rowXml, sheetHead, sheetTail } from '../sheetXml';
import { cellTextXml, escapeXml } from '../xmlText';

const text = (value: string): CellValue => ({ kind: 'text', value });

describe('columnName', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16_383, 'XFD'],
  ])('%i → %s', (index, name) => {
    expect(columnName(index)).toBe(name);
  });
});

describe('escapeXml and cellTextXml', () => {
  it.each([
    ['plain', 'plain', 'plain'],
    ['a & b', 'a &amp; b', 'a &amp; b'],
    [
      '<script>"x"</script>',
      '&lt;script&gt;&quot;x&quot;&lt;/script&gt;',
      '&lt;script&gt;&quot;x&quot;&lt;/script&gt;',
    ],
    ['line\r\nbreak', 'line&#13;\nbreak', 'line&#13;\nbreak'],
    ["it's", "it's", "it's"],
    // Excel reads _xHHHH_ in cell text as a character: the cell's own underscore is escaped.
    ['_x0041_', '_x0041_', '_x005F_x0041_'],
    ['a_x00e9_b_x12_', 'a_x00e9_b_x12_', 'a_x005F_x00e9_b_x12_'],
    ['snake_case_x', 'snake_case_x', 'snake_case_x'],
  ])('%j', (input, asXml, asCellText) => {
    expect(escapeXml(input)).toBe(asXml);
    expect(cellTextXml(input)).toBe(asCellText);
  });
});

describe('rowXml', () => {
  const names = ['A', 'B', 'C', 'D', 'E'];
  /** A table that takes no text: every text cell inline. */
  const inline = () => createSharedStrings(5, { strings: 0, chars: 0, stringChars: 0 });

  it.each<[string, (CellValue | undefined)[], string]>([
    [
      'typed cells, no references',
      [
        text('x'),
        { kind: 'number', value: -2.5 },
        { kind: 'boolean', value: true },
        { kind: 'date', serial: 43_570, time: false },
        { kind: 'date', serial: 43_570.5, time: true },
      ],
      '<row><c t="inlineStr"><is><t>x</t></is></c><c><v>-2.5</v></c><c t="b"><v>1</v></c>' +
        '<c s="2"><v>43570</v></c><c s="3"><v>43570.5</v></c></row>',
    ],
    [
      'a gap of one or two empty cells written as empty cells, shorter than a reference',
      [undefined, text('b'), text(''), undefined, { kind: 'boolean', value: false }],
      '<row><c/><c t="inlineStr"><is><t>b</t></is></c><c/><c/><c t="b"><v>0</v></c></row>',
    ],
    [
      'a cell after a longer gap says where it is',
      [undefined, undefined, undefined, text('d'), { kind: 'number', value: 1 }],
      '<row><c r="D7" t="inlineStr"><is><t>d</t></is></c><c><v>1</v></c></row>',
    ],
    ['no cells', [undefined, undefined], '<row></row>'],
    [
      'text escaped, its spaces at the ends kept',
      [text(' <a & b>\n'), text('=1+1')],
      '<row><c t="inlineStr"><is><t xml:space="preserve"> &lt;a &amp; b&gt;\n</t></is></c>' +
        '<c t="inlineStr"><is><t>=1+1</t></is></c></row>',
    ],
  ])('%s', (_, cells, xml) => {
    expect(rowXml(7, names, cells, inline())).toBe(xml);
  });

  it('refers to the shared strings for text there, inline for text that is not', () => {
    const strings = createSharedStrings(5, { strings: 2, chars: 100, stringChars: 10 });
    expect(
      rowXml(
        2,
        names,
        [text('Done'), text('a & b'), undefined, text('Doing'), text('Done')],
        strings,
      ),
    ).toBe(
      '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c>' +
        '<c/><c t="inlineStr"><is><t>Doing</t></is></c><c t="s"><v>0</v></c></row>',
    );
    expect(rowXml(3, names, [text('x'.repeat(11)), text('a & b')], strings)).toBe(
      `<row><c t="inlineStr"><is><t>${'x'.repeat(11)}</t></is></c><c t="s"><v>1</v></c></row>`,
    );
  });
});

describe('sheetHead and sheetTail', () => {
  it('freezes the header row, sizes the columns and writes the header in bold', () => {
    const head = sheetHead(
      [
        { header: 'cardId', type: 'string' },
        { header: 'A & B', type: 'int' },
      ],
      [12, 30],
    );
    expect(head).toContain(
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
    );
    expect(head).toContain(
      '<cols><col min="1" max="1" width="12" customWidth="1"/><col min="2" max="2" width="30" customWidth="1"/></cols>',
    );
    expect(head).toMatch(
      /<sheetData><row r="1"><c r="A1" s="1" t="inlineStr"><is><t>cardId<\/t><\/is><\/c><c r="B1" s="1" t="inlineStr"><is><t>A &amp; B<\/t><\/is><\/c><\/row>$/,
    );
  });

  it('ends with the autofilter over the rows written', () => {
    expect(sheetTail(filterRange(39, 1_048_576))).toBe(
      '</sheetData><autoFilter ref="A1:AM1048576"/></worksheet>',
    );
    expect(filterRange(1, 1)).toBe('A1:A1');
  });
});

describe('columnWidths', () => {
  it.each<[string, (CellValue | undefined)[][], number]>([
    ['the header and its filter button', [], 'creationDate'.length + 3],
    ['a date-time', [[{ kind: 'date', serial: 1, time: true }]], 21],
    ['a date', [[{ kind: 'date', serial: 1, time: false }]], 15],
    ['the longest line of a text', [[text('short\na much longer line here')]], 25],
    ['no wider than 60', [[text('x'.repeat(500))]], 60],
    [
      'the widest row',
      [[text('abc')], [{ kind: 'number', value: 1_234_567_890_123 }], [undefined]],
      15,
    ],
  ])('%s', (_, sample, width) => {
    expect(columnWidths([{ header: 'creationDate', type: 'datetime' }], sample)).toEqual([width]);
  });

  it('is never narrower than 8', () => {
    expect(columnWidths([{ header: 'id', type: 'string' }], [[text('1')]])).toEqual([8]);
  });
});
