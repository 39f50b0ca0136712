import { columnKey } from '../pipeline/columns';
import { RecordScanner, type RecordView } from '../pipeline/records';
import { findReportByPath } from '../reports';
import {
  BLOCKED_SPAN_READER,
  type BlockedSpan,
  CARD_POSITION_READER,
  CARD_READER,
  type Card,
  type CardPosition,
  LANE_READER,
  type Lane,
  type Parsed,
  type RecordReader,
} from './boardHistory';
import type { FlowReport } from './boardReports';

/** Each flow report's typed records. */
export interface FlowRecords {
  lanes: Lane;
  cardpositions: CardPosition;
  cards: Card;
  'cards/blockedhistory': BlockedSpan;
}

const READERS: { [R in FlowReport]: RecordReader<FlowRecords[R]> } = {
  lanes: LANE_READER,
  cardpositions: CARD_POSITION_READER,
  cards: CARD_READER,
  'cards/blockedhistory': BLOCKED_SPAN_READER,
};

/**
 * Reads a flow report's CSV body as it arrives and makes its typed records record by record (our
 * single-scan parser, then the report's reader in lib/flow/boardHistory.ts), so no whole body is
 * ever held as text, parsing keeps pace with the bytes, and of each row only the cells read are
 * copied out (the cards report has about forty). Header cells become the catalogue's column ids,
 * whether LeanKit writes ids or labels.
 */
export async function readReportRecords<R extends FlowReport>(
  report: R,
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
  /** Awaited after each piece: lets the page's other work run while a big report is parsed. */
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<Parsed<FlowRecords[R]>> {
  const reader = READERS[report] as RecordReader<FlowRecords[R]>;
  const catalogue = findReportByPath(report);
  const scanner = new RecordScanner('csv');
  const records: FlowRecords[R][] = [];
  let skipped = 0;
  /** Where each column read is in the records (-1: not served), once the header is read. */
  let places: Int32Array | undefined;
  let current: RecordView | undefined;
  const cell = (index: number): string => {
    const place = (places as Int32Array)[index] as number;
    const value = place < 0 ? undefined : (current as RecordView).cell(place);
    return value === undefined ? '' : value.trim();
  };
  const onRecord = (record: RecordView) => {
    if (places === undefined) {
      const keys: string[] = [];
      for (let i = 0; i < record.count; i++) {
        const header = record.cell(i) ?? '';
        keys.push(catalogue ? columnKey(catalogue, header) : header);
      }
      places = Int32Array.from(reader.columns, (column) => keys.indexOf(column));
      return;
    }
    current = record;
    const parsed = reader.read(cell);
    if (parsed === null) skipped++;
    else records.push(parsed);
  };
  const decoder = new TextDecoder();
  const chunks = body.getReader();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await chunks.read();
      if (done) break;
      scanner.push(decoder.decode(value, { stream: true }), onRecord);
      await pause();
    }
  } finally {
    chunks.releaseLock();
  }
  // The file was checked whole where it was built; a last line without its line break still counts.
  const rest = decoder.decode() + (scanner.pending === '' ? '' : '\n');
  if (rest !== '') scanner.push(rest, onRecord);
  return { records, skipped };
}
