/**
 * The simulated organisation: users, boards, lanes and cards, all derived from a seed. Boards and
 * lanes are built once (small); cards are computed on demand by index, so a board of a million
 * cards costs no memory until it is streamed.
 */
import { hashString, mixSeed, Random } from './random';
import {
  BLOCKED_REASONS,
  BOARD_TITLES,
  CARD_TYPES,
  CUSTOM_ICONS,
  NASTY_TITLES,
  PERSON_NAMES,
  PRIORITIES,
  TITLE_OBJECTS,
  TITLE_VERBS,
} from './vocabulary';

export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface Lane {
  readonly id: string;
  readonly title: string;
  readonly fullTitle: string;
  readonly parent: Lane | null;
  /** `backlog` | `active` | `archive`, as LeanKit classifies lanes. */
  readonly laneClass: string;
  /** `ready` | `inProcess` | `completed` | `untyped`. */
  readonly laneType: string;
  readonly policy: string;
  readonly position: number;
  readonly wipLimit: number;
  readonly width: number;
  readonly creationDate: number;
  readonly childCount: number;
  readonly isDefaultDrop: boolean;
}

export interface Named {
  readonly id: string;
  readonly title: string;
}

export interface Board {
  readonly id: string;
  readonly title: string;
  /** Position in the account's board list; also a seed part. */
  readonly index: number;
  /** Prefix of the board's external card ids, e.g. `PT` for Platform Team. */
  readonly prefix: string;
  readonly lanes: readonly Lane[];
  /** Lanes without child lanes: the only ones a card can sit in. */
  readonly cardLanes: readonly Lane[];
  readonly cardTypes: readonly Named[];
  readonly icons: readonly Named[];
  readonly customFields: readonly CustomField[];
  readonly cardCount: number;
}

/** A card, keyed exactly like the `cards` report's columns; dates are epoch milliseconds (UTC). */
export type Card = {
  cardId: string;
  parentCardId: string | null;
  externalCardId: string | null;
  cardTitle: string;
  parentCardTitle: string | null;
  cardTypeId: string;
  cardType: string;
  cardSize: number;
  priority: string;
  customIconId: string | null;
  customIcon: string | null;
  isCardBlocked: boolean;
  currentBlockedReason: string | null;
  cardExternalLinkName: string | null;
  cardExternalLinkUrl: string | null;
  creationDate: number;
  plannedStartDate: number | null;
  actualStartDate: number | null;
  plannedFinishDate: number | null;
  actualFinishDate: number | null;
  attachmentsCount: number;
  lastAttachmentDate: number | null;
  commentsCount: number;
  lastCommentDate: number | null;
  lastActivityDate: number;
  archivedDate: number | null;
  lastMovedDate: number;
  currentLaneId: string;
  currentLaneTitle: string;
  parentLaneId: string | null;
  parentLaneTitle: string | null;
  currentLaneClass: string;
  currentLaneType: string;
  currentBoardId: string;
  currentBoardTitle: string;
};

export interface Login {
  readonly email: string;
  readonly password: string;
  readonly user: User;
  /** The boards this user may see; exports never show other boards' rows. */
  readonly boards: readonly Board[];
}

/** A board-level custom field definition. */
export interface CustomField {
  readonly id: string;
  readonly label: string;
  /** `text` | `number` | `date` | `choice`. */
  readonly type: string;
  /** Values of a `choice` field. */
  readonly choices: readonly string[];
}

export interface Account {
  /** The host's first DNS label, e.g. `acme`. */
  readonly name: string;
  readonly host: string;
  readonly orgId: string;
  readonly logins: readonly Login[];
  readonly users: readonly User[];
  readonly boards: readonly Board[];
  readonly seed: number;
  /** Base of the card ids; a card's id is `cardIdBase + board index × MAX_CARDS_PER_BOARD + index`. */
  readonly cardIdBase: number;
  /** Whether the subscription includes Advanced Reporting; without it exports answer 403. */
  readonly reporting: boolean;
}

export interface LoginSpec {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  /** Which boards (by index) the user sees; default all. */
  readonly sees?: (boardIndex: number) => boolean;
}

