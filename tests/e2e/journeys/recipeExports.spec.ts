/**
 * Processed exports in every browser (issue 13): "changed since my last export with this preset"
 * over three exports from the popup, custom fields as columns from the Columns and filters page,
 * and dates in an IANA time zone. Each file is found by the path the browser reported for its job
 * and checked cell by cell against the plain reference in recipeSupport.ts (independent of
 * lib/pipeline) over what the simulator serves.
 */
import { basename } from 'node:path';
import type { ExportJob } from '../../../lib/jobs/jobRecords';
import type { ExportRecipe, Preset } from '../../../lib/recipes/recipe';
import { findReport } from '../../../lib/reports';
import { expect, test } from '../envFixtures';
import type { ExtensionPopup } from '../pages/extensionPopup';
import { RecipeEditorUi } from '../pages/recipeEditorUi';
import {
  type DelimitedFormat,
  expectedTable,
  firstDifference,
  inTimeZone,
  readExportFile,
  servedTable,
  type Table,
} from '../recipeSupport';
import { exportJobs, nextFinishedJob, storedPreset, storePresets } from './journeySupport';

const cards = findReport('cards') ?? never();
const customFields = findReport('customfields') ?? never();

/** Downloads the cards report from the popup (with whatever preset it has chosen) to its end. */
async function downloadCards(popup: ExtensionPopup): Promise<ExportJob> {
  const known = await exportJobs(popup.ui);
  await popup.download('Cards');
  const job = await nextFinishedJob(popup.ui, known);
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  return job;
}

/** The job's file as cells, found by the path the browser reported (names repeat within a minute). */
async function fileOf(job: ExportJob, format: DelimitedFormat): Promise<Table> {
  expect(job.path).toBeDefined();
  return (await readExportFile(job.path ?? '', format)).table;
}

test('"changed since my last export", saved on the page: every card first, then only the cards touched since, then none', async ({
  simulator,
  env,
  popup,
}) => {
  await popup.signInAs(simulator.demo);
  const editor = await RecipeEditorUi.open(env, 'cards', 'csv');
  await editor.chooseColumns(['Card ID', 'Card title', 'Last activity date']);
  await editor.tick('Only cards changed since my last export with this preset');
  await editor.savePreset('Changed cards');
  const recipe: ExportRecipe = {
    columns: ['cardId', 'cardTitle', 'lastActivityDate'],
    filters: { changedSinceLastExport: true },
  };
  expect((await storedPreset(popup.ui, 'Changed cards'))?.recipe).toEqual(recipe);

  // The popup, open all along, lists the new preset.
  await popup.ui.select('Preset', 'Changed cards');
  const first = await downloadCards(popup);
  const served = await servedTable(simulator, cards, 'csv');
  expect(first.changedSince).toBeUndefined();
  expect(first.notes?.length ?? 0).toBeGreaterThan(0);
  const firstFile = await fileOf(first, 'csv');
  expect(firstFile.rows.length).toBe(served.rows.length);
  expect(firstDifference(firstFile, expectedTable(served, { report: cards, recipe }))).toBe(
    undefined,
  );

  const touched = simulator.touchCards({ count: 3 });
  const second = await downloadCards(popup);
  expect(second.presetId).toBe(first.presetId);
  expect(second.changedSince).toBe(new Date(first.startedAt).toISOString());
  const secondFile = await fileOf(second, 'csv');
  expect(secondFile.rows.map((row) => row[0]).sort()).toEqual([...touched].sort());
  const changed = expectedTable(await servedTable(simulator, cards, 'csv'), {
    report: cards,
    recipe,
    changedSince: second.changedSince,
  });
  expect(firstDifference(secondFile, changed)).toBeUndefined();

  // Nothing touched since the second export began: a file with the header alone.
  const third = await downloadCards(popup);
  expect(third.changedSince).toBe(new Date(second.startedAt).toISOString());
  expect(third.rows).toBe(0);
  expect(await fileOf(third, 'csv')).toEqual({ header: changed.header, rows: [] });
});

