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
  /** Base of the card ids; a card's id is `cardIdBase + board index × CARD_ID_STRIDE + index`. */
  readonly cardIdBase: number;
}

export interface AccountSpec {
  readonly name: string;
  readonly login: { readonly email: string; readonly password: string; readonly name: string };
  readonly boards: number;
  readonly cardsPerBoard: number;
}

/** Room for this many cards per board before ids of two boards would collide. */
export const MAX_CARDS_PER_BOARD = 10_000_000;
export const MAX_BOARDS = 1000;

const DAY = 86_400_000;
/** Generated history starts here (2024-01-01T00:00:00Z), independent of the real clock. */
const EPOCH = Date.UTC(2024, 0, 1);

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
  const loginUser: User = { id: ids.next(), name: spec.login.name, email: spec.login.email };
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
    logins: [{ email: spec.login.email, password: spec.login.password, user: loginUser }],
    users: [loginUser, ...colleagues],
    boards,
    seed: accountSeed,
    cardIdBase: 10_000_000_000 + random.int(0, 8_999) * 1_000_000,
  };
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
    cardCount,
  };
}

const TITLE_SALT = 1;
const CARD_SALT = 2;

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

/** The card at `index` (0-based) of `board`. */
export function cardAt(account: Account, board: Board, index: number): Card {
  const random = new Random(mixSeed(account.seed, board.index, index, CARD_SALT));
  const lane = random.pick(board.cardLanes);
  const cardType = random.pick(board.cardTypes);
  const icon = random.chance(0.3) ? random.pick(board.icons) : null;
  const hasParent = index >= NASTY_TITLES.length && random.chance(0.15);
  const parentIndex = hasParent ? random.int(0, index - 1) : -1;
  const started = lane.laneType === 'inProcess' || lane.laneType === 'completed';
  const finished = lane.laneType === 'completed';

  const creationDate = EPOCH + random.int(0, 364 * DAY);
  const actualStartDate = started ? creationDate + random.int(3_600_000, 20 * DAY) : null;
  const actualFinishDate =
    finished && actualStartDate !== null ? actualStartDate + random.int(3_600_000, 30 * DAY) : null;
  const archivedDate =
    lane.laneClass === 'archive' && actualFinishDate !== null
      ? actualFinishDate + random.int(DAY, 10 * DAY)
      : null;
  const planned = random.chance(0.4);
  const plannedStartDate = planned ? startOfDay(creationDate) + random.int(0, 14) * DAY : null;
  const plannedFinishDate =
    plannedStartDate !== null ? plannedStartDate + random.int(1, 30) * DAY : null;
  const attachmentsCount = random.chance(0.6) ? 0 : random.int(1, 3);
  const lastAttachmentDate =
    attachmentsCount > 0 ? creationDate + random.int(60_000, 10 * DAY) : null;
  const commentsCount = random.chance(0.5) ? 0 : random.int(1, 6);
  const lastCommentDate = commentsCount > 0 ? creationDate + random.int(60_000, 15 * DAY) : null;
  const lastMovedDate =
    archivedDate ?? actualFinishDate ?? actualStartDate ?? creationDate + random.int(0, DAY);
  const blocked = !finished && random.chance(0.08);
  const linked = random.chance(0.25);
  const ticket = `${board.prefix}-${index + 1}`;

  return {
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
      creationDate,
      lastMovedDate,
      lastAttachmentDate ?? 0,
      lastCommentDate ?? 0,
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
}

/** The board's cards in index order, generated one at a time. */
export function* cardsOf(account: Account, board: Board, from = 0): Generator<Card> {
  for (let index = from; index < board.cardCount; index++) {
    yield cardAt(account, board, index);
  }
}

function startOfDay(time: number): number {
  return time - (time % DAY);
}
