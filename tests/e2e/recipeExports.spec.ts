/**
 * Analysis-ready exports (issue 13) through the real extension: a saved preset run by its id, a
 * recipe sent with the request, "changed since my last export", and custom fields as columns, each
 * file checked cell by cell against what the simulator serves, worked out by the plain reference
 * in recipeSupport.ts (independent of lib/pipeline).
 */
import { join } from 'node:path';
import type { StartExportRequest } from '../../lib/messaging';
import type { ExportRecipe, Preset } from '../../lib/recipes/recipe';
import { findReport } from '../../lib/reports';
import type { Simulator } from '../simulator/index';
import { savePresets, setExcelFriendlyCsv, startExport, waitForJob } from './engineSupport';
import { expect, test } from './fixtures';
import {
  type DelimitedFormat,
  expectedTable,
  FIVE_COLUMNS_RECIPE,
  firstDifference,
  guarded,
  readExportFile,
  servedTable,
} from './recipeSupport';

const cards = findReport('cards') ?? never();

function preset(id: string, format: DelimitedFormat, recipe: ExportRecipe): Preset {
  return { id, name: `Preset ${id}`, reportId: 'cards', format, boardIds: [], recipe };
}

/** Runs an export to its end and returns the job and the saved file's cells. */
async function exportAndRead(
  page: import('@playwright/test').Page,
  downloadDir: string,
  request: StartExportRequest,
  format: DelimitedFormat,
) {
  const job = await waitForJob(page, await startExport(page, request));
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  // The path the browser reports: a second export in the same minute gets a name of its own.
  const file = await readExportFile(job.path ?? join(downloadDir, job.fileName), format);
  return { job, ...file };
}

async function expected(
  simulator: Simulator,
  format: DelimitedFormat,
  recipe: ExportRecipe,
  changedSince?: string,
) {
  const served = await servedTable(simulator, cards, format);
  const customFields = recipe.customFields
    ? await servedTable(simulator, findReport('customfields') ?? never(), format)
    : undefined;
  return expectedTable(served, { report: cards, recipe, changedSince, customFields });
}

test.describe('exports with a recipe', () => {
  test.beforeEach(async ({ simulator, popup }) => {
    await popup.signInAs(simulator.demo);
  });

  for (const [format, excelFriendly] of [
    ['csv', false],
    ['tab', true],
  ] as const) {
    test(`a preset with five columns and a date filter (${format}${excelFriendly ? ', Excel-friendly' : ''}) writes exactly the matching cells`, async ({
      simulator,
      popup,
      downloadDir,
    }) => {
      await setExcelFriendlyCsv(popup.page, excelFriendly);
      await savePresets(popup.page, [preset('five', format, FIVE_COLUMNS_RECIPE)]);
      const { table, bom } = await exportAndRead(
        popup.page,
        downloadDir,
        // The preset decides: the request's own report and format are not what is exported.
        { reportId: 'lanes', format: 'json', boardIds: [], presetId: 'five' },
        format,
      );
      const plain = await expected(simulator, format, FIVE_COLUMNS_RECIPE);
      const want = excelFriendly ? guarded(plain, cards, FIVE_COLUMNS_RECIPE.columns ?? []) : plain;
      expect(bom).toBe(excelFriendly);
      expect(table.header).toEqual([
        'Card title',
        'Card ID',
        'Current lane title',
        'Creation date',
        'Last activity date',
      ]);
      expect(firstDifference(table, want)).toBeUndefined();
      // The filter kept some rows and dropped others.
      const all = await servedTable(simulator, cards, format);
      expect(table.rows.length).toBeGreaterThan(0);
      expect(table.rows.length).toBeLessThan(all.rows.length);
    });
  }

  test('"changed since my last export" gives every card first, then only the cards changed since', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    const recipe: ExportRecipe = {
      columns: ['cardId', 'cardTitle', 'lastActivityDate'],
      filters: { changedSinceLastExport: true },
    };
    await savePresets(popup.page, [preset('changed', 'csv', recipe)]);
    const request: StartExportRequest = {
      reportId: 'cards',
      format: 'csv',
      boardIds: [],
      presetId: 'changed',
    };

    const first = await exportAndRead(popup.page, downloadDir, request, 'csv');
    expect(first.table.rows.length).toBe((await servedTable(simulator, cards, 'csv')).rows.length);

    const touched = simulator.touchCards({ count: 3 });
    const second = await exportAndRead(popup.page, downloadDir, request, 'csv');
    expect(second.job.changedSince).toBe(new Date(first.job.startedAt).toISOString());
    expect(second.table.rows.map((row) => row[0]).sort()).toEqual([...touched].sort());
    expect(
      firstDifference(
        second.table,
        await expected(simulator, 'csv', recipe, second.job.changedSince),
      ),
    ).toBeUndefined();
  });

  test('custom fields as columns match the customfields report, card by card', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    const recipe: ExportRecipe = { columns: ['cardId', 'cardTitle'], customFields: true };
    const { table } = await exportAndRead(
      popup.page,
      downloadDir,
      { reportId: 'cards', format: 'csv', boardIds: [], recipe },
      'csv',
    );
    const want = await expected(simulator, 'csv', recipe);
    expect(want.header.length).toBeGreaterThan(2);
    expect(firstDifference(table, want)).toBeUndefined();
  });

  test('a filter that keeps no row gives a file with the header only, and says why', async ({
    popup,
    downloadDir,
  }) => {
    const recipe: ExportRecipe = {
      columns: ['cardId', 'cardTitle'],
      filters: { dateRange: { column: 'creationDate', from: '1990-01-01', to: '1990-12-31' } },
    };
    const { job, table } = await exportAndRead(
      popup.page,
      downloadDir,
      { reportId: 'cards', format: 'csv', boardIds: [], recipe },
      'csv',
    );
    expect(table).toEqual({ header: ['cardId', 'cardTitle'], rows: [] });
    expect(job.rows).toBe(0);
    expect(job.notes?.length ?? 0).toBeGreaterThan(0);
  });
});

function never(): never {
  throw new Error('the catalogue lacks a report these tests use');
}