test('custom fields as columns, exported from the Columns and filters page, match the customfields report card by card', async ({
  simulator,
  env,
  popup,
}) => {
  await popup.signInAs(simulator.demo);
  const editor = await RecipeEditorUi.open(env, 'cards', 'csv');
  await editor.chooseColumns(['Card ID', 'Card title']);
  await editor.tick('Custom fields as columns');
  const known = await exportJobs(popup.ui);
  const savedAs = await editor.exportNow('Cards');
  const job = await nextFinishedJob(popup.ui, known);
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  expect(savedAs).toBe(basename(job.path ?? job.fileName));
  const recipe: ExportRecipe = { columns: ['cardId', 'cardTitle'], customFields: true };
  expect(job.recipe).toEqual(recipe);

  const fields = await servedTable(simulator, customFields, 'csv');
  const want = expectedTable(await servedTable(simulator, cards, 'csv'), {
    report: cards,
    recipe,
    customFields: fields,
  });
  // Several labels, and a card with a value under each of two of them.
  expect(want.header.length).toBeGreaterThan(3);
  expect(want.rows.some((row) => row.slice(2).filter((cell) => cell !== '').length > 1)).toBe(true);
  expect(firstDifference(await fileOf(job, 'csv'), want)).toBeUndefined();
});

/**
 * Per zone, a format and a date range on "Creation date" whose ends both fall where the zone's
 * day is not UTC's for some card on the default simulator: Kolkata's +05:30 (a half-hour offset)
 * moves evening cards to the next day, New York's -04:00/-05:00 (summer time) night cards to the
 * day before.
 */
const ZONES = [
  { timeZone: 'Asia/Kolkata', format: 'csv', from: '2024-04-01', to: '2024-08-17' },
  { timeZone: 'America/New_York', format: 'tab', from: '2024-04-02', to: '2024-05-20' },
] as const;

for (const { timeZone, format, from, to } of ZONES) {
  test(`a preset with dates in ${timeZone} (${format}) writes every date-time in that zone and filters by its days`, async ({
    simulator,
    popup,
  }) => {
    const recipe: ExportRecipe = {
      columns: [
        'cardId',
        'cardTitle',
        'creationDate',
        'plannedStartDate',
        'lastActivityDate',
        'archivedDate',
      ],
      filters: { dateRange: { column: 'creationDate', from, to } },
      timeZone,
    };
    const preset: Preset = {
      id: 'zoned',
      name: `Cards in ${timeZone}`,
      reportId: 'cards',
      format,
      boardIds: [],
      recipe,
    };
    await popup.signInAs(simulator.demo);
    // Stored as importing a shared presets file would: the page offers only UTC or this computer's zone.
    await storePresets(popup.ui, [preset]);
    await popup.ui.select('Preset', preset.name);
    const job = await downloadCards(popup);
    expect(job.presetId).toBe(preset.id);

    const served = await servedTable(simulator, cards, format);
    const inUtc: ExportRecipe = { ...recipe, timeZone: undefined };
    const want = expectedTable(inTimeZone(served, cards, timeZone), {
      report: cards,
      recipe: inUtc,
    });
    expect(firstDifference(await fileOf(job, format), want)).toBeUndefined();

    // The zone's days decide at both ends: UTC's would keep other cards.
    const keptInUtc = expectedTable(served, { report: cards, recipe: inUtc }).rows.map(
      (row) => row[0],
    );
    const kept = want.rows.map((row) => row[0]);
    expect(kept.filter((id) => !keptInUtc.includes(id)).length).toBeGreaterThan(0);
    expect(keptInUtc.filter((id) => !kept.includes(id)).length).toBeGreaterThan(0);
  });
}

function never(): never {
  throw new Error('the catalogue lacks a report these tests use');
}
