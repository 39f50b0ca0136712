/**
 * "No rows: this board has no cards you can see", from a report's label alone. Apart from the
 * catalogue (lib/jobs/jobStatus.ts looks the label up), so the board button's content script can
 * say it with the labels the background sends it.
 */
export function noRowsSentence(
  label: string,
  /** Whether the board filter narrows the report (else the boards do not matter). */
  boardScoped: boolean,
  /** How many boards the export covers; 0 for all of them. */
  boardCount: number,
): string {
  const what = label.toLowerCase();
  if (!boardScoped) return `No rows: there are no ${what} you can see`;
  if (boardCount === 1) return `No rows: this board has no ${what} you can see`;
  if (boardCount > 1) return `No rows: these boards have no ${what} you can see`;
  return `No rows: your boards have no ${what} you can see`;
}
