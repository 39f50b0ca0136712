import { useEffect, useReducer, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type ButtonEvent, initialButtonState, nextButtonState } from '@/lib/board/buttonState';
import { type BoardPreset, type BoardReport, isTabMessage } from '@/lib/board/protocol';
import type { Format } from '@/lib/formats';
import { type Result, sendMessage } from '@/lib/messaging';
import { SNAPSHOT_REPORT_ID, type SnapshotOutput } from '@/lib/snapshot/snapshotOutputs';
import { ExportButton } from './ExportButton';

const NO_ANSWER = {
  kind: 'server',
  message: 'The LeanKit Exporter extension did not answer. Reload the page and try again.',
} as const;

/**
 * The board button wired to the background: asks for its state when it mounts, follows the job
 * updates the background pushes to this tab, and sends the user's clicks. Mounted once per board
 * (keyed by board id), so moving to another board starts it afresh.
 */
export function BoardButton({ boardId }: { boardId: string }) {
  const [state, dispatch] = useReducer(
    (current, event: ButtonEvent) => nextButtonState(current, event, boardId),
    initialButtonState,
  );
  const [format, setFormat] = useState<Format | undefined>(undefined);
  const [reports, setReports] = useState<readonly BoardReport[]>([]);
  const [spreadsheetHint, setSpreadsheetHint] = useState('');
  const [presets, setPresets] = useState<readonly BoardPreset[]>([]);

  useEffect(() => {
    let live = true;
    const load = () =>
      sendMessage('boardState', { boardId })
        .then((answer) => {
          if (!live) return;
          dispatch({ type: 'loaded', state: answer });
          setReports(answer.reports);
          setSpreadsheetHint(answer.spreadsheetHint);
          setPresets(answer.presets);
          // The user's pick in the menu stands until the button is mounted again.
          setFormat((picked) => picked ?? answer.defaultFormat);
        })
        .catch(() => undefined);
    void load();
    const onMessage = (message: unknown) => {
      if (!isTabMessage(message)) return;
      if (message.type === 'boardJobUpdate') dispatch({ type: 'job', job: message.job });
      else void load();
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      live = false;
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [boardId]);

  /** Starts a job of `reportId` (an export, or a snapshot's) with the message `send` sends. */
  async function start(reportId: string, send: () => Promise<Result<{ jobId: string }>>) {
    dispatch({ type: 'start' });
    try {
      const answer = await send();
      dispatch(
        answer.ok
          ? { type: 'started', jobId: answer.value.jobId, reportId }
          : { type: 'start-failed', error: answer.error },
      );
    } catch {
      dispatch({ type: 'start-failed', error: NO_ANSWER });
    }
  }

  function exportReport(reportId: string, preset?: BoardPreset) {
    return start(reportId, () =>
      sendMessage('boardExport', {
        boardId,
        reportId,
        format: preset?.format ?? format ?? 'csv',
        ...(preset ? { presetId: preset.id } : {}),
      }),
    );
  }

  function snapshot(output: SnapshotOutput) {
    return start(SNAPSHOT_REPORT_ID, () => sendMessage('boardSnapshot', { boardId, output }));
  }

  async function showFile() {
    if (state.kind !== 'done') return;
    const answer = await sendMessage('boardShowFile', { jobId: state.jobId }).catch(() => null);
    dispatch(
      answer?.ok ? { type: 'dismiss' } : { type: 'show-failed', error: answer?.error ?? NO_ANSWER },
    );
  }

  return (
    <ExportButton
      state={state}
      reports={reports}
      presets={presets}
      spreadsheetHint={spreadsheetHint}
      format={format ?? 'csv'}
      onExport={(reportId) => void exportReport(reportId)}
      onExportPreset={(preset) => void exportReport(preset.reportId, preset)}
      onFormat={setFormat}
      onSnapshot={(output) => void snapshot(output)}
      onShowFile={() => void showFile()}
      onCancel={() => {
        if (state.kind === 'running')
          void sendMessage('boardCancel', { jobId: state.jobId }).catch(() => undefined);
      }}
      onSignIn={() => void sendMessage('boardSignIn').catch(() => undefined)}
      onOpenFlow={() => void sendMessage('boardOpenFlow', { boardId }).catch(() => undefined)}
    />
  );
}
