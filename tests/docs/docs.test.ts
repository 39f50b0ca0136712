import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { errorFromFetchFailure, errorFromStatus } from '@/lib/api/requestErrors';
import { toErrorInfo } from '@/lib/errors';

/**
 * The docs guard what a reviewer would otherwise check by hand: every message a user can see (read
 * from lib/ and components/) is explained in docs/troubleshooting.md, the README's "What is
 * where" names every folder, and no file points at design notes outside this repository.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Folders that are not part of the source tree: dot-folders, dependencies, build outputs. */
const ignoredFolders = new Set([
  'node_modules',
  ...read('.gitignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[\w.-]+\/$/.test(line))
    .map((line) => line.slice(0, -1)),
]);

function folders(path: string): string[] {
  return readdirSync(join(ROOT, path), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .filter((name) => !ignoredFolders.has(name));
}

function filesUnder(path: string): string[] {
  return readdirSync(join(ROOT, path), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Every file of the repository: outside dot-folders, dependencies and build outputs. */
function repositoryFiles(): string[] {
  const topFiles = readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
  return [...topFiles, ...folders('.').flatMap(filesUnder), ...filesUnder('.ci')];
}

/**
 * A message as a pattern: the text around each `${…}` of a template literal must appear as is; each
 * `${…}` stands for a short example (a host, a status, a report name) the docs may write their way.
 */
interface Message {
  file: string;
  pieces: string[];
}

/** A message built at run time, with the example values it was given as the parts that vary. */
function explained(file: string, message: string, examples: string[]): Message {
  const pieces = examples.reduce(
    (parts, example) => parts.flatMap((part) => part.split(example)),
    [message],
  );
  return { file, pieces };
}

function messagePattern({ pieces }: Message): RegExp {
  const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(pieces.map((piece) => literally(normalise(piece))).join('.{1,80}?'));
}

/** Markdown text as a reader sees it: no emphasis markers, one space between words. */
function normalise(text: string): string {
  return text.replace(/\*\*/g, '').replace(/\s+/g, ' ');
}

/** A sentence for a user: capitalised or starting with a quoted value, words, a full stop. */
function isSentence(pieces: string[]): boolean {
  const text = pieces.join('…');
  return /^(?:[A-Z]|["{]?…)/.test(text) && text.includes(' ') && /(?:[.!?]\)?|: …)$/.test(text);
}

/** Properties whose text the user sees but is not a failure, or that only the browser sees. */
const NOT_MESSAGES = new Set(['description', 'justification']);
/** Files whose sentences the user sees but are not failures: the column chooser's descriptions. */
const NOT_MESSAGE_FILES = new Set(['lib/columnGuide.ts']);

/**
 * The literals of every source file under `folder` that `isMessage` accepts, skipping report
 * descriptions and `new Error(…)` (a programming error, shown as "Something went wrong: …").
 */
function messagesIn(
  folder: string,
  isMessage: (node: ts.Node, pieces: string[]) => boolean,
): Message[] {
  const messages: Message[] = [];
  for (const file of filesUnder(folder)) {
    if (!/\.tsx?$/.test(file) || file.includes('__tests__') || NOT_MESSAGE_FILES.has(file)) {
      continue;
    }
    const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.expression.getText() === 'Error') return;
      if (
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.name) &&
        NOT_MESSAGES.has(node.name.text)
      ) {
        return;
      }
      const pieces = literalPieces(node);
      if (pieces && isMessage(node, pieces)) messages.push({ file, pieces });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return messages;
}

/** Every failure sentence written in lib/: literals that read as sentences. */
const libMessages = () => messagesIn('lib', (_node, pieces) => isSentence(pieces));

/** The failures the UI words itself: the `message` of an error it makes up. */
const componentMessages = () =>
  messagesIn(
    'components',
    (node) =>
      ts.isPropertyAssignment(node.parent) &&
      node.parent.initializer === node &&
      node.parent.name.getText() === 'message',
  );

function literalPieces(node: ts.Node): string[] | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) {
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  }
  return undefined;
}

/** The section of a Markdown file under `heading`, up to the next heading of the same level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`No heading "${heading}"`);
  const level = heading.split(' ')[0];
  const end = markdown.indexOf(`\n${level} `, start + heading.length + 2);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe('docs/troubleshooting.md', () => {
  const troubleshooting = normalise(read('docs/troubleshooting.md'));

  /** What lib/errors.ts says for every answer and failure it turns into an error. */
  const fromErrors: Message[] = [
    ...[400, 401, 403, 404, 429, 500, 502, 503, 504].map((status) =>
      explained('lib/errors.ts', errorFromStatus(status).message, [String(status)]),
    ),
    explained('lib/errors.ts', errorFromStatus(400, 'Invalid board').message, ['Invalid board']),
    ...['AbortError', 'TimeoutError', 'NetworkError'].map((name) =>
      explained(
        'lib/errors.ts',
        errorFromFetchFailure(new DOMException('', name), 'acme.leankit.com').message,
        ['acme.leankit.com'],
      ),
    ),
    explained('lib/errors.ts', toErrorInfo(new Error('No IndexedDB')).message, ['No IndexedDB']),
  ];

  it.each(
    [...fromErrors, ...libMessages(), ...componentMessages()].map((message) => ({
      ...message,
      text: message.pieces.join('…'),
    })),
  )('explains "$text" ($file)', ({ text, ...message }) => {
    expect(messagePattern(message).test(troubleshooting), `not explained: ${text}`).toBe(true);
  });
});

describe('README "What is where"', () => {
  const table = section(read('README.md'), '## What is where');
  const named = new Set(
    table
      .split('\n')
      .map((line) => /^\| `([^`]+)`/.exec(line)?.[1])
      .filter((path) => path !== undefined),
  );

  it.each(folders('.'))('names the top-level folder %s/', (folder) => {
    expect(named).toContain(`${folder}/`);
  });

  it.each(folders('lib').filter((folder) => folder !== '__tests__'))('names lib/%s/', (folder) => {
    expect(named).toContain(`lib/${folder}/`);
  });
});

describe('links to design notes', () => {
  const outside = ['..', 'shared', ''].join('/');

  it.each(repositoryFiles())('%s points only inside the repository', (file) => {
    expect(read(file)).not.toContain(outside);
  });
});
