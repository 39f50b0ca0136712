/**
 * Words for columns: a header a person reads ("Card title" for `cardTitle`) and one line saying
 * what the column holds, for the column chooser and human headers.
 */

/** Words that are not simply capitalised when a column id is spelled out. */
const WORDS: Record<string, string> = { id: 'ID', url: 'URL' };

/** `cardTitle` → "Card title", `currentLaneId` → "Current lane ID". */
export function columnLabel(columnId: string): string {
  const words = columnId
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** One line about a column of a report, or undefined for a column we know nothing about. */
export function columnDescription(_reportId: string, _columnId: string): string | undefined {
  return undefined;
}
