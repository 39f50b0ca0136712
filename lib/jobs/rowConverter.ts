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
  /** What LeanKit serves and what the file is. */
  format: 'csv' | 'tab';
  /** BOM and formula guard. */
  excelFriendly: boolean;
  /** Columns, filters, custom fields, dates (`{}`: every column and row as served). */
  recipe: ExportRecipe;
  /** With the recipe's "changed since my last export": only rows active after this ISO date-time. */
  changedSince?: string;
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
  /** What the user should know about the file (a column no longer served, no row matched). */
  readonly notes: readonly string[];
}

/** `customFields`: the table read from the `customfields` report, when the recipe asks for it. */
export type ConverterFactory = (
  options: ConvertOptions,
  customFields?: CustomFieldTable,
) => RowConverter;

/** The row pipeline, for the report the options name. */
export const rowPipelineConverter: ConverterFactory = (options, customFields) => {
  const report = findReport(options.reportId);
  if (!report) {
    throw new LeanKitError('not-found', `There is no report called "${options.reportId}".`);
  }
  const { format, excelFriendly, recipe, changedSince } = options;
  return createRowPipeline({ report, format, excelFriendly, recipe, changedSince, customFields });
};
