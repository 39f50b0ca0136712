/**
 * The exports against each reading of what reporting-api.md §10 leaves unknown (the simulator's
 * non-default conventions): the plain CSV is still byte for byte what LeanKit serves, and the
 * Excel-friendly one still guards exactly the text cells.
 */
import Papa from 'papaparse';
import { guardCell } from '../../lib/csv/formulaGuard';
import { BOM } from '../../lib/pipeline/writers';
import { findReport } from '../../lib/reports';
import type { SimulatorOptions } from '../simulator/index';
import {
  savedFile,
  servedBytes,
  setExcelFriendlyCsv,
  startExport,
  waitForJob,
} from './engineSupport';
import { expect, test } from './fixtures';

const cards = findReport('cards') ?? never();
const blocked = cards.columns.findIndex((column) => column.id === 'isCardBlocked');

interface Convention {
  name: string;
  options: SimulatorOptions;
  /** Shows the simulator really served this convention, from its served text and parsed rows. */
  served(text: string, rows: string[][]): void;
}

const CONVENTIONS: Convention[] = [
  {
    name: 'a header row of labels',
    options: { columnHeaders: 'labels' },
    served: (_text, [header = []]) =>
      expect(header.slice(0, 2)).toEqual(['Card ID', 'Parent Card ID']),
  },
  {
    name: 'quotes only where needed',
    options: { quoteAll: false },
    served: (text) =>
      expect(text.slice(0, text.indexOf('\r\n'))).toBe(cards.columns.map((c) => c.id).join(',')),
  },
  {
    name: 'booleans spelt True and False',
    options: { booleans: 'capitalized' },
    served: (_text, [, ...data]) =>
      expect(new Set(data.map((row) => row[blocked]))).toEqual(new Set(['True', 'False'])),
  },
  {
    name: 'booleans spelt 1 and 0',
    options: { booleans: 'numeric' },
    served: (_text, [, ...data]) =>
      expect(new Set(data.map((row) => row[blocked]))).toEqual(new Set(['1', '0'])),
  },
];

for (const convention of CONVENTIONS) {
  test.describe(`with ${convention.name}`, () => {
    test.use({ simulatorOptions: convention.options });

    test('the CSV is what LeanKit serves, and the Excel-friendly CSV guards exactly the text cells', async ({
      simulator,
      popup,
      downloadDir,
    }) => {
      await popup.signInAs(simulator.demo);
      const served = await servedBytes(simulator, 'cards?format=csv');
      convention.served(served.toString('utf8'), parseCsv(served));

      const direct = await waitForJob(
        popup.page,
        await startExport(popup.page, { reportId: 'cards', format: 'csv', boardIds: [] }),
      );
      expect(direct.state, JSON.stringify(direct.error)).toBe('done');
      expect(direct.route).toBe('direct');
      expect((await savedFile(downloadDir, direct)).equals(served)).toBe(true);

      // One board, so the file's name differs from the first one's.
      const board = simulator.boards[0]?.id ?? never();
      await setExcelFriendlyCsv(popup.page, true);
      const processed = await waitForJob(
        popup.page,
        await startExport(popup.page, { reportId: 'cards', format: 'csv', boardIds: [board] }),
      );
      expect(processed.state, JSON.stringify(processed.error)).toBe('done');
      expect(processed.route).toBe('processed');
      const [header = [], ...data] = parseCsv(
        await servedBytes(simulator, `cards?format=csv&boardId=${board}`),
      );
      const guarded = data.map((row) =>
        row.map((cell, i) => (cards.columns[i]?.type === 'string' ? guardCell(cell) : cell)),
      );
      const expected = `${BOM}${Papa.unparse([header, ...guarded], { quotes: true, newline: '\r\n' })}\r\n`;
      const file = (await savedFile(downloadDir, processed)).toString('utf8');
      expect(file).toBe(expected);
      expect(processed.rows).toBe(data.length);
    });
  });
}

/** The served CSV's rows, header first (the simulator ends every row with CRLF). */
function parseCsv(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  return Papa.parse<string[]>(text.slice(0, -2), { newline: '\r\n' }).data;
}

function never(): never {
  throw new Error('missing report');
}
