/**
 * Word lists the generated data is drawn from. The nasty values are deliberate: they are what
 * breaks naive CSV/TAB writers and spreadsheet imports (delimiters, quotes, line breaks, non-ASCII,
 * formula prefixes).
 */

/** Card titles every board starts with, so even a small board exercises every escaping rule. */
export const NASTY_TITLES: readonly string[] = [
  'Fix login, then logout',
  'Support "quoted" names in exports',
  'Release notes\nline two of the title',
  'Split\tby\ttabs',
  'Café menu für Zoë – 日本語サポート',
  '=SUM(A1:A9)',
  '+49 hotline number',
  '-1 day offset bug',
  '@mention parsing',
  '"Leading quote, trailing comma",',
  'Windows line\r\nbreak',
  '  padded title  ',
];

export const BOARD_TITLES: readonly string[] = [
  'Platform Team',
  'Marketing Launch',
  'Customer Support',
  'Données & Analytics',
  'Mobile App',
  'Security Roadmap',
  'Website Redesign',
  'Sales Enablement',
  'Infrastructure',
  'Product Discovery',
];

export const TITLE_VERBS: readonly string[] = [
  'Fix',
  'Add',
  'Update',
  'Remove',
  'Investigate',
  'Document',
  'Refactor',
  'Design',
  'Test',
  'Migrate',
];

export const TITLE_OBJECTS: readonly string[] = [
  'checkout page',
  'password reset e-mail',
  'pricing table',
  'CSV import',
  'onboarding flow',
  'search results',
  'invoice PDF',
  'API rate limits',
  'dark mode',
  'release pipeline',
  'audit log',
  'notification settings',
];

export const BLOCKED_REASONS: readonly string[] = [
  'Waiting on vendor',
  'Needs "legal" review, see ticket',
  'Blocked by outage\nfollow-up pending',
  'Depends on API team',
];

export const PERSON_NAMES: readonly string[] = [
  'Ava Patel',
  'Ben Okafor',
  'Chloé Martin',
  'Jürgen Schmidt',
  'Mei Tanaka 田中',
  "Liam O'Brien",
  'Sofia Rossi',
  'Noah Kim',
];

export const CARD_TYPES: readonly string[] = [
  'Feature',
  'Defect',
  'Improvement',
  'Risk',
  'Documentation',
];

export const PRIORITIES: readonly string[] = ['low', 'normal', 'high', 'critical'];

/** Class-of-service icons, as LeanKit names them. */
export const CUSTOM_ICONS: readonly string[] = ['Expedite', 'Fixed Date', 'Standard', 'Intangible'];

export const TAGS: readonly string[] = [
  'ux',
  'backend',
  'tech-debt',
  'customer',
  'q3',
  'needs,review',
];

/** Comment bodies: LeanKit comments are HTML, and users paste anything into them. */
export const COMMENTS: readonly string[] = [
  '<p>Looks good to me</p>',
  'Can we ship this, or wait for "QA"?',
  '<p>First line</p>\n<p>second line, with <b>bold</b> &amp; <a href="https://example.com/?a=1&b=2">a link</a></p>',
  'Merci beaucoup — très bien 👍',
  '=HYPERLINK("https://evil.example","click")',
  '+1 from me',
  '-- moved from the old board',
  '@Ava Patel can you review?',
  'Tab\tseparated\tnotes',
  '日本語のコメント、ありがとう',
];

export const TASK_TITLES: readonly string[] = [
  'Write acceptance tests',
  'Update the docs, then the changelog',
  'Review "edge cases"',
  'Deploy to staging',
  'Ask @design for assets',
  'Übersetzung prüfen',
];

/** Lanes of every card's taskboard. */
export const TASKBOARD_LANES: readonly { title: string; laneType: string }[] = [
  { title: 'To Do', laneType: 'ready' },
  { title: 'Doing', laneType: 'inProcess' },
  { title: 'Done', laneType: 'completed' },
];

/** Values of the text custom field: delimiters, quotes, a line break and a formula prefix. */
export const BUDGET_CODES: readonly string[] = [
  'CC-1001',
  'OPEX, shared',
  '"TBD"',
  '=A1+B1',
  'CC-2002\nsplit with Ops',
];
