/**
 * Splits CSV text arriving in arbitrary chunks into whole records. A record ends at a line feed
 * outside quotes; RFC 4180 escapes a quote by doubling it, so counting quotes tells whether a line
 * feed is inside a cell. Whatever follows the last complete record waits for the next chunk, so a
 * connection that drops mid-row never yields half a row.
 */
export class CsvRecordSplitter {
  private buffer = '';
  private scanned = 0;
  private inQuotes = false;

  /** Adds text and returns the complete records it finished (with their line breaks) and their count. */
  push(text: string): { text: string; records: number } {
    this.buffer += text;
    const buffer = this.buffer;
    let records = 0;
    let lastEnd = 0;
    let i = this.scanned;
    let nextQuote = buffer.indexOf('"', i);
    while (i < buffer.length) {
      if (this.inQuotes) {
        if (nextQuote < 0) {
          i = buffer.length;
          break;
        }
        this.inQuotes = false;
        i = nextQuote + 1;
        nextQuote = buffer.indexOf('"', i);
        continue;
      }
      const lineFeed = buffer.indexOf('\n', i);
      if (lineFeed < 0 && nextQuote < 0) {
        i = buffer.length;
        break;
      }
      if (lineFeed >= 0 && (nextQuote < 0 || lineFeed < nextQuote)) {
        records += 1;
        lastEnd = lineFeed + 1;
        i = lastEnd;
      } else {
        this.inQuotes = true;
        i = nextQuote + 1;
        nextQuote = buffer.indexOf('"', i);
      }
    }
    this.buffer = buffer.slice(lastEnd);
    this.scanned = i - lastEnd;
    return { text: buffer.slice(0, lastEnd), records };
  }

  /** Text received after the last complete record. */
  get pending(): string {
    return this.buffer;
  }
}
