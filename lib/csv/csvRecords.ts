/** Where the scan stands within a record (RFC 4180, read as leniently as spreadsheets read it). */
enum At {
  /** The start of a field: a `"` here opens a quoted field. */
  FieldStart,
  /** Inside an unquoted field: a `"` here is just a character (a bare quote, e.g. `27" screen`). */
  Unquoted,
  /** Inside a quoted field: line breaks and delimiters are part of the cell. */
  Quoted,
  /** A `"` inside a quoted field: the next `"` escapes it, anything else closes the field. */
  QuoteInQuoted,
}

const QUOTE = 34;
const LINE_FEED = 10;

/**
 * Splits CSV text arriving in arbitrary chunks into whole records. A record ends at a line feed
 * outside quotes. Only a `"` at the start of a field opens quotes, so a bare `"` inside an unquoted
 * field (which some writers leave unescaped) never makes the rest of the body one cell. Whatever
 * follows the last complete record waits for the next chunk, so a connection that drops mid-row
 * never yields half a row.
 */
export class CsvRecordSplitter {
  private buffer = '';
  private scanned = 0;
  private at = At.FieldStart;
  private readonly delimiter: number;

  constructor(delimiter = ',') {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Adds text and returns the complete records it finished (with their line breaks) and their count. */
  push(text: string): { text: string; records: number } {
    this.buffer += text;
    const buffer = this.buffer;
    const delimiter = this.delimiter;
    let at = this.at;
    let records = 0;
    let lastEnd = 0;
    for (let i = this.scanned; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (at === At.Quoted) {
        if (c === QUOTE) at = At.QuoteInQuoted;
      } else if (at === At.QuoteInQuoted && c === QUOTE) {
        at = At.Quoted;
      } else if (c === LINE_FEED) {
        records += 1;
        lastEnd = i + 1;
        at = At.FieldStart;
      } else if (c === delimiter) {
        at = At.FieldStart;
      } else if (at === At.FieldStart && c === QUOTE) {
        at = At.Quoted;
      } else {
        at = At.Unquoted;
      }
    }
    this.at = at;
    this.buffer = buffer.slice(lastEnd);
    this.scanned = this.buffer.length;
    return { text: buffer.slice(0, lastEnd), records };
  }

  /** Text received after the last complete record: a row cut short if the body has ended. */
  get pending(): string {
    return this.buffer;
  }
}
