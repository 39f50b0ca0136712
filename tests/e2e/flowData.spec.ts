/**
 * The Flow charts page's loading through the real extension in Chromium: an extension page opens
 * the `flow-load` port to the background, which fetches the board's four reports and builds each
 * as a file in the offscreen document; the page reads every file from its `blob:` URL (made in
 * another document of the extension) and gets LeanKit's bytes as served, which parse into the
 * same records as the simulator's JSON. (The options page stands in for the Flow charts page; the
 * loader's own logic is unit-tested in lib/flow/__tests__/loadBoardReports.test.ts.)
 */

import {
  parseBlockedSpans,
  parseCardPositions,
  parseCards,
  parseLanes,
  type ReportRow,
} from '../../lib/flow/boardHistory';
import { FLOW_REPORTS } from '../../lib/flow/boardReports';
import { readReportRecords } from '../../lib/flow/reportRows';
import { expect, test } from './fixtures';

test.use({ simulatorOptions: { boards: 2, cardsPerBoard: 300 } });

const PARSERS = {
  lanes: parseLanes,
  cardpositions: parseCardPositions,
  cards: parseCards,
  'cards/blockedhistory': parseBlockedSpans,
} as const;

test('an extension page gets the board’s four reports, built in the background, from blob: URLs', async ({
  simulator,
  popup,
  extension,
}) => {
  const board = simulator.boards[1];
  if (!board) throw new Error('The simulator has no second board');
  await popup.signInAs(simulator.demo);
  const page = await extension.context.newPage();
  await page.goto(extension.extensionUrl('options.html'));

  const loaded = await page.evaluate(
    ({ boardId, reports }) =>
      new Promise<{ files: Record<string, string>; progress: number }>((resolve, reject) => {
        interface Port {
          postMessage(message: unknown): void;
          disconnect(): void;
          onMessage: { addListener(listener: (message: never) => void): void };
          onDisconnect: { addListener(listener: () => void): void };
        }
        const { runtime } = (
          globalThis as unknown as { chrome: { runtime: { connect(info: object): Port } } }
        ).chrome;
        const port = runtime.connect({ name: 'flow-load' });
        const files: Record<string, string> = {};
        let progress = 0;
        port.onDisconnect.addListener(() => reject(new Error('the background closed the port')));
        port.onMessage.addListener(
          async (reply: { report?: string; url?: string; failure?: unknown }) => {
            if (reply.failure) return reject(new Error(JSON.stringify(reply.failure)));
            if (reply.url === undefined) {
              progress++;
              return;
            }
            files[reply.report as string] = await (await fetch(reply.url)).text();
            port.postMessage({ op: 'release', report: reply.report });
            if (Object.keys(files).length === reports.length) {
              port.disconnect();
              resolve({ files, progress });
            }
          },
        );
        port.postMessage({ op: 'load', boardId });
      }),
    { boardId: board.id, reports: [...FLOW_REPORTS] },
  );

  expect(Object.keys(loaded.files).sort()).toEqual([...FLOW_REPORTS].sort());
  for (const report of FLOW_REPORTS) {
    const path = `/io/reporting/export/${report}?boardId=${board.id}`;
    const served = (await simulator.body(`${path}&format=csv`)).toString('utf8');
    expect(loaded.files[report], report).toBe(served);
    const parsed = await readReportRecords(report, streamOf(loaded.files[report] as string));
    const json: ReportRow[] = JSON.parse((await simulator.body(`${path}&format=json`)).toString());
    const parse = PARSERS[report] as (rows: ReportRow[]) => unknown;
    expect(parsed, report).toEqual(parse(json));
  }
  expect(loaded.files.cardpositions?.split('\n').length).toBeGreaterThan(300);
});

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
