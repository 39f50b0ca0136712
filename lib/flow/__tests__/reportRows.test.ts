// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { nextTask, taskSlices } from '../nextTask';
import { readReportRecords } from '../reportRows';

const LANES_CSV = [
  'laneId,laneTitle,parentLaneId,lanePosition,laneClass,laneType,isCompletedLane\n',
  '1,Ready,,0,backlog,ready,false\n',
  '2,Doing,,1,active,inProcess,false\n',
  '3,Done,,2,archive,completed,true\n',
];

/** A body that hands out `pieces` one per read, logging each read it answers. */
function loggedBody(pieces: readonly string[], log: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const piece = pieces[next];
        if (piece === undefined) {
          log.push('end');
          controller.close();
          return;
        }
        log.push(`piece ${next++}`);
        controller.enqueue(encoder.encode(piece));
      },
    },
    { highWaterMark: 0 },
  );
}

describe('readReportRecords', () => {
  it('pauses after each piece it parsed, before it reads the next', async () => {
    const log: string[] = [];
    const parsed = await readReportRecords('lanes', loggedBody(LANES_CSV, log), undefined, () => {
      log.push('pause');
      return Promise.resolve();
    });
    expect(parsed.records.map((lane) => lane.title)).toEqual(['Ready', 'Doing', 'Done']);
    expect(log).toEqual([
      'piece 0',
      'pause',
      'piece 1',
      'pause',
      'piece 2',
      'pause',
      'piece 3',
      'pause',
      'end',
    ]);
  });
});

describe('nextTask', () => {
  it('resolves in a task of its own, after every microtask queued before it ran', async () => {
    const order: string[] = [];
    const paused = nextTask().then(() => order.push('next task'));
    for (let i = 0; i < 100; i++) await Promise.resolve();
    order.push('microtasks');
    await paused;
    expect(order).toEqual(['microtasks', 'next task']);
  });
});

/** Whether `pause` settles among the microtasks that follow, without a task of its own. */
async function settlesAtOnce(pause: Promise<void>): Promise<boolean> {
  let settled = false;
  void pause.then(() => {
    settled = true;
  });
  for (let i = 0; i < 100; i++) await Promise.resolve();
  const atOnce = settled;
  await pause;
  return atOnce;
}

describe('taskSlices', () => {
  it('gives way to the next task only once the slice went by since it last did', async () => {
    let now = 0;
    const pause = taskSlices(10, () => now);
    now = 9;
    expect(await settlesAtOnce(pause())).toBe(true);
    now = 10;
    expect(await settlesAtOnce(pause())).toBe(false);
    now = 19;
    expect(await settlesAtOnce(pause())).toBe(true);
    now = 20;
    expect(await settlesAtOnce(pause())).toBe(false);
  });
});
