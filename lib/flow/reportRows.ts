import { columnKey } from '../pipeline/columns';
import { RecordScanner, type RecordView } from '../pipeline/records';
import { findReportByPath } from '../reports';
import {
  type BlockedSpan,
  type Card,
  type CardPosition,
  type Lane,
  type Parsed,
  parseBlockedSpans,
  parseCardPositions,
  parseCards,
  parseLanes,
  type ReportRow,
} from './boardHistory';
import type { FlowReport } from './boardReports';

/** Each flow report's typed records. */
export interface FlowRecords {
  lanes: Lane;
  cardpositions: CardPosition;
  cards: Card;
  'cards/blockedhistory': BlockedSpan;
}

const PARSERS: { [R in FlowReport]: (rows: ReportRow[]) => Parsed<FlowRecords[R]> } = {
  lanes: parseLanes,
  cardpositions: parseCardPositions,
  cards: parseCards,
  'cards/blockedhistory': parseBlockedSpans,
};

/**
 * Reads a flow report's CSV body as it arrives and parses it into typed records chunk by chunk
 * (our single-scan parser, then lib/flow/boardHistory.ts), so no whole body is ever held as text
 * and parsing keeps pace with the bytes. Header cells become the catalogue's column ids, whether
 * LeanKit writes ids or labels.
 */
export async function readReportRecords<R extends FlowReport>(
  report: R,
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): Promise<Parsed<FlowRecords[R]>> {
  const parse = PARSERS[report] as (rows: ReportRow[]) => Parsed<FlowRecords[R]>;
  const catalogue = findReportByPath(report);
  const scanner = new RecordScanner('csv');
  const records: FlowRecords[R][] = [];
  let skipped = 0;
  let keys: string[] | undefined;
  let rows: ReportRow[] = [];
  const onRecord = (record: RecordView) => {
    if (keys === undefined) {
      keys = [];
      for (let i = 0; i < record.count; i++) {
        const header = record.cell(i) ?? '';
        keys.push(catalogue ? columnKey(catalogue, header) : header);
      }
      return;
    }
    const row: Record<string, string | undefined> = {};
    for (let i = 0; i < keys.length; i++) row[keys[i] as string] = record.cell(i);
    rows.push(row);
  };
  const take = () => {
    const parsed = parse(rows);
    for (const record of parsed.records) records.push(record);
    skipped += parsed.skipped;
    rows = [];
  };
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      scanner.push(decoder.decode(value, { stream: true }), onRecord);
      take();
    }
  } finally {
    reader.releaseLock();
  }
  // The file was checked whole where it was built; a last line without its line break still counts.
  const rest = decoder.decode() + (scanner.pending === '' ? '' : '\n');
  if (rest !== '') scanner.push(rest, onRecord);
  take();
  return { records, skipped };
}
