import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { activeBoardId } from '@/lib/activeBoard';
import type { BoardOption } from '@/lib/boardOptions';
import { spreadsheetSafetyHint } from '@/lib/csv/spreadsheetSafety';
import { flowPath } from '@/lib/flow/flowPath';
import { FORMATS, type Format } from '@/lib/formats';
import type { ExportJob } from '@/lib/jobs/jobRecords';
import { type SessionInfo, sendMessage } from '@/lib/messaging';
import { isFinished, type RecentDownload } from '@/lib/recentDownloads';
import { editorPath } from '@/lib/recipes/editorUrl';
import type { Preset } from '@/lib/recipes/recipe';
import { findReportSummary, REPORT_LIST } from '@/lib/reportList';
import type { SnapshotOutput } from '@/lib/snapshot/snapshotOutputs';
import { boardSelectionItem, defaultFormatItem, excelFriendlyCsvItem } from '@/lib/storage/items';
import { BoardPicker } from './BoardPicker';
import { ExportProgress } from './ExportProgress';
import { FormatPicker } from './FormatPicker';
import { LatestResult } from './LatestResult';
import { RecentDownloads } from './RecentDownloads';
import { PresetSelect } from './recipes/PresetSelect';
import type { PresetList } from './recipes/presetStore';
import { usePresets } from './recipes/usePresets';
import { SnapshotButtons } from './SnapshotButtons';
import { useNow } from './useNow';
import { useStoredValue } from './useStoredValue';

/**
 * Who is signed in, what is being exported and how the last export ended (always in view at
 * the top), the reports to download, and recent downloads.
 */
