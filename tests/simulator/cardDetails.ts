/**
 * What hangs off a card besides its current state: tags, assignments, blocked periods, comments,
 * custom field values and tasks. Each is a pure function of (account seed, board, card index), with
 * its own salt, so any report can regenerate a card's details alone and huge exports stay flat in
 * memory. Every date lies between the card's creation and `AS_OF`.
 */
import {
  type Account,
  AS_OF,
  type Board,
  type Card,
  type CardRecord,
  type CustomField,
  DAY,
  HOUR,
  type Named,
  type User,
} from './data';
import { mixSeed, Random } from './random';
import { formatDate } from './serialize';
import { BUDGET_CODES, COMMENTS, TAGS, TASK_TITLES, TASKBOARD_LANES } from './vocabulary';

const TAG_SALT = 11;
const ASSIGNMENT_SALT = 12;
const BLOCKED_SALT = 13;
const COMMENT_SALT = 14;
const CONNECTION_SALT = 15;
const CUSTOM_FIELD_SALT = 16;
const TASK_SALT = 17;

function randomFor(account: Account, record: CardRecord, salt: number, part = 0): Random {
  return new Random(mixSeed(account.seed, record.board.index, record.index, salt, part));
}

/** Distinct tags currently on the card (none on about half the cards). */
export function tagsOf(account: Account, record: CardRecord): string[] {
  const random = randomFor(account, record, TAG_SALT);
  if (random.chance(0.5)) return [];
  return random.shuffle(TAGS).slice(0, random.int(1, 3));
}

/** A period of a user on a card or task; `end` is null while it lasts. */
export interface Assignment {
  readonly user: User;
  readonly by: User;
  readonly start: number;
  readonly end: number | null;
  readonly unassignedBy: User | null;
}

/** Assignment periods on a card, oldest first; those without an end are the current ones. */
export function assignmentsOf(account: Account, record: CardRecord): Assignment[] {
  return assignments(randomFor(account, record, ASSIGNMENT_SALT), account.users, record.card);
}

function assignments(
  random: Random,
  users: readonly User[],
  card: Pick<Card, 'creationDate' | 'lastActivityDate'>,
): Assignment[] {
  const from = card.creationDate;
  const span = Math.max(card.lastActivityDate - from, HOUR);
  const people = random.shuffle(users);
  const past = random.chance(0.3) ? 1 : 0;
  const current = random.pick([0, 0, 1, 1, 2]);
  const periods: Assignment[] = [];
  for (let i = 0; i < past + current; i++) {
    const user = people[i % people.length] as User;
    const start = from + random.int(0, span);
    const ended = i < past;
    const end = ended ? Math.min(start + random.int(HOUR, 20 * DAY), AS_OF) : null;
    periods.push({
      user,
      by: random.pick(users),
      start,
      end,
      unassignedBy: ended ? random.pick(users) : null,
    });
  }
  return periods.sort((a, b) => a.start - b.start);
}

export interface BlockedPeriod {
  readonly start: number;
  readonly end: number | null;
  readonly by: User;
  readonly unblockedBy: User | null;
}

/**
 * Blocked periods, oldest first: sometimes one closed period while the card was being worked on (in
 * a lane of the active class it has since left, Done excepted), and an open one (since
 * `blockedSince`) exactly when the card is blocked now.
 */
export function blockedPeriodsOf(account: Account, record: CardRecord): BlockedPeriod[] {
  const random = randomFor(account, record, BLOCKED_SALT);
  const periods: BlockedPeriod[] = [];
  const worked = record.stays.filter(
    (stay) =>
      stay.exit !== null && stay.lane.laneClass === 'active' && stay.lane.laneType !== 'completed',
  );
  if (worked.length > 0 && random.chance(0.15)) {
    const stay = random.pick(worked);
    const half = Math.max(1, Math.floor(((stay.exit as number) - stay.entry) / 2));
    const start = stay.entry + random.int(0, half - 1);
    periods.push({
      start,
      end: start + random.int(1, half),
      by: random.pick(account.users),
      unblockedBy: random.pick(account.users),
    });
  }
  if (record.blockedSince !== null) {
    periods.push({
      start: record.blockedSince,
      end: null,
      by: random.pick(account.users),
      unblockedBy: null,
    });
  }
  return periods;
}

export interface CardComment {
  readonly text: string;
  readonly date: number;
  readonly by: User;
}

/** Exactly `commentsCount` comments, oldest first, the last one at `lastCommentDate`. */
export function commentsOf(account: Account, record: CardRecord): CardComment[] {
  const { card } = record;
  if (card.lastCommentDate === null) return [];
  const random = randomFor(account, record, COMMENT_SALT);
  const last = card.lastCommentDate;
  const dates = Array.from({ length: card.commentsCount - 1 }, () =>
    random.int(card.creationDate, last),
  );
  dates.sort((a, b) => a - b).push(last);
  return dates.map((date) => ({
    text: random.pick(COMMENTS),
    date,
    by: random.pick(account.users),
  }));
}

