import { createExcelFriendlyCsv } from '../csv/excelFriendlyCsv';
import { LeanKitError } from '../errors';
import { findReport } from '../reports';

/**
 * How a processed export changes LeanKit's rows, as plain data: it crosses from the service worker
 * to the offscreen document in a message.
 */
export interface ConvertOptions {
  reportId: string;
  /** What LeanKit serves and what the file is. */
  format: 'csv' | 'tab';
  /** BOM and formula guard. */
  excelFriendly: boolean;
}

/** One server response's reader: the shape of the row pipeline's (lib/pipeline/rowPipeline.ts). */
export interface ResponseConverter {
  /** Converts the next text of the response; `rows` counts the data rows it left in the file. */
  push(text: string): { text: string; rows: number };
  /** Whether the text so far ends where a whole export can end; a cut body never does. */
  readonly complete: boolean;
  /** Data rows read from LeanKit by this response: where a resumed request starts (`offset=`). */
  readonly received: number;
}

/** One converter per file; each server response gets its own reader. */
export interface RowConverter {
  response(): ResponseConverter;
}

export type ConverterFactory = (options: ConvertOptions) => RowConverter;

/**
 * Today's converter, the Excel-friendly CSV and TAB, which keeps every row it reads: rows read and
 * rows written are the same.
 */
export const excelFriendlyConverter: ConverterFactory = ({ reportId, format }) => {
  const report = findReport(reportId);
  if (!report) throw new LeanKitError('not-found', `There is no report called "${reportId}".`);
  const converter = createExcelFriendlyCsv(report, format);
  return {
    response() {
      const reader = converter.response();
      let received = 0;
      return {
        push(text) {
          const chunk = reader.push(text);
          received += chunk.rows;
          return chunk;
        },
        get complete() {
          return reader.complete;
        },
        get received() {
          return received;
        },
      };
    },
  };
};
