/**
 * The parse stage: finds the records and fields of LeanKit's CSV or TAB text, arriving in chunks
 * of any size, in one pass. It records where each field's text is instead of copying it, so the
 * later stages read only the cells they need, and a cell nothing changes can be copied through
 * as it came (still quoted and escaped).
 *
 * CSV is read as leniently as spreadsheets read it: only a `"` at the start of a field opens
 * quotes, so a bare `"` inside an unquoted field (`27" screen`, from a naive writer) is a character
 * of that cell and never turns the rest of the body into one cell. TAB has no quoting at all
 * (docs/reporting-api.md §9). A record ends at a line feed outside quotes; a CR before it belongs
 * to the line break. Text after the last whole record waits for the next chunk, so a body cut
 * short never yields half a row.
 */

/** The field's text is inside quotes (`start`..`end` leaves them out). */
export const QUOTED = 1;
/** …and holds escaped quotes (`""`), so its cell is not the raw text. */
export const ESCAPED = 2;

const QUOTE = 34;
const COMMA = 44;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

/**
 * A copy of `text` that does not keep the chunk it was sliced from alive (V8 shares the parent's
 * memory between a slice and the parent): for cells kept longer than their chunk.
 */
export function detached(text: string): string {
  return ` ${text}`.slice(1);
}

/** One record, as positions in `text`; the scanner reuses it for the next record. */
export class RecordView {
  text = '';
  /** Where the record starts and ends in `text` (its line break included). */
  start = 0;
  end = 0;
  /** The first line feed at or after `start`: before `end - 1` only if a cell holds a line break. */
  firstLineFeed = 0;
  count = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  flags = new Uint8Array(64);
  /**
   * A quoted field the text ended in: where it starts, how far its closing quote was looked for,
   * and its flags so far (-1: none). The next chunk goes on from there instead of searching the
   * field again, so a long cell arriving in many chunks is scanned once.
   */
  openQuote = -1;
  openQuoteSearched = 0;
  openQuoteFlags = 0;

  /** Whether every field was quoted, as in LeanKit's own CSV: the record can be copied as it came. */
  quotedThroughout(): boolean {
    const { flags, count } = this;
    for (let i = 0; i < count; i++) if ((flags[i] as number) === 0) return false;
    return true;
  }

  /** The cell's value (undefined past the last field). */
  cell(index: number): string | undefined {
    if (index >= this.count) return undefined;
    const raw = this.text.slice(this.starts[index], this.ends[index]);
    return (this.flags[index] as number) & ESCAPED ? raw.replaceAll('""', '"') : raw;
  }

  /** Whether a cell holds a line feed. */
  hasLineFeed(index: number): boolean {
    const end = this.ends[index] as number;
    return this.firstLineFeed < end && this.text.indexOf('\n', this.starts[index] as number) < end;
  }

  add(start: number, end: number, flags: number): void {
    const index = this.count;
    if (index === this.starts.length) this.grow();
    this.starts[index] = start;
    this.ends[index] = end;
    this.flags[index] = flags;
    this.count = index + 1;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const flags = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    flags.set(this.flags);
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
  }
}

/** Reads the record starting at `view.start` of `view.text`; false if the text ends before it does. */
type ReadRecord = (view: RecordView) => boolean;

/** A CSV record: quoted fields end at a `"` not followed by another; the rest at `,` or a line feed. */
function readCsvRecord(view: RecordView): boolean {
  const text = view.text;
  const length = text.length;
  let position = view.start;
  // Where the next comma and line feed are, searched once and again only once passed.
  let comma = -1;
  let lineFeed = -1;
  const openQuote = view.openQuote;
  view.openQuote = -1;
  view.count = 0;
  for (;;) {
    if (position >= length) return false;
    let from = position;
    if (text.charCodeAt(position) === QUOTE) {
      const resumed = position === openQuote;
      let close = resumed ? view.openQuoteSearched : position + 1;
      let flags = resumed ? view.openQuoteFlags : QUOTED;
      for (;;) {
        close = text.indexOf('"', close);
        if (close === -1 || close + 1 >= length) {
          view.openQuote = position;
          // A quote at the very end is looked at again: the next chunk says if it is doubled.
          view.openQuoteSearched = close === -1 ? length : close;
          view.openQuoteFlags = flags;
          return false;
        }
        if (text.charCodeAt(close + 1) !== QUOTE) break;
        flags |= ESCAPED;
        close += 2;
      }
      const after = text.charCodeAt(close + 1);
      if (after === COMMA) {
        view.add(position + 1, close, flags);
        position = close + 2;
        continue;
      }
      if (after === LINE_FEED || after === CARRIAGE_RETURN) {
        const end = after === LINE_FEED ? close + 1 : close + 2;
        if (end >= length) return false;
        if (text.charCodeAt(end) === LINE_FEED) {
          view.add(position + 1, close, flags);
          return endRecord(view, end);
        }
      }
      // Text after the closing quote (`"a"b`): the whole field is read as unquoted text.
      from = close + 1;
    }
    if (comma < from) comma = text.indexOf(',', from);
    if (comma === -1) comma = length;
    if (lineFeed < from) lineFeed = text.indexOf('\n', from);
    if (lineFeed === -1) return false;
    if (comma < lineFeed) {
      view.add(position, comma, 0);
      position = comma + 1;
      continue;
    }
    const crlf = lineFeed > position && text.charCodeAt(lineFeed - 1) === CARRIAGE_RETURN;
    view.add(position, crlf ? lineFeed - 1 : lineFeed, 0);
    return endRecord(view, lineFeed);
  }
}

