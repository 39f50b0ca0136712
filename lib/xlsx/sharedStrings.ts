/**
 * The workbook's shared strings (`xl/sharedStrings.xml`): a text that repeats down a column (lane
 * and board titles, card types, priorities, users) is written once, and each of its cells refers to
 * it by number. That cuts the cards report's sheet XML by about a quarter, and compressing that XML
 * is most of the writer's time. Memory stays flat with the row count: the table has a bound, a
 * column whose texts are nearly all different (titles, ids, links) stops adding to it early, and a
 * text that does not get in is written inline in its cell, as before.
 */
import { cellTextXml, textElement } from './xmlText';

export interface SharedStringLimits {
  /** The most texts the table holds. */
  strings: number;
  /** The most characters of all its texts together. */
  chars: number;
  /** The longest text it takes: long texts rarely repeat. */
  stringChars: number;
}

/** About 2 MB of text at most, next to the megabytes of XML the writer compresses at a time. */
export const SHARED_STRING_LIMITS: SharedStringLimits = {
  strings: 16_384,
  chars: 1 << 20,
  stringChars: 256,
};

/**
 * A column's texts are judged after this many lookups, and again at each power of two after: it
 * stops using the table if more than three in four of them were new, as a column of titles, ids or
 * links does. Its texts met so far stay in the table (at most this many).
 */
const TRIAL_LOOKUPS = 1024;

export interface SharedStrings {
  /**
   * The table's number for a cell's text (cleaned, not XML-escaped) in `column`, added if there is
   * room and the column repeats; -1 when the cell should hold its text inline.
   */
  indexOf(column: number, text: string): number;
  /**
   * Starts judging the columns afresh for another table of `columnCount` columns (a workbook of
   * several sheets); the texts already in the table stay.
   */
  startColumns(columnCount: number): void;
  /** Texts in the table. */
  readonly size: number;
  /** The part's XML, in pieces of about `pieceChars` characters, to `write`. */
  writeXml(write: (xml: string) => void, pieceChars: number): void;
}

export function createSharedStrings(
  columnCount: number,
  limits: SharedStringLimits = SHARED_STRING_LIMITS,
): SharedStrings {
  const index = new Map<string, number>();
  const texts: string[] = [];
  /** Per column: texts looked up, texts it added, whether it stopped using the table. */
  let looked = new Int32Array(columnCount);
  let added = new Int32Array(columnCount);
  let stopped = new Uint8Array(columnCount);
  /** Per column, the last text found and its number: a board's or a lane's rows come in runs. */
  let lastText: (string | undefined)[] = new Array(columnCount);
  let lastIndex = new Int32Array(columnCount);
  let chars = 0;

  return {
    indexOf(column, text) {
      if (stopped[column] === 1 || text.length > limits.stringChars) return -1;
      const seen = (looked[column] as number) + 1;
      looked[column] = seen;
      if (
        seen >= TRIAL_LOOKUPS &&
        (seen & (seen - 1)) === 0 &&
        (added[column] as number) * 4 > seen * 3
      ) {
        stopped[column] = 1;
        return -1;
      }
      if (text === lastText[column]) return lastIndex[column] as number;
      const known = index.get(text);
      if (known !== undefined) {
        // The table's copy: the cell's text may be a slice that keeps its chunk alive.
        lastText[column] = texts[known];
        lastIndex[column] = known;
        return known;
      }
      if (texts.length >= limits.strings || chars + text.length > limits.chars) return -1;
      added[column] = (added[column] as number) + 1;
      const copy = detached(text);
      index.set(copy, texts.length);
      texts.push(copy);
      chars += text.length;
      return texts.length - 1;
    },
    startColumns(count) {
      looked = new Int32Array(count);
      added = new Int32Array(count);
      stopped = new Uint8Array(count);
      lastText = new Array(count);
      lastIndex = new Int32Array(count);
    },
    get size() {
      return texts.length;
    },
    writeXml(write, pieceChars) {
      let xml =
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        `uniqueCount="${texts.length}">`;
      for (const text of texts) {
        xml += `<si>${textElement(cellTextXml(text))}</si>`;
        if (xml.length >= pieceChars) {
          write(xml);
          xml = '';
        }
      }
      write(`${xml}</sst>`);
    },
  };
}

/**
 * A copy of `text` that does not keep the chunk it was sliced from alive (V8 shares the parent's
 * memory between a slice and the parent): the table must hold its texts, not the report.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}
