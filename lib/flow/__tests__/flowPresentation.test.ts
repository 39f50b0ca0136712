import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { flowSettingsItem } from '../../storage/items';
import { readFlowBoards } from '../flowBoards';
import { flowPath } from '../flowPath';
import {
  DEFAULT_FLOW_SETTINGS,
  dayOfDate,
  readFlowSettings,
  workflowChoice,
} from '../flowSettings';
import { storedFlowSettings } from '../flowSettingsStore';
import { tableCsv } from '../tableCsv';

describe('tableCsv', () => {
  it('writes headers and rows with CRLF, quoting only where needed', () => {
    const csv = tableCsv({
      caption: 'ignored',
      headers: ['Card', 'Title', 'Days'],
      rows: [
        ['1', 'Plain', 3],
        ['2', 'Comma, "quoted"', 10],
        ['3', 'Two\nlines', 1],
      ],
    });
    expect(csv).toBe(
      'Card,Title,Days\r\n1,Plain,3\r\n2,"Comma, ""quoted""",10\r\n3,"Two\nlines",1\r\n',
    );
  });

  it('makes a title a spreadsheet would run inert, and leaves numbers alone', () => {
    const csv = tableCsv({ caption: '', headers: ['Title', 'Days'], rows: [['=SUM(A1)', -2]] });
    expect(csv).toBe("Title,Days\r\n'=SUM(A1),-2\r\n");
  });
});

describe('flow settings', () => {
  it.each([
    [undefined, DEFAULT_FLOW_SETTINGS],
    ['junk', DEFAULT_FLOW_SETTINGS],
    [
      {
        startLaneId: '5',
        finishLaneId: '',
        from: '2026-02-30',
        to: '2026-03-01',
        typeIds: ['7', 3],
        blockedCounts: 'no',
      },
      { startLaneId: '5', to: '2026-03-01', typeIds: ['7'], blockedCounts: true },
    ],
    [
      { finishLaneId: '9', from: '2026-01-01', typeIds: [], blockedCounts: false },
      { finishLaneId: '9', from: '2026-01-01', typeIds: [], blockedCounts: false },
    ],
  ])('reads %j as %j', (stored, expected) => {
    expect(readFlowSettings(stored)).toEqual(expected);
  });

  it('chooses only the lanes it names', () => {
    expect(workflowChoice(DEFAULT_FLOW_SETTINGS)).toEqual({});
    expect(workflowChoice({ ...DEFAULT_FLOW_SETTINGS, finishLaneId: '9' })).toEqual({
      finishLaneId: '9',
    });
  });

  it('reads calendar dates as day numbers', () => {
    expect(dayOfDate('1970-01-02')).toBe(1);
    expect(dayOfDate('2026-03-10T00:00:00')).toBeNull();
    expect(dayOfDate('')).toBeNull();
  });
});

describe('storedFlowSettings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('remembers settings per board, and gives the defaults for a board never set', async () => {
    await storedFlowSettings.save('1', { ...DEFAULT_FLOW_SETTINGS, finishLaneId: '9' });
    await storedFlowSettings.save('2', { ...DEFAULT_FLOW_SETTINGS, blockedCounts: false });
    expect(await storedFlowSettings.load('1')).toEqual({
      ...DEFAULT_FLOW_SETTINGS,
      finishLaneId: '9',
    });
    expect(await storedFlowSettings.load('2')).toEqual({
      ...DEFAULT_FLOW_SETTINGS,
      blockedCounts: false,
    });
    expect(await storedFlowSettings.load('3')).toEqual(DEFAULT_FLOW_SETTINGS);
    expect(await storedFlowSettings.load('constructor')).toEqual(DEFAULT_FLOW_SETTINGS);
    expect(Object.keys(await flowSettingsItem.getValue())).toEqual(['1', '2']);
  });
});

describe('the page address', () => {
  it('carries board ids, and reads them back whether one or several', () => {
    expect(flowPath(['1', '22'])).toBe('/flow.html?boards=1%2C22');
    expect(readFlowBoards('?boards=1%2C22')).toEqual(['1', '22']);
    expect(readFlowBoards('?board=5&boards=5,6')).toEqual(['5', '6']);
    expect(readFlowBoards('?boards=<script>,,7')).toEqual(['7']);
    expect(readFlowBoards('')).toEqual([]);
  });
});
