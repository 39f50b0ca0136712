/**
 * Words for columns: a header a person reads ("Card title" for `cardTitle`) and one line saying
 * what the column holds, for the column chooser and human headers. Meanings follow the reference
 * (docs/reporting-api.md §5); where it is silent, a line says only what the column's name says.
 * Imported by extension pages and the processed pipeline, never by the content script, so its
 * text stays out of the board page's bundle.
 */

/** Words that are not simply capitalised when a column id is spelled out. */
const WORDS: Record<string, string> = { id: 'ID', url: 'URL', wip: 'WIP' };

/** Headers that spelling out the id would make unclear. */
const LABELS: Record<string, string> = {
  label: 'Custom field label',
  type: 'Custom field type',
  totalDurationDays: 'Total duration (days)',
  totalDurationHours: 'Total duration (hours)',
  totalDurationMinusWeekendsDays: 'Total duration minus weekends (days)',
  isTopLevelLane: 'Top-level lane',
};

/**
 * `cardTitle` → "Card title", `currentLaneId` → "Current lane ID", `isCardBlocked` → "Card
 * blocked" (a yes/no column reads as its subject). Unknown ids are spelled out the same way.
 */
export function columnLabel(columnId: string): string {
  const fixed = LABELS[columnId];
  if (fixed) return fixed;
  const words = columnId
    .replace(/^is([A-Z])/, '$1')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** One line about a column of a report, or undefined for a column the catalogue does not know. */
export function columnDescription(reportId: string, columnId: string): string | undefined {
  const guide = GUIDE[reportId];
  return guide && Object.hasOwn(guide, columnId) ? guide[columnId] : undefined;
}

type Lines = Readonly<Record<string, string>>;

/** The columns that describe the card (or task card) a row is about. */
function subjectLines(noun: string): Lines {
  return {
    cardId: `ID of the ${noun}.`,
    cardTitle: `Title of the ${noun}.`,
    cardSize: `Size of the ${noun}.`,
    priority: `Priority of the ${noun}, e.g. low, normal, high or critical.`,
    cardTypeId: `ID of the ${noun}'s type.`,
    cardTypeTitle: `Name of the ${noun}'s type.`,
    currentBoardId: `ID of the board the ${noun} is on.`,
    currentBoardTitle: `Title of the board the ${noun} is on.`,
  };
}

/** A user column triple: `<prefix>UserId`, `…FullName`, `…EmailAddress`. */
function userLines(prefix: string, who: string): Lines {
  return {
    [`${prefix}UserId`]: `ID of ${who}.`,
    [`${prefix}UserFullName`]: `Full name of ${who}.`,
    [`${prefix}UserEmailAddress`]: `Email address of ${who}.`,
  };
}

function durationLines(period: string): Lines {
  return {
    totalDurationDays: `Length of the ${period}, in days.`,
    totalDurationHours: `Length of the ${period}, in hours.`,
    totalDurationMinusWeekendsDays: `Length of the ${period}, in days, not counting weekends.`,
  };
}

/** The dates and counts cards and task cards share. */
function dateLines(noun: string): Lines {
  return {
    creationDate: `When the ${noun} was created.`,
    plannedStartDate: `The day the ${noun} is planned to start.`,
    actualStartDate: `When the ${noun} actually started.`,
    plannedFinishDate: `The day the ${noun} is planned to finish.`,
    actualFinishDate: `When the ${noun} actually finished.`,
    attachmentsCount: `How many files are attached to the ${noun}.`,
    lastAttachmentDate: `When the latest file was attached to the ${noun}.`,
    commentsCount: `How many comments the ${noun} has.`,
    lastCommentDate: `When the latest comment on the ${noun} was posted.`,
    lastActivityDate: `When anything last happened on the ${noun}.`,
    archivedDate: `When the ${noun} was archived; empty if it is not archived.`,
    lastMovedDate: `When the ${noun} last moved to another lane.`,
  };
}

function currentAssignmentLines(noun: string): Lines {
  return {
    ...subjectLines(noun),
    ...userLines('assigned', `the user assigned to the ${noun}`),
    ...userLines('assignedBy', 'the user who made the assignment'),
    assignedToDate: `The day the user was assigned to the ${noun}.`,
  };
}

function assignmentHistoryLines(noun: string): Lines {
  return {
    ...currentAssignmentLines(noun),
    ...userLines('unassignedBy', 'the user who ended the assignment; empty while it lasts'),
    assignedFromDate: `The day the user was taken off the ${noun}; empty while still assigned.`,
    ...durationLines('assignment'),
  };
}

const EXTERNAL_CARD_ID = "The custom ID in the card's header, if it has one.";

const GUIDE: Readonly<Record<string, Lines>> = {
  cards: {
    cardId: "The card's ID.",
    parentCardId: 'ID of the parent card connected to this card, if any.',
    externalCardId: EXTERNAL_CARD_ID,
    cardTitle: "The card's title.",
    parentCardTitle: 'Title of the parent card, if any.',
    cardTypeId: "ID of the card's type.",
    cardType: "Name of the card's type.",
    cardSize: "The card's size.",
    priority: "The card's priority, e.g. low, normal, high or critical.",
    customIconId: "ID of the card's custom icon (class of service), if any.",
    customIcon: "Name of the card's custom icon (class of service), if any.",
    isCardBlocked: 'Whether the card is blocked now.',
    currentBlockedReason: 'Why the card is blocked, while it is.',
    cardExternalLinkName: "Text of the card's external link, if any.",
    cardExternalLinkUrl: "Address of the card's external link, if any.",
    ...dateLines('card'),
    currentLaneId: 'ID of the lane the card is in.',
    currentLaneTitle: 'Title of the lane the card is in.',
    parentLaneId: "ID of the parent lane of the card's lane, if any.",
    parentLaneTitle: "Title of the parent lane of the card's lane, if any.",
    currentLaneClass: "Class of the card's lane: backlog, active or archive.",
    currentLaneType: "Type of the card's lane.",
    currentBoardId: 'ID of the board the card is on.',
    currentBoardTitle: 'Title of the board the card is on.',
  },
  cardpositions: {
    cardId: 'ID of the card.',
    externalCardId: EXTERNAL_CARD_ID,
    cardTitle: "The card's title.",
    laneEntryDate: 'When the card entered the lane.',
    laneExitDate: 'When the card left the lane; empty while it is still there.',
    laneId: 'ID of the lane.',
    laneTitle: 'Title of the lane.',
    boardId: "ID of the lane's board.",
    boardTitle: "Title of the lane's board.",
  },
  lanes: {
    laneId: "The lane's ID.",
    laneTitle: "The lane's title.",
    fullLaneTitle: "The lane's title after the titles of the lanes it sits in.",
    boardId: "ID of the lane's board.",
    boardTitle: "Title of the lane's board.",
    lanePolicy: "The lane's policy text, if any.",
    laneClass: "The lane's class: backlog, active or archive.",
    laneOrientation: 'Whether the lane runs vertically or horizontally.',
    laneType: "The lane's type.",
    creationDate: 'When the lane was created.',
    wipLimit: "The lane's work-in-progress (WIP) limit.",
    laneWidth: "The lane's width.",
    lanePosition: "The lane's position among the lanes beside it.",
    parentLaneId: 'ID of the lane this lane sits in, if any.',
    isCompletedLane: 'Whether the lane is marked as a completed lane.',
    isDefaultDropLane: 'Whether the lane is where new cards go by default.',
    isTopLevelLane: 'Whether the lane sits directly on the board, not inside another lane.',
    canHoldCards: 'Whether cards can be placed in the lane.',
    hasChildLanes: 'Whether the lane is split into child lanes.',
    childLaneCount: 'How many child lanes the lane has.',
  },
  tags: {
    boardId: "ID of the card's board.",
    cardId: 'ID of the card.',
    tag: 'One tag on the card.',
  },
  'userassignments-current': currentAssignmentLines('card'),
  'userassignments-history': assignmentHistoryLines('card'),
  'usertaskassignments-current': currentAssignmentLines('task card'),
  'usertaskassignments-history': assignmentHistoryLines('task card'),
  'cards-blockedhistory': {
    ...subjectLines('card'),
    blockedStartDate: 'The day the card was blocked.',
    blockedEndDate: 'The day the card was unblocked; empty while it is still blocked.',
    ...userLines('blockedBy', 'the user who blocked the card'),
    ...userLines('unblockedBy', 'the user who unblocked the card; empty while it is still blocked'),
    ...durationLines('blocked period'),
  },
  comments: {
    cardId: 'ID of the card the comment is on.',
    commentText: "The comment's text, which may contain HTML.",
    commentDate: 'When the comment was posted.',
    commentPostedByUserId: 'ID of the user who posted the comment.',
  },
  connections: {
    cardId: 'ID of the child card.',
    parentCardId: 'ID of the parent card.',
    connectionCreatedDate: 'When the two cards were connected.',
    connectionCreatedByUserId: 'ID of the user who connected them.',
  },
  customfields: {
    cardId: 'ID of the card.',
    currentBoardId: "ID of the card's board.",
    externalCardId: EXTERNAL_CARD_ID,
    customFieldId: 'ID of the custom field.',
    label: "The custom field's name.",
    type: "The custom field's type, e.g. text, number, date or choice.",
    customFieldValue: "The custom field's value on this card.",
  },
  tasks: {
    taskId: "The task card's ID.",
    containingCardId: 'ID of the card the task card belongs to.',
    externalCardId: "The custom ID in the task card's header, if it has one.",
    taskTitle: "The task card's title.",
    containingCardTitle: 'Title of the card the task card belongs to.',
    taskType: "Name of the task card's type.",
    taskSize: "The task card's size.",
    priority: "The task card's priority, e.g. low, normal, high or critical.",
    customIcon: "Name of the task card's custom icon (class of service), if any.",
    isTaskBlocked: 'Whether the task card is blocked now.',
    currentBlockedReason: 'Why the task card is blocked, while it is.',
    taskExternalLinkName: "Text of the task card's external link, if any.",
    taskExternalLinkUrl: "Address of the task card's external link, if any.",
    ...dateLines('task card'),
    currentTaskboardLaneId: 'ID of the taskboard lane the task card is in.',
    currentTaskboardLaneTitle: 'Title of the taskboard lane the task card is in.',
    currentTaskboardLaneType: 'Type of the taskboard lane the task card is in.',
  },
  boards: {
    boardId: "The board's ID.",
    boardTitle: "The board's title.",
  },
};
