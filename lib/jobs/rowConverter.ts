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

/**
 * Where an off-thread conversion stands, once the file's bytes made before it came back: data rows
 * in the file (every response), this response's rows read from LeanKit, whether its text so far
 * ends after a whole record.
 */
export interface ConversionState {
  rows: number;
  received: number;
  complete: boolean;
}

/**
 * A converter that runs in other threads (workbookWorkers.ts): it takes LeanKit's bytes, and the
 * file's bytes come back later, to `onMade`, each time with where the conversion stood after them.
 */
export interface OffThreadConverter {
  readonly offThread: true;
  /** A reader for one server response. */
  response(onMade: (bytes: Uint8Array[], state: ConversionState) => void): {
    /**
     * Hands on the response's next bytes (`bytes` is moved, unusable here after); resolves once
     * there is room for more, so that what waits to be converted stays bounded.
     */
    push(bytes: Uint8Array): Promise<void>;
    /** Ends the response; resolves once every byte pushed is converted and its bytes came back. */
    end(): Promise<ConversionState>;
  };
  /** Ends the file (as RowConverter.finish); resolves once its last bytes came back, to `onMade`. */
  finish(onMade: (bytes: Uint8Array[], state: ConversionState) => void): Promise<void>;
  readonly notes: readonly string[];
  /** Stops the threads: whatever waits on them rejects, and the file cannot go on. */
  close(): void;
  /** Whether it was closed, or its threads failed: a file it made so far can only start afresh. */
  readonly closed: boolean;
}

/** `customFields`: the table read from the `customfields` report, when the recipe asks for it. */
export type ConverterFactory = (
  options: ConvertOptions,
  customFields?: CustomFieldTable,
) => RowConverter | OffThreadConverter | Promise<RowConverter | OffThreadConverter>;

/** A factory of converters that run here. */
export type RowConverterFactory = (
  options: ConvertOptions,
  customFields?: CustomFieldTable,
) => RowConverter | Promise<RowConverter>;

/**
 * The row pipeline, for the report the options name. The XLSX writer (and fflate under it) is
 * loaded the first time a workbook is made, so no page that never makes one carries it.
 */
export const rowPipelineConverter: RowConverterFactory = (options, customFields) => {
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
