/**
 * Where a snapshot's reports go, one after another, into one file: an Excel workbook (a sheet per
 * report, through the streaming writer of lib/xlsx) or a .zip of CSV files (a file per report,
 * through the row pipeline's CSV), each ending with what the snapshot is (About). Both stream:
 * bytes come out through `onChunk` as they are ready, and nothing they hold grows with the rows.
 */
import { Zip, ZipDeflate } from 'fflate';
import { LeanKitError } from '../errors';
import type { CustomFieldTable } from '../pipeline/customFields';
import { createRowCells } from '../pipeline/rowCells';
import { createRowPipeline } from '../pipeline/rowPipeline';
import { csvField } from '../pipeline/writers';
import { findReport, type Report } from '../reports';
import { createXlsxWriter, type XlsxWriter } from '../xlsx/xlsxWriter';
import { ABOUT_COLUMNS, aboutRows, type SnapshotCount, type SnapshotFacts } from './aboutSheet';
import type { SnapshotOutput } from './snapshotOutputs';
import { ABOUT_SHEET, type SnapshotStepPlan } from './snapshotPlan';

/** One server response of a report: its text in, the rows it left in the file out. */
export interface ReportResponse {
  /** Reads the next text of the response; returns the data rows it added to the file. */
  push(text: string): number;
  /** Whether the text so far ends where a whole export can end; a cut body never does. */
  readonly complete: boolean;
  /** Data rows read from LeanKit by this response: where a resumed request starts (`offset=`). */
  readonly received: number;
}

/** One report's table in the file; a retried or resumed response continues its rows. */
export interface ReportTable {
  response(): ReportResponse;
  /** Ends the report's table, even with no row (its header alone); returns its rows. */
  end(): number;
}

export interface SnapshotWriter {
  /** Starts the next report's table; `customFields` for a recipe that asks for them (cards). */
  startReport(step: SnapshotStepPlan, customFields?: CustomFieldTable): ReportTable;
  /** Ends the file with the About table, from the facts and each report's rows. */
  finish(facts: SnapshotFacts, counts: readonly SnapshotCount[]): void;
}

/** Deflate's fastest level, as the workbook's sheets use (lib/xlsx/xlsxWriter.ts says why). */
const COMPRESSION = 1;

export function createSnapshotWriter(
  output: SnapshotOutput,
  onChunk: (bytes: Uint8Array) => void,
): SnapshotWriter {
  return output === 'xlsx' ? workbookWriter(onChunk) : csvZipWriter(onChunk);
}

function reportOf(step: SnapshotStepPlan): Report {
  const report = findReport(step.report.id);
  if (!report) {
    throw new LeanKitError('not-found', `There is no report called "${step.report.id}".`);
  }
  return report;
}

function workbookWriter(onChunk: (bytes: Uint8Array) => void): SnapshotWriter {
  let writer: XlsxWriter | undefined;
  /** The workbook's next sheet: its first, or one after the sheets so far. */
  const nextSheet = (sheetName: string, columns: typeof ABOUT_COLUMNS): XlsxWriter => {
    if (writer) writer.nextSheet(sheetName, columns);
    else writer = createXlsxWriter({ sheetName, columns, onChunk });
    return writer;
  };
  return {
    startReport(step, customFields) {
      const cells = createRowCells({ report: reportOf(step), recipe: step.recipe, customFields });
      let sheet: XlsxWriter | undefined;
      let rows = 0;
      // The sheet starts once the columns are known, from the report's first header row.
      const sheetNow = () => {
        sheet ??= nextSheet(step.sheetName, cells.columns ?? []);
        return sheet;
      };
      return {
        response() {
          const reading = cells.response();
          return {
            push(text) {
              const added = reading.push(text, (row) => sheetNow().addRow(row));
              rows += added;
              return added;
            },
            get complete() {
              return reading.complete;
            },
            get received() {
              return reading.received;
            },
          };
        },
        end() {
          sheetNow();
          return rows;
        },
      };
    },
    finish(facts, counts) {
      const about = nextSheet(ABOUT_SHEET, ABOUT_COLUMNS);
      for (const row of aboutRows(facts, counts, 'sheetName')) about.addRow(row);
      about.finish();
    },
  };
}

function csvZipWriter(onChunk: (bytes: Uint8Array) => void): SnapshotWriter {
  const zip = new Zip((error, bytes) => {
    if (error) throw error;
    onChunk(bytes);
  });
  const encoder = new TextEncoder();
  const addFile = (name: string) => {
    const file = new ZipDeflate(name, { level: COMPRESSION });
    zip.add(file);
    return file;
  };
  return {
    startReport(step, customFields) {
      // As LeanKit serves it, for tools that read CSV: no BOM, no formula guard.
      const pipeline = createRowPipeline({
        report: reportOf(step),
        format: 'csv',
        excelFriendly: false,
        recipe: step.recipe,
        customFields,
      });
      const file = addFile(step.fileName);
      let rows = 0;
      return {
        response() {
          const reading = pipeline.response();
          return {
            push(text) {
              const chunk = reading.push(text);
              if (chunk.text !== '') file.push(encoder.encode(chunk.text));
              rows += chunk.rows;
              return chunk.rows;
            },
            get complete() {
              return reading.complete;
            },
            get received() {
              return reading.received;
            },
          };
        },
        end() {
          file.push(new Uint8Array(0), true);
          return rows;
        },
      };
    },
    finish(facts, counts) {
      const lines = [
        ABOUT_COLUMNS.map((column) => column.header),
        ...aboutRows(facts, counts, 'fileName'),
      ];
      const text = lines.map((cells) => `${cells.map(csvField).join(',')}\r\n`).join('');
      addFile(`${ABOUT_SHEET.toLowerCase()}.csv`).push(encoder.encode(text), true);
      zip.end();
    },
  };
}