export interface AccountSpec {
  readonly name: string;
  readonly logins: readonly LoginSpec[];
  readonly boards: number;
  readonly cardsPerBoard: number;
  readonly reporting: boolean;
}

/** Room for this many cards per board before ids of two boards would collide. */
export const MAX_CARDS_PER_BOARD = 10_000_000;
/**
 * Enough for the accounts whose board list needs more than one 1000-row page; card ids stay
 * exact integers (below 2^53) and apart from the 10-digit ids of everything else.
 */
export const MAX_BOARDS = 10_000;

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Generated history starts here (2024-01-01T00:00:00Z), independent of the real clock. */
const EPOCH = Date.UTC(2024, 0, 1);
/**
 * The moment the generated data describes ("now" for open periods and durations), fixed so the
 * bytes never depend on the real clock. Every generated date lies before it.
 */
export const AS_OF = Date.UTC(2025, 3, 1);

const LANE_TEMPLATE = [
  { title: 'Backlog', laneClass: 'backlog', laneType: 'untyped', children: [] },
  { title: 'Ready', laneClass: 'active', laneType: 'ready', children: [] },
  {
    title: 'In Progress',
    laneClass: 'active',
    laneType: 'inProcess',
    children: ['Build', 'Review'],
  },
  { title: 'Done', laneClass: 'active', laneType: 'completed', children: [] },
  { title: 'Archive', laneClass: 'archive', laneType: 'completed', children: [] },
] as const;

/** Positions in `Board.cardLanes` (Backlog, Ready, Build, Review, Done, Archive). */
const BUILD_LANE = 2;
const REVIEW_LANE = 3;

/**
 * Custom fields of every board. One label holds a comma and quotes, as labels may: a file with a
 * column per label must quote its header.
 */
const CUSTOM_FIELD_TEMPLATE = [
  { label: 'Team', type: 'choice', choices: ['Core', 'Growth', 'Équipe Données', 'Ops, on call'] },
  { label: 'Budget code', type: 'text', choices: [] },
  { label: 'Estimate (hours, "rough")', type: 'number', choices: [] },
  { label: 'Go-live', type: 'date', choices: [] },
] as const;

/** Hands out distinct 10-digit numeric ids. */
class IdAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  next(): string {
    for (;;) {
      const id = String(this.random.int(1_000_000_000, 9_999_999_999));
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

export function createAccount(spec: AccountSpec, seed: number): Account {
  if (!Number.isInteger(spec.boards) || spec.boards < 1 || spec.boards > MAX_BOARDS) {
    throw new RangeError(`boards must be an integer from 1 to ${MAX_BOARDS}`);
  }
  if (
    !Number.isInteger(spec.cardsPerBoard) ||
    spec.cardsPerBoard < 0 ||
    spec.cardsPerBoard > MAX_CARDS_PER_BOARD
  ) {
    throw new RangeError(`cardsPerBoard must be an integer from 0 to ${MAX_CARDS_PER_BOARD}`);
  }
  const accountSeed = mixSeed(seed, hashString(spec.name));
  const random = new Random(accountSeed);
  const ids = new IdAllocator(random);
  const loginUsers: User[] = spec.logins.map((login) => ({
    id: ids.next(),
    name: login.name,
    email: login.email,
  }));
  const colleagues = PERSON_NAMES.map((name) => ({
    id: ids.next(),
    name,
    email: `${emailLocalPart(name)}@${spec.name}.test`,
  }));
  const titles = random.shuffle(BOARD_TITLES);
  const boards = Array.from({ length: spec.boards }, (_, index) => {
    const base = titles[index % titles.length] ?? 'Board';
    const round = Math.floor(index / titles.length);
    const title = round === 0 ? base : `${base} ${round + 1}`;
    return createBoard(title, index, spec.cardsPerBoard, ids, random);
  });
  return {
    name: spec.name,
    host: `${spec.name}.leankit.com`,
    orgId: ids.next(),
    logins: spec.logins.map((login, index) => ({
      email: login.email,
      password: login.password,
      user: loginUsers[index] as User,
      boards: boards.filter((board) => login.sees?.(board.index) ?? true),
    })),
    users: [...loginUsers, ...colleagues],
    boards,
    seed: accountSeed,
    cardIdBase: 10_000_000_000 + random.int(0, 8_999) * 1_000_000,
    reporting: spec.reporting,
  };
}

/** The boards a signed-in user sees (none for a user who is not one of the account's logins). */
export function boardsVisibleTo(account: Account, user: User): readonly Board[] {
  return account.logins.find((login) => login.user.id === user.id)?.boards ?? [];
}

function emailLocalPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z ]/g, '')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .join('.');
}