/** A TAB record: a line; fields between tabs, nothing quoted. */
function readTabRecord(view: RecordView): boolean {
  const text = view.text;
  const lineFeed = text.indexOf('\n', view.start);
  if (lineFeed === -1) return false;
  const end =
    lineFeed > view.start && text.charCodeAt(lineFeed - 1) === CARRIAGE_RETURN
      ? lineFeed - 1
      : lineFeed;
  view.count = 0;
  let position = view.start;
  for (;;) {
    const tab = text.indexOf('\t', position);
    if (tab === -1 || tab >= end) break;
    view.add(position, tab, 0);
    position = tab + 1;
  }
  view.add(position, end, 0);
  view.end = lineFeed + 1;
  view.firstLineFeed = lineFeed;
  return true;
}

function endRecord(view: RecordView, lineFeed: number): true {
  view.end = lineFeed + 1;
  view.firstLineFeed = view.text.indexOf('\n', view.start);
  return true;
}

const READERS: Readonly<Record<'csv' | 'tab', ReadRecord>> = {
  csv: readCsvRecord,
  tab: readTabRecord,
};

/**
 * Splits text arriving in chunks into records: `push` calls `onRecord` for each whole record, in
 * order, with a view valid only during the call.
 */
export class RecordScanner {
  private readonly read: ReadRecord;
  private readonly view = new RecordView();
  private rest = '';

  constructor(format: 'csv' | 'tab') {
    this.read = READERS[format];
  }

  /**
   * Adds text and hands each record it completed to `onRecord`. The first may lie in a text of its
   * own (the leftover of the last push and this text's first line), the rest in this text.
   */
  push(text: string, onRecord: (record: RecordView) => void): void {
    const view = this.view;
    if (this.rest === '' || !this.endRest(text, onRecord)) {
      view.text = this.rest === '' ? text : this.rest + text;
      view.start = 0;
    }
    while (this.read(view)) {
      onRecord(view);
      view.start = view.end;
    }
    this.rest = view.text.slice(view.start);
    // Positions in the text left over, which the next chunk's text starts with.
    view.openQuote -= view.openQuote >= 0 ? view.start : 0;
    view.openQuoteSearched -= view.start;
  }

  /**
   * Reads the record the text left over starts, when it ends at the new text's first line break,
   * from the two joined up to there; then the scan goes on in the new text itself. Joining all of
   * it, as when the record goes on past that line break (a cell holding one), would copy every
   * chunk once more.
   */
  private endRest(text: string, onRecord: (record: RecordView) => void): boolean {
    const lineFeed = text.indexOf('\n');
    if (lineFeed === -1) return false;
    const view = this.view;
    const { openQuote, openQuoteSearched, openQuoteFlags } = view;
    view.text = this.rest + text.slice(0, lineFeed + 1);
    view.start = 0;
    if (this.read(view) && view.end === view.text.length) {
      onRecord(view);
      view.text = text;
      view.start = lineFeed + 1;
      return true;
    }
    view.openQuote = openQuote;
    view.openQuoteSearched = openQuoteSearched;
    view.openQuoteFlags = openQuoteFlags;
    return false;
  }

  /** Text received after the last whole record: a row cut short if the body has ended. */
  get pending(): string {
    return this.rest;
  }
}
