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

export const COMMENTS: readonly string[] = [
  '<p>Looks good to me</p>',
  'Can we ship this, or wait for "QA"?',
  'First line\nsecond line',
  'Merci beaucoup — très bien',
];

export const FILLER_WORDS: readonly string[] = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
