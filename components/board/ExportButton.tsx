import type { ButtonState } from '@/lib/board/buttonState';
import type { BoardReport } from '@/lib/board/protocol';
import { byteSize } from '@/lib/byteSize';
import type { Format } from '@/lib/reports';
import { ExportMenu } from './ExportMenu';
import { FORMAT_LABELS } from './formatLabels';

export interface ExportButtonProps {
  state: ButtonState;
  /** The reports the menu offers (the board-scoped part of the catalogue). */
  reports: readonly BoardReport[];
  format: Format;
  /** Exports this report of the board in the chosen format. */
  onExport: (reportId: string) => void;
  onFormat: (format: Format) => void;
  onShowFile: () => void;
  onCancel: () => void;
  onSignIn: () => void;
}

/** The report one click on the main part exports (../shared/ui.md, "Board page button"). */
export const DEFAULT_REPORT_ID = 'cards';

/** The board page's "Export report" button, its menu, and what it says while and after it works. */
export function ExportButton(props: ExportButtonProps) {
  const { state, format } = props;
  const hint = `Exports this board’s cards as ${FORMAT_LABELS[format]}`;
  return (
    <div class="export">
      <div class="controls">
        <Main {...props} hint={hint} />
        {(state.kind === 'ready' || state.kind === 'done' || state.kind === 'failed') && (
          <ExportMenu
            reports={props.reports}
            format={format}
            onExport={props.onExport}
            onFormat={props.onFormat}
          />
        )}
      </div>
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

function Main({
  state,
  onExport,
  onShowFile,
  onCancel,
  onSignIn,
  hint,
}: ExportButtonProps & { hint: string }) {
  switch (state.kind) {
    case 'loading':
    case 'starting':
      return (
        <button type="button" class="main" disabled aria-busy="true">
          {state.kind === 'loading' ? 'Export report' : 'Starting export…'}
        </button>
      );
    case 'signed-out':
      return (
        <button type="button" class="main" onClick={onSignIn}>
          Sign in to export
        </button>
      );
    case 'running':
      return (
        <>
          <span
            class="main progress"
            role="progressbar"
            aria-label="Exporting report"
            aria-valuetext={`${byteSize(state.bytes)} saved`}
          >
            Exporting… {byteSize(state.bytes)}
          </span>
          <button type="button" class="cancel" aria-label="Cancel export" onClick={onCancel}>
            <span aria-hidden="true">✕</span>
          </button>
        </>
      );
    case 'done':
      return (
        <button type="button" class="main done" onClick={onShowFile}>
          Done — show file
        </button>
      );
    case 'ready':
    case 'failed':
      return (
        <button type="button" class="main" title={hint} onClick={() => onExport(DEFAULT_REPORT_ID)}>
          Export report
        </button>
      );
  }
}
