// @vitest-environment node
/**
 * The default simulator (what every end-to-end test gets) has data that each row filter and join
 * of a processed export can bite on: at 40 cards a board, a filter must keep some rows and drop
 * others, and custom fields must exercise quoting in headers and values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './index';

type JsonRow = Record<string, string | number | boolean | null>;

let sim: Simulator;
let cards: JsonRow[];
let customFields: JsonRow[];
beforeAll(async () => {
  sim = await startSimulator();
  const json = async (path: string): Promise<JsonRow[]> =>
    JSON.parse((await sim.body(`/io/reporting/export/${path}`)).toString('utf8')) as JsonRow[];
  [cards, customFields] = await Promise.all([json('cards.json'), json('customfields.json')]);
});
afterAll(() => sim.close());

const distinct = (rows: JsonRow[], read: (row: JsonRow) => unknown): number =>
  new Set(rows.map(read)).size;
const month = (value: unknown): string => String(value).slice(0, 7);

describe.each([0, 1, 2])('board %i of the default simulator', (position) => {
  const boardCards = (): JsonRow[] =>
    cards.filter((card) => card.currentBoardId === sim.boards[position]?.id);

  it('has archived and unarchived cards', () => {
    const archived = boardCards().filter((card) => card.archivedDate !== null);
    expect(archived.length).toBeGreaterThanOrEqual(2);
    expect(archived.length).toBeLessThan(boardCards().length);
  });

  it('has cards in several lanes and of several types', () => {
    expect(distinct(boardCards(), (card) => card.currentLaneId)).toBeGreaterThanOrEqual(5);
    expect(distinct(boardCards(), (card) => card.cardTypeId)).toBeGreaterThanOrEqual(4);
  });

  it('spreads creation, activity and move dates over many months', () => {
    for (const column of ['creationDate', 'lastActivityDate', 'lastMovedDate']) {
      expect(
        distinct(boardCards(), (card) => month(card[column])),
        column,
      ).toBeGreaterThanOrEqual(8);
    }
  });

  it('sets custom fields on most cards', () => {
    const withFields = new Set(customFields.map((row) => row.cardId));
    const set = boardCards().filter((card) => withFields.has(card.cardId));
    expect(set.length / boardCards().length).toBeGreaterThan(0.6);
    expect(set.length).toBeLessThan(boardCards().length);
  });
});

describe('custom fields of the default simulator', () => {
  it('have labels and values that need quoting', () => {
    const labels = new Set(customFields.map((row) => String(row.label)));
    expect([...labels].some((label) => label.includes(',') && label.includes('"'))).toBe(true);
    const values = customFields.map((row) => String(row.customFieldValue));
    for (const pattern of [/,/, /"/, /\n/, /^=/]) {
      expect(
        values.some((value) => pattern.test(value)),
        String(pattern),
      ).toBe(true);
    }
  });

  it('each appear on many cards', () => {
    const perLabel = new Map<unknown, number>();
    for (const row of customFields) perLabel.set(row.label, (perLabel.get(row.label) ?? 0) + 1);
    expect(perLabel.size).toBe(4);
    for (const [label, count] of perLabel) expect(count, String(label)).toBeGreaterThan(20);
  });
});
