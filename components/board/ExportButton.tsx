import { useRef } from 'preact/hooks';
import type { ButtonState } from '@/lib/board/buttonState';
import type { BoardPreset, BoardReport } from '@/lib/board/protocol';
import { byteSize } from '@/lib/byteSize';
import type { Format } from '@/lib/formats';
import { noRowsSentence } from '@/lib/jobs/noRowsSentence';
import { NO_ROW_MATCHED } from '@/lib/recipes/recipe';
import { type SnapshotOutput, stepText } from '@/lib/snapshot/snapshotOutputs';
import { ExportMenu } from './ExportMenu';
import { FORMAT_LABELS } from './formatLabels';
import { onUserClick } from './onUserClick';
import { useFocusKeeper } from './useFocusKeeper';

export interface ExportButtonProps {
  state: ButtonState;
  /** The reports the menu offers (the board-scoped part of the catalogue). */
  reports: readonly BoardReport[];
  /** Saved presets of board reports, offered after the reports. */
  presets: readonly BoardPreset[];
  /** Which formats are safe to open in a spreadsheet, shown under them in the menu. */
  spreadsheetHint: string;
  format: Format;
  /** Exports this report of the board in the chosen format. */
  onExport: (reportId: string) => void;
  /** Exports the board with a saved preset (its report and format). */
  onExportPreset: (preset: BoardPreset) => void;
  onFormat: (format: Format) => void;
  /** Opens the Flow charts page of this board. */
  onOpenFlow: () => void;
  /** Exports every report of the board in one file. */
  onSnapshot: (output: SnapshotOutput) => void;
  onShowFile: () => void;
  onCancel: () => void;
  onSignIn: () => void;
}

/** The report one click on the main part exports (docs/architecture.md, "The board button"). */
export const DEFAULT_REPORT_ID = 'cards';

/**
 * The board page's "Export report" button, its menu, and what it says while and after it works.
 * The main button is one element through every state, so focus stays on it from Export to Done.
 */
export function ExportButton(props: ExportButtonProps) {
  const { state } = props;
  const main = useRef<HTMLButtonElement>(null);
  const keepFocus = useFocusKeeper(main);
  const action = mainAction(props);
  return (
    <div class="export" {...keepFocus}>
      <div class="controls">
        <button
          ref={main}
          type="button"
          class={action.done ? 'main done' : 'main'}
          title={action.title}
          aria-disabled={action.onClick ? undefined : 'true'}
          onClick={action.onClick && onUserClick(action.onClick)}
        >
          {action.label}
        </button>
        {state.kind === 'running' ? (
          <button
            type="button"
            class="cancel"
            aria-label="Cancel export"
            onClick={onUserClick(props.onCancel)}
          >
            <span aria-hidden="true">✕</span>
          </button>
        ) : (
          (state.kind === 'ready' || state.kind === 'done' || state.kind === 'failed') && (
            // The menu takes the reports, presets, format and the actions its items start.
            <ExportMenu {...props} />
          )
        )}
      </div>
      <p class="visually-hidden" role="status">
        {announcement(props)}
      </p>
      {state.kind === 'done' && otherNotes(state).length > 0 && (
        <p class="message">{otherNotes(state).join(' ')}</p>
      )}
      {state.kind === 'failed' && (
        <p class="message error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'signed-out' && state.message && (
        <p class="message" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}

interface MainAction {
  label: string;
  /** Absent while the button has nothing to do (it stays focusable, marked aria-disabled). */
  onClick?: () => void;
  title?: string;
  done?: boolean;
}

function mainAction(props: ExportButtonProps): MainAction {
  const { state } = props;
  switch (state.kind) {
    case 'loading':
      return { label: 'Export report' };
    case 'starting':
      return { label: 'Starting export…' };
    case 'signed-out':
      return { label: 'Sign in to export', onClick: props.onSignIn };
    case 'running':
      return { label: `${stepText(state) ?? 'Exporting'}… ${byteSize(state.bytes)}` };
    case 'done':
      // An empty export still opens its file: it holds the header.
      return {
        label: state.empty ? 'No rows — show file' : 'Done — show file',
        onClick: props.onShowFile,
        done: true,
      };
    case 'ready':
    case 'failed':
      return {
        label: 'Export report',
        onClick: () => props.onExport(DEFAULT_REPORT_ID),
        title: `Exports this board’s cards as ${FORMAT_LABELS[props.format]}`,
      };
  }
}

/** Why the file has no data rows: the filters kept none, or the board has none. */
function emptySentence(
  state: Extract<ButtonState, { kind: 'done' }>,
  reports: readonly BoardReport[],
): string {
  if (state.notes.includes(NO_ROW_MATCHED)) return NO_ROW_MATCHED;
  // The popup's sentence for one board; every report the menu offers is board-scoped.
  return noRowsSentence(
    reports.find((report) => report.id === state.reportId)?.label ?? state.reportId,
    true,
    1,
  );
}

/** The notes the announcement of an empty file does not already say. */
function otherNotes(state: Extract<ButtonState, { kind: 'done' }>): string[] {
  return state.notes.filter((note) => note !== NO_ROW_MATCHED);
}

/** What the polite live region says; failures are announced by their own alert instead. */
function announcement({ state, reports }: ExportButtonProps): string {
  switch (state.kind) {
    case 'starting':
      return 'Exporting report…';
    case 'running':
      return state.step ? `Board snapshot: ${stepText(state)}…` : 'Exporting report…';
    case 'done':
      return [
        state.empty ? emptySentence(state, reports) : 'Done — show file',
        ...otherNotes(state),
      ].join(' ');
    default:
      return '';
  }
}