export function SignedInView({
  session,
  jobs,
  recent,
  presets: presetStore,
  onSignedOut,
}: {
  session: SessionInfo;
  jobs: readonly ExportJob[];
  recent: readonly RecentDownload[];
  presets: PresetList;
  onSignedOut: () => void;
}) {
  const storedFormat = useStoredValue(defaultFormatItem) ?? 'csv';
  const presets = usePresets(presetStore) ?? [];
  const presetId = useSignal('');
  // A chosen preset's format, shown instead of the user's default without changing it.
  const presetFormat = useSignal<Format | undefined>(undefined);
  const preset = presets.find((candidate) => candidate.id === presetId.value);
  const format = (preset && presetFormat.value) || storedFormat;
  const excelFriendly = useStoredValue(excelFriendlyCsvItem);
  const boards = useSignal<BoardOption[] | undefined>(undefined);
  const boardsError = useSignal<string | null>(null);
  const boardsComplete = useSignal(true);
  const selected = useSignal<string[]>([]);
  const pickerOpen = useSignal(false);
  const actionError = useSignal<string | null>(null);
  const status = useRef<HTMLElement>(null);
  const now = useNow(jobs.some((job) => !isFinished(job.state)));

  useEffect(() => {
    void sendMessage('listBoards').then((result) => {
      if (result.ok) {
        boards.value = result.value.boards;
        boardsComplete.value = result.value.complete;
      } else boardsError.value = result.error.message;
    });
    // The board of the active LeanKit tab, else the boards picked last time on this account.
    void Promise.all([
      activeBoardId(browser.tabs, session.origin),
      boardSelectionItem.getValue(),
    ]).then(([active, remembered]) => {
      if (selected.peek().length > 0) return;
      selected.value = active ? [active] : (remembered[session.accountName] ?? []);
    });
  }, [session.origin, session.accountName]);

  // A preset is exported as saved: other boards or another format are no longer that preset.
  function choose(ids: string[]) {
    choosePreset(null);
    selected.value = ids;
    void boardSelectionItem
      .getValue()
      .then((all) => boardSelectionItem.setValue({ ...all, [session.accountName]: ids }));
  }

  function choosePreset(chosen: Preset | null) {
    presetId.value = chosen?.id ?? '';
    presetFormat.value = chosen?.format;
    if (chosen) selected.value = [...chosen.boardIds];
  }

  /** The "Columns and filters" page for a report: on the chosen preset when it is this report's. */
  function openEditor(reportId: string) {
    const path =
      preset?.reportId === reportId
        ? editorPath({ presetId: preset.id })
        : editorPath({ reportId, format, boardIds: selected.value });
    void browser.tabs.create({ url: browser.runtime.getURL(path) });
  }

  /** The "Flow charts" page of the chosen boards: charts are per board, so it needs some. */
  function openFlowCharts() {
    if (selected.value.length === 0) {
      actionError.value = 'Choose one or more boards for flow charts.';
      return;
    }
    actionError.value = null;
    void browser.tabs.create({ url: browser.runtime.getURL(flowPath(selected.value)) });
  }

  async function start(
    reportId: string,
    exportFormat: Format,
    boardIds: readonly string[],
    withPreset?: string,
  ) {
    actionError.value = null;
    // The status at the top shows the export: nothing may cover it.
    pickerOpen.value = false;
    const report = findReportSummary(reportId);
    const result = await sendMessage('startExport', {
      reportId,
      format: exportFormat,
      boardIds: report?.boardScoped ? [...boardIds] : [],
      ...(withPreset ? { presetId: withPreset } : {}),
    });
    if (!result.ok) actionError.value = result.error.message;
  }

  async function show(entry: RecentDownload) {
    if (entry.downloadId === undefined) return;
    actionError.value = null;
    const result = await sendMessage('showDownload', { downloadId: entry.downloadId });
    if (!result.ok) actionError.value = result.error.message;
  }

  async function signOut() {
    await sendMessage('signOut');
    onSignedOut();
  }

  async function snapshot(output: SnapshotOutput, boardIds: readonly string[]) {
    actionError.value = null;
    pickerOpen.value = false;
    const result = await sendMessage('startSnapshot', { boardIds: [...boardIds], output });
    if (!result.ok) actionError.value = result.error.message;
  }

  const retry = (entry: RecentDownload) =>
    void (entry.snapshot
      ? snapshot(entry.snapshot, entry.boardIds)
      : start(entry.reportId, entry.format, entry.boardIds));
  return (
    <div class="signed-in">
      <div class="who">
        <span>
          <strong>{session.name ?? (session.email || 'Signed in')}</strong> on{' '}
          <strong>{session.accountName}</strong>
        </span>
        <span class="who-actions">
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            Options
          </button>
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        </span>
      </div>
      <section class="status-bar" aria-label="Export status" ref={status} tabIndex={-1}>
        <ExportProgress jobs={jobs} now={now} onCancelled={() => status.current?.focus()} />
        <LatestResult
          jobs={jobs}
          accountName={session.accountName}
          onShow={(entry) => void show(entry)}
          onRetry={retry}
        />
        {actionError.value && (
          <p class="error" role="alert">
            {actionError.value}
          </p>
        )}
      </section>
      <BoardPicker
        boards={boards.value}
        loadError={boardsError.value}
        complete={boardsComplete.value}
        selected={selected.value}
        onChange={choose}
        open={pickerOpen.value}
        onOpenChange={(open) => {
          pickerOpen.value = open;
        }}
      />
      <button
        type="button"
        class="link flow-link"
        title="Flow charts of the chosen boards, in a new tab"
        onClick={openFlowCharts}
      >
        Flow charts
      </button>
      <FormatPicker
        value={format}
        onChange={(next) => {
          choosePreset(null);
          void defaultFormatItem.setValue(next);
        }}
        hint={excelFriendly === undefined ? undefined : spreadsheetSafetyHint(excelFriendly)}
      />
      {presets.length > 0 && (
        <div class="preset-field">
          <PresetSelect
            id="preset"
            presets={presets}
            value={preset?.id ?? ''}
            onChange={choosePreset}
            describedBy={preset ? 'preset-hint' : undefined}
          />
          {preset && (
            <p id="preset-hint" class="hint-inline">
              Download {findReportSummary(preset.reportId)?.label ?? preset.reportId} uses its
              columns and filters.
            </p>
          )}
        </div>
      )}
      <SnapshotButtons onSnapshot={(output) => void snapshot(output, selected.value)} />
      <ul class="reports" aria-label="Reports">
        {REPORT_LIST.map((report) => (
          <li key={report.id} class="report">
            <div class="report-text">
              <div class="report-label">{report.label}</div>
              <div class="report-description" title={report.description}>
                {report.description}
              </div>
            </div>
            <button
              type="button"
              class="recipe-link"
              aria-label={`Columns and filters for ${report.label}`}
              title={`Columns and filters for ${report.label}`}
              onClick={() => openEditor(report.id)}
            >
              <span aria-hidden="true">⚙</span>
            </button>
            <button
              type="button"
              class="download"
              aria-label={`Download ${report.label}`}
              title={
                preset?.reportId === report.id
                  ? `Download ${report.label} with the preset “${preset.name}”`
                  : `Download ${report.label} as ${FORMATS[format].label}`
              }
              onClick={() =>
                void start(
                  report.id,
                  format,
                  selected.value,
                  preset?.reportId === report.id ? preset.id : undefined,
                )
              }
            >
              Download
            </button>
          </li>
        ))}
      </ul>
      <RecentDownloads
        entries={recent}
        boards={boards.value}
        accountName={session.accountName}
        onShow={(entry) => void show(entry)}
        onRetry={retry}
      />
      <p class="hint">Reporting data can lag up to 24 hours behind your boards.</p>
    </div>
  );
}
