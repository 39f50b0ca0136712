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
 * The columns lib/flow/boardHistory.ts reads of each report: the only cells copied out of the text
 * (the cards report has about forty). The loader's tests compare its records with those of every
 * column, so a column the parsers start reading and this list lacks fails them.
 */
const COLUMNS_READ: { readonly [R in FlowReport]: readonly string[] } = {
  lanes: [
    'laneId',
    'laneTitle',
    'parentLaneId',
    'lanePosition',
    'laneClass',
    'laneType',
    'isCompletedLane',
  ],
  cardpositions: ['cardId', 'laneId', 'laneEntryDate', 'laneExitDate'],
  cards: [
    'cardId',
    'cardTitle',
    'cardTypeId',
    'cardType',
    'cardSize',
    'priority',
    'actualStartDate',
    'actualFinishDate',
    'archivedDate',
    'currentLaneId',
  ],
  'cards/blockedhistory': ['cardId', 'blockedStartDate', 'blockedEndDate'],
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
  const columns = COLUMNS_READ[report];
  /** Where each column read is in the records (-1: not served), once the header is read. */
  let places: number[] | undefined;
  let rows: ReportRow[] = [];
  const onRecord = (record: RecordView) => {
    if (places === undefined) {
      const keys: string[] = [];
      for (let i = 0; i < record.count; i++) {
        const header = record.cell(i) ?? '';
        keys.push(catalogue ? columnKey(catalogue, header) : header);
      }
      places = columns.map((column) => keys.indexOf(column));
      return;
    }
    const row: Record<string, string | undefined> = {};
    for (let i = 0; i < columns.length; i++) {
      const place = places[i] as number;
      row[columns[i] as string] = place < 0 ? undefined : record.cell(place);
    }
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
