import {
  SNAPSHOT_LABEL,
  SNAPSHOT_ZIP_LABEL,
  type SnapshotOutput,
} from '@/lib/snapshot/snapshotOutputs';

/**
 * "Board snapshot": every board report of the chosen boards in one Excel workbook; beside it the
 * same reports as CSV files in a .zip.
 */
export function SnapshotButtons({ onSnapshot }: { onSnapshot: (output: SnapshotOutput) => void }) {
  return (
    <div class="report">
      <div class="report-text">
        <div class="report-label">Every report</div>
        <div class="report-description">One workbook, a sheet each</div>
      </div>
      <button type="button" class="download" onClick={() => onSnapshot('xlsx')}>
        {SNAPSHOT_LABEL}
      </button>
      <button type="button" class="link" onClick={() => onSnapshot('csv-zip')}>
        <span class="visually-hidden">{SNAPSHOT_LABEL} as </span>
        {SNAPSHOT_ZIP_LABEL}
      </button>
    </div>
  );
}
