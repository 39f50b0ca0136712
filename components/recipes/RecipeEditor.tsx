import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { BoardOption } from '@/lib/boardOptions';
import type { Format } from '@/lib/formats';
import { type StartExportRequest, sendMessage } from '@/lib/messaging';
import type { RecentDownload } from '@/lib/recentDownloads';
import type { EditorTarget } from '@/lib/recipes/editorUrl';
import type { Preset } from '@/lib/recipes/recipe';
import {
  draftFromRecipe,
  type EditorPage,
  hasUnsavedChanges,
  isSavedPreset,
  presetFromPage,
  type RecipeDraft,
  reportFilters,
} from '@/lib/recipes/recipeDraft';
import { findReport, REPORTS, type Report } from '@/lib/reports';
import { BoardPicker } from '../BoardPicker';
import { FormatPicker } from '../FormatPicker';
import { ColumnChooser } from './ColumnChooser';
import { EditorExports } from './EditorExports';
import { PresetManager } from './PresetManager';
import type { PresetStore } from './presetStore';
import { RowFilterFields } from './RowFilterFields';
import { useBoardLanes } from './useBoardLanes';
import { usePresets } from './usePresets';
import '../layout.css';
import './recipes.css';

/** Why columns and filters are off for JSON. */
export const JSON_NOTE = 'Columns and filters work with CSV, TAB and XLSX exports.';

const cardsReport = findReport('cards') as Report;

/**
 * The "Columns and filters" page: presets first (pick one to edit, or save what the page shows),
 * then a report's columns (chosen, ordered, with headers as words), its row filters, custom
 * fields and dates, and an export of exactly that.
 */
