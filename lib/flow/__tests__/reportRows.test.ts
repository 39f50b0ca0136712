// @vitest-environment node
import { describe, expect, it } from 'vitest';
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
