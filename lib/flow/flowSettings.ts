import { DAY_MS, parseLeanKitDate } from './calendarDays';
import type { WorkflowChoice } from './workflow';

/**
 * The Flow charts page's workflow settings for one board: which lanes count as start and finish
 * (absent: the defaults from lane classes, lib/flow/workflow.ts), the finish dates shown, the card
 * types counted (none chosen: all) and whether blocked days count in cycle times and ages.
 * Remembered per board (lib/storage/items.ts, `flowSettingsItem`).
 */
export interface FlowSettings {
  readonly startLaneId?: string;
  readonly finishLaneId?: string;
  /** First and last day shown, `YYYY-MM-DD`; absent: from the first finish, up to today. */
  readonly from?: string;
  readonly to?: string;
  readonly typeIds: readonly string[];
  readonly blockedCounts: boolean;
}

export const DEFAULT_FLOW_SETTINGS: FlowSettings = { typeIds: [], blockedCounts: true };

/** Settings as stored, checked field by field: a malformed field falls back to its default. */
export function readFlowSettings(value: unknown): FlowSettings {
  if (typeof value !== 'object' || value === null) return DEFAULT_FLOW_SETTINGS;
  const stored = value as Record<string, unknown>;
  const text = (field: unknown) => (typeof field === 'string' && field !== '' ? field : undefined);
  const date = (field: unknown) => {
    const written = text(field);
    return written !== undefined && dayOfDate(written) !== null ? written : undefined;
  };
  const optional = {
    startLaneId: text(stored.startLaneId),
    finishLaneId: text(stored.finishLaneId),
    from: date(stored.from),
    to: date(stored.to),
  };
  return {
    ...Object.fromEntries(Object.entries(optional).filter(([, field]) => field !== undefined)),
    typeIds: Array.isArray(stored.typeIds)
      ? stored.typeIds.filter((id): id is string => typeof id === 'string')
      : [],
    blockedCounts: typeof stored.blockedCounts === 'boolean' ? stored.blockedCounts : true,
  };
}

/** The start and finish lanes the settings choose, for createWorkflow. */
export function workflowChoice(settings: FlowSettings): WorkflowChoice {
  return {
    ...(settings.startLaneId ? { startLaneId: settings.startLaneId } : {}),
    ...(settings.finishLaneId ? { finishLaneId: settings.finishLaneId } : {}),
  };
}

/** The day number of a `YYYY-MM-DD` date (a calendar day, whatever the zone), or null. */
export function dayOfDate(date: string): number | null {
  if (date.length !== 10) return null;
  const time = parseLeanKitDate(date);
  return Number.isNaN(time) ? null : time / DAY_MS;
}