function createBoard(
  title: string,
  index: number,
  cardCount: number,
  ids: IdAllocator,
  random: Random,
): Board {
  const lanes: Lane[] = [];
  let position = 0;
  for (const spec of LANE_TEMPLATE) {
    const parent: Lane = {
      id: ids.next(),
      title: spec.title,
      fullTitle: spec.title,
      parent: null,
      laneClass: spec.laneClass,
      laneType: spec.laneType,
      policy: `Cards in ${spec.title} follow the team's working agreement.`,
      position: position++,
      wipLimit: spec.laneType === 'inProcess' ? random.int(3, 8) : 0,
      width: spec.children.length || 1,
      creationDate: EPOCH - random.int(30, 400) * DAY,
      childCount: spec.children.length,
      isDefaultDrop: spec.laneType === 'ready',
    };
    lanes.push(parent);
    spec.children.forEach((childTitle, childPosition) => {
      lanes.push({
        ...parent,
        id: ids.next(),
        title: childTitle,
        fullTitle: `${spec.title} - ${childTitle}`,
        parent,
        policy: '',
        position: childPosition,
        wipLimit: random.int(0, 4),
        width: 1,
        childCount: 0,
        isDefaultDrop: false,
      });
    });
  }
  return {
    id: ids.next(),
    title,
    index,
    prefix: title
      .split(/\s+/)
      .map((word) => word[0] ?? '')
      .join('')
      .replace(/[^A-Za-z]/g, '')
      .toUpperCase(),
    lanes,
    cardLanes: lanes.filter((lane) => lane.childCount === 0),
    cardTypes: CARD_TYPES.map((cardType) => ({ id: ids.next(), title: cardType })),
    icons: CUSTOM_ICONS.map((icon) => ({ id: ids.next(), title: icon })),
    customFields: CUSTOM_FIELD_TEMPLATE.map((field) => ({ ...field, id: ids.next() })),
    cardCount,
  };
}

const TITLE_SALT = 1;
const CARD_SALT = 2;
const HISTORY_SALT = 3;

export function cardIdOf(account: Account, board: Board, index: number): string {
  return String(account.cardIdBase + board.index * MAX_CARDS_PER_BOARD + index);
}

/** A card's title, computable alone so a child card can name its parent cheaply. */
export function cardTitleOf(account: Account, board: Board, index: number): string {
  const fixed = NASTY_TITLES[index];
  if (fixed !== undefined) return fixed;
  const random = new Random(mixSeed(account.seed, board.index, index, TITLE_SALT));
  if (random.chance(0.1)) return random.pick(NASTY_TITLES);
  return `${random.pick(TITLE_VERBS)} ${random.pick(TITLE_OBJECTS)}`;
}

/** One stay of a card in a lane; `exit` is null for the lane the card is in now. */
export interface LaneStay {
  readonly lane: Lane;
  readonly entry: number;
  readonly exit: number | null;
}

/** A card plus the history behind its current state, which other reports derive rows from. */
export interface CardRecord {
  readonly card: Card;
  readonly board: Board;
  readonly index: number;
  /** Lanes the card passed through, oldest first; the last is its current lane. */
  readonly stays: readonly LaneStay[];
  /** Start of the current blocked period, when the card is blocked. */
  readonly blockedSince: number | null;
}

