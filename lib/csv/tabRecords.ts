/**
 * Splits TAB text arriving in arbitrary chunks into whole records. LeanKit's TAB has no quoting
 * (tabs and line breaks inside values become spaces, docs/reporting-api.md §9), so every line feed
 * ends a record, and a quote is an ordinary character. Whatever follows the last line feed waits
 * for the next chunk, so a connection that drops mid-row never yields half a row.
 */
export class TabRecordSplitter {
  private buffer = '';

  /** Adds text and returns the complete records it finished (with their line breaks). */
  push(text: string): { text: string } {
    this.buffer += text;
    const end = this.buffer.lastIndexOf('\n') + 1;
    const complete = this.buffer.slice(0, end);
    this.buffer = this.buffer.slice(end);
    return { text: complete };
  }

  /** Text received after the last complete record. */
  get pending(): string {
    return this.buffer;
  }
}
