import { LeanKitError } from '../errors';
import { type CustomFieldTable, createRowPipeline } from '../pipeline/rowPipeline';
import type { ExportRecipe } from '../recipes/recipe';
import { findReport } from '../reports';

/**
 * How a processed export changes LeanKit's rows, as plain data: it crosses from the service worker
 * to the offscreen document in a message.
 */
export interface ConvertOptions {
  reportId: string;
  /** What the file is: CSV or TAB, as LeanKit serves it, or an XLSX workbook made from its CSV. */
  format: 'csv' | 'tab' | 'xlsx';
  /** BOM and formula guard, for CSV and TAB (no XLSX cell is ever a formula). */
  excelFriendly: boolean;
  /** Columns, filters, custom fields, dates (`{}`: every column and row as served). */
  recipe: ExportRecipe;
  /** With the recipe's "changed since my last export": only rows active after this ISO date-time. */
  changedSince?: string;
}

/** What converting some of a response added to the file: text (CSV, TAB) or bytes (XLSX). */
export type ConvertedChunk = { text: string; rows: number } | { bytes: Uint8Array[]; rows: number };

/** One server response's reader: the shape of the row pipeline's (lib/pipeline/rowPipeline.ts). */
export interface ResponseConverter {
  /** Converts the next text of the response; `rows` counts the data rows it left in the file. */
  push(text: string): ConvertedChunk;
  /** Whether the text so far ends where a whole export can end; a cut body never does. */
  readonly complete: boolean;
  /** Data rows read from LeanKit by this response: where a resumed request starts (`offset=`). */
  readonly received: number;
}

/** One converter per file; each server response gets its own reader. */
export interface RowConverter {
  response(): ResponseConverter;
  /**
   * The file's last bytes, once its last response was complete: a workbook's last sheet and the
   * parts that list its sheets, without which it is no workbook. A text file has none.
   */
  finish?(): { bytes: Uint8Array[] };
  /** What the user should know about the file (a column no longer served, no row matched). */
  readonly notes: readonly string[];
}

/** `customFields`: the table read from the `customfields` report, when the recipe asks for it. */
export type ConverterFactory = (
  options: ConvertOptions,
  customFields?: CustomFieldTable,
) => RowConverter | Promise<RowConverter>;

/**
 * The row pipeline, for the report the options name. The XLSX writer (and fflate under it) is
 * loaded the first time a workbook is made, so no page that never makes one carries it.
 */
export const rowPipelineConverter: ConverterFactory = (options, customFields) => {
  const report = findReport(options.reportId);
  if (!report) {
    throw new LeanKitError('not-found', `There is no report called "${options.reportId}".`);
  }
  const { format, excelFriendly, recipe, changedSince } = options;
  if (format === 'xlsx') {
    return import('../pipeline/xlsxPipeline').then(({ createXlsxPipeline }) =>
      createXlsxPipeline({ report, recipe, changedSince, customFields }),
    );
  }
  return createRowPipeline({ report, format, excelFriendly, recipe, changedSince, customFields });
};