/** The connection to the card's parent, if it has one. */
export function connectionOf(
  account: Account,
  record: CardRecord,
): { created: number; by: User } | null {
  if (record.card.parentCardId === null) return null;
  const random = randomFor(account, record, CONNECTION_SALT);
  return {
    created: record.card.creationDate + random.int(60_000, 3 * DAY),
    by: random.pick(account.users),
  };
}

/** Values of the board's custom fields that are set on the card. */
export function customFieldValuesOf(
  account: Account,
  record: CardRecord,
): { field: CustomField; value: string }[] {
  const random = randomFor(account, record, CUSTOM_FIELD_SALT);
  const values: { field: CustomField; value: string }[] = [];
  for (const field of record.board.customFields) {
    if (!random.chance(0.4)) continue;
    values.push({ field, value: customFieldValue(field, random, record.card) });
  }
  return values;
}

function customFieldValue(field: CustomField, random: Random, card: Card): string {
  switch (field.type) {
    case 'choice':
      return random.pick(field.choices);
    case 'number':
      return String(random.int(1, 80));
    case 'date':
      return formatDate(card.creationDate + random.int(7, 120) * DAY);
    default:
      return random.pick(BUDGET_CODES);
  }
}

/** A task card on a card's taskboard. */
export interface Task {
  readonly id: string;
  readonly title: string;
  readonly type: Named;
  readonly size: number;
  readonly priority: string;
  readonly blockedReason: string | null;
  readonly externalLink: boolean;
  readonly creationDate: number;
  readonly startDate: number | null;
  readonly finishDate: number | null;
  readonly lane: { readonly id: string; readonly title: string; readonly laneType: string };
  readonly assignments: readonly Assignment[];
}

/** Up to 9 tasks fit a card's id space: task ids are `cardId × 10 + 1…9`. */
const MAX_TASKS = 3;
/** Taskboard lane ids are `cardId × 10 + 7…9`, apart from the task ids `cardId × 10 + 1…3`. */
const TASKBOARD_LANE_OFFSET = 7;

/** The tasks of a card (about a quarter of the cards have one to three). */
export function tasksOf(account: Account, record: CardRecord): Task[] {
  const random = randomFor(account, record, TASK_SALT);
  if (!random.chance(0.25)) return [];
  const { card, board } = record;
  const count = random.int(1, MAX_TASKS);
  return Array.from({ length: count }, (_, k) => task(account, record, board, card, k));
}

function task(account: Account, record: CardRecord, board: Board, card: Card, k: number): Task {
  const random = randomFor(account, record, TASK_SALT, k + 1);
  const laneIndex = card.actualFinishDate !== null ? 2 : random.int(0, 2);
  const lane = TASKBOARD_LANES[laneIndex] as (typeof TASKBOARD_LANES)[number];
  const creationDate = card.creationDate + random.int(60_000, 2 * DAY);
  const startDate = laneIndex >= 1 ? creationDate + random.int(HOUR, 5 * DAY) : null;
  const finishDate =
    laneIndex === 2 && startDate !== null ? startDate + random.int(HOUR, 5 * DAY) : null;
  const lastActivityDate = finishDate ?? startDate ?? creationDate;
  const base = Number(card.cardId) * 10;
  return {
    id: String(base + k + 1),
    title: random.pick(TASK_TITLES),
    type: random.pick(board.cardTypes),
    size: random.pick([0, 1, 1, 2, 3]),
    priority: card.priority,
    blockedReason:
      finishDate === null && random.chance(0.05) ? 'Waiting for the parent card' : null,
    externalLink: random.chance(0.1),
    creationDate,
    startDate,
    finishDate,
    lane: {
      id: String(base + TASKBOARD_LANE_OFFSET + laneIndex),
      title: lane.title,
      laneType: lane.laneType,
    },
    assignments: assignments(randomFor(account, record, ASSIGNMENT_SALT, k + 1), account.users, {
      creationDate,
      lastActivityDate,
    }),
  };
}

/** Whole and weekday durations of a period; an open period runs until `AS_OF`. */
export function durations(
  start: number,
  end: number | null,
): { days: number; hours: number; weekdays: number } {
  const ms = Math.max((end ?? AS_OF) - start, 0);
  const days = Math.floor(ms / DAY);
  const weeks = Math.floor(days / 7);
  let weekdays = weeks * 5;
  const firstDay = new Date(start).getUTCDay();
  for (let day = 0; day < days % 7; day++) {
    const weekday = (firstDay + day) % 7;
    if (weekday !== 0 && weekday !== 6) weekdays++;
  }
  return { days, hours: Math.floor(ms / HOUR), weekdays };
}