export function RecipeEditor({ store, target }: { store: PresetStore; target: EditorTarget }) {
  const presets = usePresets(store);
  const start = 'presetId' in target ? undefined : target;
  const report = useSignal<Report>(findReport(start?.reportId ?? '') ?? cardsReport);
  const format = useSignal<Format>(start?.format ?? 'csv');
  const boardIds = useSignal<string[]>(start?.boardIds ?? []);
  const draft = useSignal<RecipeDraft>(draftFromRecipe(report.value));
  const presetId = useSignal('');
  // The chosen preset as it was loaded or saved: what "Unsaved changes" compares the page with.
  const saved = useSignal<Preset | null>(null);
  const presetName = useSignal('');
  const polite = useSignal('');
  const alert = useSignal('');
  const boards = useSignal<BoardOption[] | undefined>(undefined);
  const boardsError = useSignal<string | null>(null);
  const boardsComplete = useSignal(true);
  const pickerOpen = useSignal(false);
  /** Exports started from this page, shown under its Export button. */
  const started = useSignal<string[]>([]);

  const say = {
    polite: (text: string) => {
      alert.value = '';
      polite.value = text;
    },
    alert: (text: string) => {
      alert.value = text;
    },
  };

  function load(preset: Preset | null) {
    presetId.value = preset?.id ?? '';
    saved.value = preset;
    presetName.value = preset?.name ?? '';
    if (!preset) return;
    const found = findReport(preset.reportId) ?? cardsReport;
    report.value = found;
    format.value = preset.format;
    boardIds.value = [...preset.boardIds];
    draft.value = draftFromRecipe(found, preset.recipe);
  }

  // Opened on a preset: shown once the presets are read.
  const opening = 'presetId' in target ? target.presetId : '';
  useEffect(() => {
    if (!opening || presets === undefined || presetId.peek()) return;
    const preset = presets.find((candidate) => candidate.id === opening);
    if (preset) load(preset);
    else say.alert('That preset no longer exists. It may have been deleted.');
  }, [presets === undefined]);

  useEffect(() => {
    void sendMessage('listBoards').then((result) => {
      if (result.ok) {
        boards.value = result.value.boards;
        boardsComplete.value = result.value.complete;
      } else boardsError.value = result.error.message;
    });
  }, []);

  const change = (part: Partial<RecipeDraft>) => {
    draft.value = { ...draft.value, ...part };
  };
  const json = format.value === 'json';
  const selected = presets?.find((preset) => preset.id === presetId.value);
  const page: EditorPage = {
    report: report.value,
    format: format.value,
    boardIds: boardIds.value,
    draft: draft.value,
  };
  const unsaved =
    selected !== undefined &&
    saved.value?.id === selected.id &&
    hasUnsavedChanges(page, saved.value);
  const lanes = useBoardLanes(
    report.value.boardScoped ? boardIds.value : [],
    reportFilters(report.value).lanes,
  );

  // Read when the page is left, not when an effect last ran: a change just made counts.
  const unsavedNow = useRef(unsaved);
  unsavedNow.current = unsaved;
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!unsavedNow.current) return;
      event.preventDefault();
      // Browsers from before preventDefault() counted here ask only when returnValue is set.
      event.returnValue = '';
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, []);

  /** What the page shows as a preset, or why it cannot be one. */
  const current = () => presetFromPage(page);

  async function exportNow() {
    const shown = current();
    if (typeof shown === 'string') return say.alert(shown);
    await startExport({
      reportId: shown.reportId,
      format: shown.format,
      boardIds: shown.boardIds,
      recipe: shown.recipe,
      // Named only when unchanged: the preset's "changed since" mark follows its own exports.
      ...(selected && isSavedPreset(report.value, shown, selected)
        ? { presetId: selected.id }
        : {}),
    });
  }

  /** Starts an export; its progress and result show under the Export button (EditorExports). */
  async function startExport(request: StartExportRequest) {
    try {
      const result = await sendMessage('startExport', request);
      if (result.ok) started.value = [...started.value, result.value.jobId];
      else say.alert(result.error.message);
    } catch {
      say.alert('The LeanKit Exporter extension did not answer. Reload the page and try again.');
    }
  }

  async function show(entry: RecentDownload) {
    if (entry.downloadId === undefined) return;
    const result = await sendMessage('showDownload', { downloadId: entry.downloadId });
    if (!result.ok) say.alert(result.error.message);
  }

  /** Retry of a failed export: the same report, boards and recipe as it had. */
  const retry = (entry: RecentDownload) =>
    void startExport({
      reportId: entry.reportId,
      format: entry.format,
      boardIds: [...entry.boardIds],
      ...(entry.recipe ? { recipe: entry.recipe } : {}),
      ...(entry.presetId === undefined ? {} : { presetId: entry.presetId }),
    });

  return (
    <main class="recipes">
      <h1>Columns and filters</h1>
      <p class="hint intro">
        Choose the columns and rows of an export, save them as a preset, and pick the preset in the
        toolbar popup or on a board page.
      </p>
      <PresetManager
        store={store}
        presets={presets ?? []}
        selected={selected}
        name={presetName.value}
        onName={(name) => {
          presetName.value = name;
        }}
        current={current}
        unsaved={unsaved}
        onSelect={load}
        say={say}
      />
      <section class="export-target" aria-label="Export">
        <div class="preset-row">
          <label for="report">Report</label>
          <select
            id="report"
            value={report.value.id}
            onChange={(event) => {
              const next = findReport(event.currentTarget.value) ?? cardsReport;
              report.value = next;
              draft.value = draftFromRecipe(next);
            }}
          >
            {REPORTS.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <FormatPicker
          value={format.value}
          onChange={(next) => {
            format.value = next;
          }}
        />
        {report.value.boardScoped && (
          <BoardPicker
            boards={boards.value}
            loadError={boardsError.value}
            complete={boardsComplete.value}
            selected={boardIds.value}
            onChange={(ids) => {
              boardIds.value = ids;
            }}
            open={pickerOpen.value}
            onOpenChange={(open) => {
              pickerOpen.value = open;
            }}
          />
        )}
      </section>
      {json && <p class="notice">{JSON_NOTE}</p>}
      <div class="recipe">
        <ColumnChooser
          report={report.value}
          columns={draft.value.columns}
          disabled={json}
          onChange={(columns) => change({ columns })}
        />
        <div class="recipe-side">
          <fieldset class="output" disabled={json}>
            <legend>Headers and dates</legend>
            <label class="check">
              <input
                type="checkbox"
                checked={draft.value.humanHeaders}
                onChange={(event) => change({ humanHeaders: event.currentTarget.checked })}
              />
              <span>Headers as words</span>
            </label>
            {report.value.id === 'cards' && (
              <div class="check-field">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={draft.value.customFields}
                    aria-describedby="custom-fields-hint"
                    onChange={(event) => change({ customFields: event.currentTarget.checked })}
                  />
                  <span>Custom fields as columns</span>
                </label>
                <span id="custom-fields-hint" class="hint-inline">
                  One column per custom field, after the chosen columns.
                </span>
              </div>
            )}
            <fieldset class="row-field dates">
              <legend>Dates</legend>
              <div class="choices">
                <label class="choice">
                  <input
                    type="radio"
                    name="time-zone"
                    checked={draft.value.timeZone === 'utc'}
                    onChange={() => change({ timeZone: 'utc' })}
                  />
                  As served (UTC)
                </label>
                <label class="choice">
                  <input
                    type="radio"
                    name="time-zone"
                    checked={draft.value.timeZone === 'local'}
                    onChange={() => change({ timeZone: 'local' })}
                  />
                  In my time zone
                </label>
              </div>
            </fieldset>
          </fieldset>
          <RowFilterFields
            report={report.value}
            draft={draft.value}
            lanes={lanes}
            disabled={json}
            onChange={change}
          />
        </div>
      </div>
      <div class="export-now">
        <button type="button" class="primary" onClick={() => void exportNow()}>
          Export {report.value.label}
        </button>
      </div>
      <EditorExports
        jobIds={started.value}
        say={say}
        onShow={(entry) => void show(entry)}
        onRetry={retry}
      />

      {/* Present from the start, so that screen readers hear every change to them. */}
      <div aria-live="polite" class="visually-hidden">
        {polite.value}
      </div>
      <div role="alert" class="alert-region">
        {alert.value}
      </div>
    </main>
  );
}
