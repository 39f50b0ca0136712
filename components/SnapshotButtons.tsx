import { sendMessage } from '@/lib/messaging';
import {
  SNAPSHOT_LABEL,
  SNAPSHOT_OUTPUTS,
  type SnapshotOutput,
} from '@/lib/snapshot/snapshotOutputs';

/** Starts a board snapshot of these boards (empty: all); resolves to the failure's sentence, if any. */
export async function startSnapshot(
  boardIds: readonly string[],
  output: SnapshotOutput,
): Promise<string | null> {
  const result = await sendMessage('startSnapshot', { boardIds: [...boardIds], output });
  return result.ok ? null : result.error.message;
}

/**
 * "Board snapshot": every board report of the chosen boards in one Excel workbook, or the same
 * reports as CSV files in a .zip.
 */
export function SnapshotButtons({ onSnapshot }: { onSnapshot: (output: SnapshotOutput) => void }) {
  return (
    <div class="snapshot">
      <div class="report-text">
        <div class="report-label">{SNAPSHOT_LABEL}</div>
        <div class="report-description">
          Every report of the chosen boards in one workbook, a sheet per report.
        </div>
      </div>
      <button
        type="button"
        class="download"
        title={`Every report of the chosen boards as one ${SNAPSHOT_OUTPUTS.xlsx.label}`}
        onClick={() => onSnapshot('xlsx')}
      >
        {SNAPSHOT_LABEL}
      </button>
      <button
        type="button"
        class="link"
        aria-label={`${SNAPSHOT_LABEL} as ${SNAPSHOT_OUTPUTS['csv-zip'].label}`}
        onClick={() => onSnapshot('csv-zip')}
      >
        .zip
      </button>
    </div>
  );
}
