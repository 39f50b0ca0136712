import type { Format } from '../formats';
import type { Column, Report } from '../reports';
import type { ExportRecipe, Preset } from './recipe';

/**
 * A recipe as the editor holds it while the user works on it: every column of the report with
 * whether it is chosen, in the order it would be written, and each filter as its controls show it.
 * `recipeFromDraft` turns it back into the smallest recipe that says the same.
 */
export interface RecipeDraft {
  columns: ColumnChoice[];
  humanHeaders: boolean;
  /** The date column the range reads; empty for no date filter. */
  dateColumn: string;
  dateFrom: string;
  dateTo: string;
  changedSinceLastExport: boolean;
  archived: 'include' | 'exclude' | 'only';
  /** Lane ids as typed, or as the lane picker writes them: separated by commas or spaces. */
  laneIds: string;
  /** Card type names or ids as typed, separated by commas (a name may have spaces). */
  cardTypes: string;
  customFields: boolean;
  timeZone: 'utc' | 'local';
}

export interface ColumnChoice {
  id: string;
  chosen: boolean;
}

/** Which filters and settings a report has the data for. */
export interface ReportFilters {
  dateColumns: Column[];
  changedSinceLastExport: boolean;
  archived: boolean;
  lanes: boolean;
  cardTypes: boolean;
  customFields: boolean;
}

/** The columns the lane filter reads, one per report that has lanes. */
const LANE_COLUMNS = ['currentLaneId', 'laneId'];

export function reportFilters(report: Report): ReportFilters {
  const has = (id: string) => report.columns.some((column) => column.id === id);
  return {
    dateColumns: report.columns.filter(({ type }) => type === 'date' || type === 'datetime'),
    changedSinceLastExport: has('lastActivityDate'),
    archived: has('archivedDate'),
    lanes: LANE_COLUMNS.some(has),
    cardTypes: has('cardTypeId'),
    customFields: report.id === 'cards',
  };
}

/**
 * The draft of a recipe for a report. Chosen columns come first, in the recipe's order, then the
 * others in the catalogue's order; a column the catalogue no longer lists stays, chosen, so that
 * saving the preset again keeps it.
 */
export function draftFromRecipe(report: Report, recipe: ExportRecipe = {}): RecipeDraft {
  const known = report.columns.map((column) => column.id);
  const chosen = recipe.columns ?? known;
  const filters = recipe.filters ?? {};
  return {
    columns: [
      ...chosen.map((id) => ({ id, chosen: true })),
      ...known.filter((id) => !chosen.includes(id)).map((id) => ({ id, chosen: false })),
    ],
    humanHeaders: recipe.humanHeaders === true,
    dateColumn: filters.dateRange?.column ?? '',
    dateFrom: filters.dateRange?.from ?? '',
    dateTo: filters.dateRange?.to ?? '',
    changedSinceLastExport: filters.changedSinceLastExport === true,
    archived: filters.archived ?? 'include',
    laneIds: (filters.laneIds ?? []).join(', '),
    cardTypes: (filters.cardTypeIds ?? []).join(', '),
    customFields: recipe.customFields === true,
    timeZone: recipe.timeZone === undefined ? 'utc' : 'local',
  };
}

/**
 * The recipe a draft says, for this report: only the filters the report has data for, and no
 * `columns` when every catalogue column is chosen in the catalogue's order, so that columns
 * LeanKit adds later still export.
 */
