// @vitest-environment node
/**
 * Columns LeanKit adds after our catalogue, through the whole row pipeline: where they land in the
 * file, under what header, and how their cells are written, in CSV and TAB, Excel-friendly or not.
 */
import { describe, expect, it } from 'vitest';
import type { ExportRecipe } from '../../recipes/recipe';
import { findReport, type Report } from '../../reports';
import { readCustomFields } from '../customFields';
import { createRowPipeline } from '../rowPipeline';
import { BOM } from '../writers';

const cards = findReport('cards') as Report;

type Format = 'csv' | 'tab';
type Cells = readonly (readonly string[])[];

/** Cells as LeanKit writes them: CSV quotes every field, TAB none; CRLF after every row. */
function served(format: Format, rows: Cells): string {
  const field = (cell: string) => (format === 'csv' ? `"${cell.replaceAll('"', '""')}"` : cell);
  return rows.map((row) => `${row.map(field).join(format === 'csv' ? ',' : '\t')}\r\n`).join('');
}

/** The file a whole response makes, fed in chunks of `chunkSize`. */
function run(
  format: Format,
  excelFriendly: boolean,
  recipe: ExportRecipe,
  body: string,
  chunkSize = body.length,
) {
  const customFields = readCustomFields();
  customFields.push(
    '"cardId","currentBoardId","externalCardId","customFieldId","label","type","customFieldValue"\r\n' +
      '"2","b","","f1","Team","choice","=Core"\r\n',
  );
  const pipeline = createRowPipeline({
    report: cards,
    format,
    excelFriendly,
    recipe,
    customFields: recipe.customFields ? customFields.table() : undefined,
  });
  const response = pipeline.response();
  let text = '';
  for (let i = 0; i < body.length; i += chunkSize)
    text += response.push(body.slice(i, i + chunkSize)).text;
  return { text, notes: pipeline.notes };
}

/** `cardHealth` and `riskScore` are columns the catalogue does not know; `cardSize` is an int. */
const MID = [
  ['cardId', 'cardHealth', 'cardSize', 'cardTitle', 'currentLaneId'],
  ['1', '=risky', '-2', '=Plan "A"', 'L1'],
  ['2', '-2', '3', 'Ship, then rest', 'L2'],
];
const LAST = [
  ['cardId', 'cardSize', 'cardTitle', 'cardHealth'],
  ['1', '-2', '=Plan "A"', '=risky'],
];
const SEVERAL = [
  ['riskScore', 'cardId', 'cardHealth', 'cardTitle'],
  ['9', '1', 'ok', 'Plan'],
];

describe('columns LeanKit added later, through the pipeline', () => {
  it.each<[string, Format, boolean, ExportRecipe, Cells, Cells, string[]]>([
    [
      'CSV, every column: the known ones as served, then the new one',
      'csv',
      false,
      {},
      MID,
      [
        ['cardId', 'cardSize', 'cardTitle', 'currentLaneId', 'cardHealth'],
        ['1', '-2', '=Plan "A"', 'L1', '=risky'],
        ['2', '3', 'Ship, then rest', 'L2', '-2'],
      ],
      [],
    ],
    [
      'Excel-friendly CSV: the new column is text to the guard, the int stays a number',
      'csv',
      true,
      {},
      MID,
      [
        ['cardId', 'cardSize', 'cardTitle', 'currentLaneId', 'cardHealth'],
        ['1', '-2', '\'=Plan "A"', 'L1', "'=risky"],
        ['2', '3', 'Ship, then rest', 'L2', "'-2"],
      ],
      [],
    ],
    [
      'TAB, every column',
      'tab',
      false,
      {},
      MID,
      [
        ['cardId', 'cardSize', 'cardTitle', 'currentLaneId', 'cardHealth'],
        ['1', '-2', '=Plan "A"', 'L1', '=risky'],
        ['2', '3', 'Ship, then rest', 'L2', '-2'],
      ],
      [],
    ],
    [
      'Excel-friendly TAB',
      'tab',
      true,
      {},
      MID,
      [
        ['cardId', 'cardSize', 'cardTitle', 'currentLaneId', 'cardHealth'],
        ['1', '-2', '\'=Plan "A"', 'L1', "'=risky"],
        ['2', '3', 'Ship, then rest', 'L2', "'-2"],
      ],
      [],
    ],
    [
      'the new column already last: the file as served',
      'csv',
      true,
      {},
      LAST,
      [
        ['cardId', 'cardSize', 'cardTitle', 'cardHealth'],
        ['1', '-2', '\'=Plan "A"', "'=risky"],
      ],
      [],
    ],
    [
      'several new columns: after the known ones, in the order served',
      'csv',
      false,
      {},
      SEVERAL,
      [
        ['cardId', 'cardTitle', 'riskScore', 'cardHealth'],
        ['1', 'Plan', '9', 'ok'],
      ],
      [],
    ],
    [
      'human headers: the new column under its served name',
      'csv',
      false,
      { humanHeaders: true },
      MID,
      [
        ['Card ID', 'Card size', 'Card title', 'Current lane ID', 'cardHealth'],
        ['1', '-2', '=Plan "A"', 'L1', '=risky'],
        ['2', '3', 'Ship, then rest', 'L2', '-2'],
      ],
      [],
    ],
    [
      'every column and custom fields: known, new, then custom fields',
      'csv',
      true,
      { customFields: true },
      MID,
      [
        ['cardId', 'cardSize', 'cardTitle', 'currentLaneId', 'cardHealth', 'Team'],
        ['1', '-2', '\'=Plan "A"', 'L1', "'=risky", ''],
        ['2', '3', 'Ship, then rest', 'L2', "'-2", "'=Core"],
      ],
      [],
    ],
    [
      'a column list without the new column: left out, and noted',
      'tab',
      true,
      { columns: ['cardTitle', 'cardId'] },
      MID,
      [
        ['cardTitle', 'cardId'],
        ['\'=Plan "A"', '1'],
        ['Ship, then rest', '2'],
      ],
      ['LeanKit now serves a column “cardHealth” the chosen columns do not list; it was left out.'],
    ],
    [
      'a column list that names the new column: where the list puts it',
      'csv',
      false,
      { columns: ['cardHealth', 'cardId'] },
      MID,
      [
        ['cardHealth', 'cardId'],
        ['=risky', '1'],
        ['-2', '2'],
      ],
      [],
    ],
  ])('%s', (_name, format, excelFriendly, recipe, input, output, notes) => {
    const body = served(format, input);
    const whole = run(format, excelFriendly, recipe, body);
    expect(whole).toEqual({
      text: (excelFriendly ? BOM : '') + served(format, output),
      notes,
    });
    // Cut anywhere, the same file.
    for (const size of [1, 7, 64]) {
      expect(run(format, excelFriendly, recipe, body, size)).toEqual(whole);
    }
  });
});