/** The card at `index` (0-based) of `board`, with its history. */
export function cardRecordAt(account: Account, board: Board, index: number): CardRecord {
  const random = new Random(mixSeed(account.seed, board.index, index, CARD_SALT));
  const created = EPOCH + random.int(0, 364 * DAY);
  const history = new Random(mixSeed(account.seed, board.index, index, HISTORY_SALT));
  const stays = laneStays(board, random.int(0, board.cardLanes.length - 1), history, created);
  const first = stays[0] as LaneStay;
  const current = stays[stays.length - 1] as LaneStay;
  const lane = current.lane;
  const creationDate = first.entry;
  const entryOf = (test: (lane: Lane) => boolean): number | null =>
    stays.find((stay) => test(stay.lane))?.entry ?? null;
  const actualStartDate = entryOf((candidate) => candidate.laneType === 'inProcess');
  const actualFinishDate = entryOf((candidate) => candidate.laneType === 'completed');
  const archivedDate = lane.laneClass === 'archive' ? current.entry : null;
  const lastMovedDate = current.entry;

  const cardType = random.pick(board.cardTypes);
  const icon = random.chance(0.3) ? random.pick(board.icons) : null;
  const hasParent = index >= NASTY_TITLES.length && random.chance(0.15);
  const parentIndex = hasParent ? random.int(0, index - 1) : -1;
  const planned = random.chance(0.4);
  const plannedStartDate = planned ? startOfDay(creationDate) + random.int(0, 14) * DAY : null;
  const plannedFinishDate =
    plannedStartDate !== null ? plannedStartDate + random.int(1, 30) * DAY : null;
  const attachmentsCount = random.chance(0.6) ? 0 : random.int(1, 3);
  const lastAttachmentDate =
    attachmentsCount > 0 ? creationDate + random.int(60_000, 10 * DAY) : null;
  const commentsCount = random.chance(0.5) ? 0 : random.int(1, 6);
  const lastCommentDate = commentsCount > 0 ? creationDate + random.int(60_000, 15 * DAY) : null;
  const blocked = actualFinishDate === null && random.chance(0.08);
  // Blocked some time after its last move, and before AS_OF.
  const blockedSince = blocked
    ? lastMovedDate + random.int(1, Math.max(1, Math.min(5 * DAY, AS_OF - lastMovedDate - 1)))
    : null;
  const linked = random.chance(0.25);
  const ticket = `${board.prefix}-${index + 1}`;

  const card: Card = {
    cardId: cardIdOf(account, board, index),
    parentCardId: hasParent ? cardIdOf(account, board, parentIndex) : null,
    externalCardId: random.chance(0.5) ? ticket : null,
    cardTitle: cardTitleOf(account, board, index),
    parentCardTitle: hasParent ? cardTitleOf(account, board, parentIndex) : null,
    cardTypeId: cardType.id,
    cardType: cardType.title,
    cardSize: random.pick([0, 0, 1, 1, 2, 3, 5, 8]),
    priority: random.pick(PRIORITIES),
    customIconId: icon?.id ?? null,
    customIcon: icon?.title ?? null,
    isCardBlocked: blocked,
    currentBlockedReason: blocked ? random.pick(BLOCKED_REASONS) : null,
    cardExternalLinkName: linked ? `Ticket ${ticket}` : null,
    cardExternalLinkUrl: linked
      ? `https://tracker.example.com/browse/${ticket}?view=full&lang=en`
      : null,
    creationDate,
    plannedStartDate,
    actualStartDate,
    plannedFinishDate,
    actualFinishDate,
    attachmentsCount,
    lastAttachmentDate,
    commentsCount,
    lastCommentDate,
    lastActivityDate: Math.max(
      lastMovedDate,
      lastAttachmentDate ?? 0,
      lastCommentDate ?? 0,
      blockedSince ?? 0,
    ),
    archivedDate,
    lastMovedDate,
    currentLaneId: lane.id,
    currentLaneTitle: lane.title,
    parentLaneId: lane.parent?.id ?? null,
    parentLaneTitle: lane.parent?.title ?? null,
    currentLaneClass: lane.laneClass,
    currentLaneType: lane.laneType,
    currentBoardId: board.id,
    currentBoardTitle: board.title,
  };
  return { card, board, index, stays, blockedSince };
}

/** Positions in `Board.cardLanes`. */
const BACKLOG_LANE = 0;
const READY_LANE = 1;
const DONE_LANE = 4;
const ARCHIVE_LANE = 5;