export function recipeFromDraft(report: Report, draft: RecipeDraft): ExportRecipe {
  const available = reportFilters(report);
  const chosen = draft.columns.filter((column) => column.chosen).map((column) => column.id);
  const asServed =
    chosen.length === report.columns.length &&
    report.columns.every((column, index) => chosen[index] === column.id);
  const dateColumn = available.dateColumns.some((column) => column.id === draft.dateColumn)
    ? draft.dateColumn
    : '';
  const laneIds = available.lanes ? idList(draft.laneIds) : [];
  const cardTypeIds = available.cardTypes ? entryList(draft.cardTypes) : [];
  const filters = {
    ...(dateColumn
      ? {
          dateRange: {
            column: dateColumn,
            ...(draft.dateFrom ? { from: draft.dateFrom } : {}),
            ...(draft.dateTo ? { to: draft.dateTo } : {}),
          },
        }
      : {}),
    ...(available.changedSinceLastExport && draft.changedSinceLastExport
      ? { changedSinceLastExport: true }
      : {}),
    ...(available.archived && draft.archived !== 'include' ? { archived: draft.archived } : {}),
    ...(laneIds.length > 0 ? { laneIds } : {}),
    ...(cardTypeIds.length > 0 ? { cardTypeIds } : {}),
  };
  return {
    ...(asServed ? {} : { columns: chosen }),
    ...(draft.humanHeaders ? { humanHeaders: true } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
    ...(available.customFields && draft.customFields ? { customFields: true } : {}),
    ...(draft.timeZone === 'local' ? { timeZone: 'local' } : {}),
  };
}

/** Ids typed with commas, spaces or both between them. */
function idList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** Names or ids typed with commas between them, without the spaces around each. */
function entryList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The lane ids the draft filters by, as the lane picker ticks them. */
export function chosenLaneIds(draft: RecipeDraft): string[] {
  return idList(draft.laneIds);
}

/**
 * The draft's lane ids with one lane ticked or unticked, keeping the others (typed ids of lanes
 * the picker does not list included) in their order.
 */
export function withLane(draft: RecipeDraft, laneId: string, chosen: boolean): string {
  const others = chosenLaneIds(draft).filter((id) => id !== laneId);
  return (chosen ? [...others, laneId] : others).join(', ');
}

/** The columns with the one at `index` moved one place up (-1) or down (+1); unchanged at an end. */
export function moveColumn(
  columns: readonly ColumnChoice[],
  index: number,
  step: -1 | 1,
): ColumnChoice[] {
  const target = index + step;
  const moved = [...columns];
  const [column] = moved.splice(index, 1);
  if (!column || target < 0 || target > columns.length - 1) return [...columns];
  moved.splice(target, 0, column);
  return moved;
}

/**
 * Whether an export is exactly a saved preset (report, format, boards and recipe), so that it may
 * name the preset: the background exports a named preset as stored, whatever else is sent.
 */
export function isSavedPreset(
  report: Report,
  shown: Omit<Preset, 'id' | 'name'>,
  preset: Preset,
): boolean {
  const normal = (recipe: ExportRecipe) =>
    JSON.stringify(recipeFromDraft(report, draftFromRecipe(report, recipe)));
  return (
    preset.reportId === shown.reportId &&
    preset.format === shown.format &&
    preset.boardIds.join(',') === shown.boardIds.join(',') &&
    normal(preset.recipe) === normal(shown.recipe)
  );
}

/** What the editor page shows: the parts of a preset besides its recipe, and the recipe's draft. */
export interface EditorPage {
  report: Report;
  format: Format;
  boardIds: readonly string[];
  draft: RecipeDraft;
}

/** The page as a preset (without id and name), or the sentence saying why it cannot be one. */
export function presetFromPage(page: EditorPage): Omit<Preset, 'id' | 'name'> | string {
  const recipe = recipeFromDraft(page.report, page.draft);
  if (recipe.columns?.length === 0) return 'Choose at least one column.';
  return {
    reportId: page.report.id,
    format: page.format,
    boardIds: page.report.boardScoped ? [...page.boardIds] : [],
    // JSON is exported as served: nothing of the recipe applies to it.
    recipe: page.format === 'json' ? {} : recipe,
  };
}

/** Whether the page differs from the saved preset it was opened on (or could not be saved at all). */
export function hasUnsavedChanges(page: EditorPage, preset: Preset): boolean {
  const shown = presetFromPage(page);
  return typeof shown === 'string' || !isSavedPreset(page.report, shown, preset);
}
