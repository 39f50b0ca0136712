/**
 * The sheet worker of an export converted off the page's main thread (workbookWorkers.ts): it
 * decodes LeanKit's CSV bytes and runs them through the row pipeline into the workbook's XML
 * (lib/pipeline/xlsxPipeline.ts), which goes, encoded, to the zip worker (lib/xlsx/zipWorker.ts)
 * to be compressed. After each command of the page that asks for it, it sets a mark in that
 * stream: the zip worker hands it back to the page after the bytes made before it, saying how far
 * the file has got.
 */
import { type CustomFieldData, customFieldTable } from '../pipeline/customFields';
import { createXlsxPipeline } from '../pipeline/xlsxPipeline';
import { findReport } from '../reports';
import {
  failingToPage,
  type Post,
  type WorkerScope,
  type ZipCommand,
  zipWorkerEntries,
} from '../xlsx/zipWorker';
import type { ConvertOptions } from './rowConverter';

/** The page's commands, in order: `open` once, then each server response's bytes and end. */
export type SheetCommand =
  | { op: 'open'; options: ConvertOptions; customFields?: CustomFieldData }
  /** A server response starts (the first, or a retry's, which repeats the header row). */
  | { op: 'response' }
  /** The response's next bytes, as LeanKit sent them (a few reads). */
  | { op: 'bytes'; seq: number; bytes: Uint8Array[] }
  /** The response ended (whole or cut): its partial last line, if any, is never a row. */
  | { op: 'end'; seq: number }
  /** The workbook ends: the last sheet, the parts that list the sheets, the zip's directory. */
  | { op: 'finish'; seq: number };

/** Where the file stood after the page's command `seq`, once the bytes made before it are in. */
export interface SheetMark {
  seq: number;
  /** Data rows in the file, every response. */
  rows: number;
  /** Data rows of this response read from LeanKit: where a resumed request starts. */
  received: number;
  /** Whether this response's text so far ends after a whole record, the header at least. */
  complete: boolean;
  /** What the user should know about the file (see RowConverter.notes). */
  notes: string[];
}

/**
 * LeanKit's bytes are decoded and converted this many at a time, as on the page
 * (exportBuilds.ts): a read can bring megabytes, and a whole one decoded at once is a string of
 * that size, with its slices kept alive by the rows being written.
 */
const STEP_BYTES = 1 << 16;

/** The sheet worker: a command handler; the XML and marks go to the zip worker through `send`. */
export function sheetWorker(send: Post<ZipCommand<SheetMark>>): (command: SheetCommand) => void {
  const entries = zipWorkerEntries(send);
  let pipeline: ReturnType<typeof createXlsxPipeline> | undefined;
  let reading: ReturnType<ReturnType<typeof createXlsxPipeline>['response']> | undefined;
  let decoder = new TextDecoder();
  let rows = 0;

  const opened = () => {
    if (!pipeline) throw new Error('The sheet worker was not opened');
    return pipeline;
  };
  const responding = () => {
    if (!reading) throw new Error('No response was started');
    return reading;
  };
  const convert = (text: string) => {
    rows += responding().push(text).rows;
  };
  const mark = (seq: number) =>
    entries.mark({
      seq,
      rows,
      received: reading?.received ?? 0,
      complete: reading?.complete ?? false,
      notes: opened().notes,
    });

  return (command) => {
    switch (command.op) {
      case 'open': {
        const { options, customFields } = command;
        const report = findReport(options.reportId);
        if (!report) throw new Error(`There is no report called "${options.reportId}".`);
        pipeline = createXlsxPipeline({
          report,
          recipe: options.recipe,
          changedSince: options.changedSince,
          customFields: customFields && customFieldTable(customFields),
          entries,
        });
        return;
      }
      case 'response':
        reading = opened().response();
        decoder = new TextDecoder();
        return;
      case 'bytes': {
        for (const bytes of command.bytes) {
          for (let at = 0; at < bytes.byteLength; at += STEP_BYTES) {
            convert(decoder.decode(bytes.subarray(at, at + STEP_BYTES), { stream: true }));
          }
        }
        return mark(command.seq);
      }
      case 'end':
        convert(decoder.decode());
        return mark(command.seq);
      case 'finish':
        opened().finish();
        return mark(command.seq);
    }
  };
}

/** The sheet worker's first message, from the page: the port to the zip worker. */
export interface SheetWorkerStart {
  zip: MessagePort;
}

/** The sheet worker in its own thread: the page's commands in, the XML out to the zip worker. */
export function serveSheetWorker(scope: WorkerScope): void {
  let handle: ((command: SheetCommand) => void) | undefined;
  scope.onmessage = failingToPage(scope, (data) => {
    if (handle) return handle(data as SheetCommand);
    const { zip } = data as SheetWorkerStart;
    handle = sheetWorker((message, transfer) => zip.postMessage(message, transfer));
  });
}