/** How long a stay in each card lane lasts at the card's own pace 1, shortest and longest. */
const STAY_RANGES: readonly (readonly [number, number])[] = [
  [HOUR, 45 * DAY], // Backlog: waiting to be picked
  [HOUR, 10 * DAY], // Ready
  [4 * HOUR, 12 * DAY], // Build
  [HOUR, 5 * DAY], // Review
  [DAY, 30 * DAY], // Done, before it is archived
  [DAY, 30 * DAY], // Archive (never left)
];

/**
 * The lanes a card moved through, from Backlog or Ready to its current lane, and when, so that
 * the board's history gives flow charts a real shape. Each card has its own pace (a quarter to
 * four times the usual stay, log-uniform), so cycle times vary widely; some skip Ready or Review,
 * some go back from Review to Build (now and then twice) or from Build to Ready. A card still under
 * way (Ready, Build, Review) or finished but not archived (Done) entered its lane recently, days to
 * weeks before `AS_OF` (a few have been stuck for months), its wait in Backlog taking up the rest
 * of the time since it was created; an archived card flowed straight on from its creation.
 * Every date lies before `AS_OF`. `history` draws everything but the card's current lane.
 */
function laneStays(board: Board, current: number, history: Random, created: number): LaneStay[] {
  const path = lanePath(current, history);
  const pace = 2 ** (history.next() * 4 - 2);
  const durations = path.map((lane) => {
    const [shortest, longest] = STAY_RANGES[lane] as readonly [number, number];
    return Math.round(history.int(shortest, longest) * pace);
  });
  // How long the card has been in its current lane; a stuck one, months.
  const age = history.chance(0.1)
    ? history.int(20 * DAY, 150 * DAY)
    : Math.round(history.int(HOUR, 20 * DAY) * pace);
  const exited = durations.slice(0, -1);
  const anchored = path[0] === BACKLOG_LANE && current !== ARCHIVE_LANE && path.length > 1;
  if (anchored) {
    const waited = AS_OF - age - created - exited.slice(1).reduce((sum, d) => sum + d, 0);
    if (waited >= HOUR) exited[0] = waited;
  }
  // A card created late in the year that would still be moving at AS_OF moves faster.
  const total = exited.reduce((sum, d) => sum + d, 0);
  const room = AS_OF - HOUR - created;
  const scale = total > room ? room / total : 1;
  const stays: LaneStay[] = [];
  let entry = created;
  path.forEach((laneIndex, step) => {
    const duration = exited[step];
    const exit = duration === undefined ? null : entry + Math.max(1, Math.floor(duration * scale));
    stays.push({ lane: board.cardLanes[laneIndex] as Lane, entry, exit });
    if (exit !== null) entry = exit;
  });
  return stays;
}

/** The lanes in the order the card visited them, ending in `current`. */
function lanePath(current: number, history: Random): number[] {
  const path: number[] = [];
  // Finished cards were sometimes created straight in Ready; work under way came from Backlog.
  let lane = current >= DONE_LANE ? history.int(BACKLOG_LANE, READY_LANE) : BACKLOG_LANE;
  while (lane <= current) {
    path.push(lane);
    if (lane === BUILD_LANE && current > BUILD_LANE && history.chance(0.05)) {
      path.push(READY_LANE, BUILD_LANE);
    }
    if (lane === REVIEW_LANE && current > REVIEW_LANE && history.chance(0.15)) {
      path.push(BUILD_LANE, REVIEW_LANE);
      if (history.chance(0.3)) path.push(BUILD_LANE, REVIEW_LANE);
    }
    const skip =
      (lane === BACKLOG_LANE && current > READY_LANE && history.chance(0.1)) ||
      (lane === BUILD_LANE && current >= DONE_LANE && history.chance(0.12));
    lane += skip ? 2 : 1;
  }
  return path;
}

/** The card at `index` (0-based) of `board`. */
export function cardAt(account: Account, board: Board, index: number): Card {
  return cardRecordAt(account, board, index).card;
}

/** The board's cards in index order, generated one at a time. */
export function* cardRecordsOf(account: Account, board: Board, from = 0): Generator<CardRecord> {
  for (let index = from; index < board.cardCount; index++) {
    yield cardRecordAt(account, board, index);
  }
}

export function startOfDay(time: number): number {
  return time - (time % DAY);
}
