import type { ScheduleAction } from '@/lib/messaging';
import {
  resultText,
  runTimeText,
  stateText,
  whatText,
  whenText,
  whereText,
} from '@/lib/schedules/describeSchedule';
import type { Schedule } from '@/lib/schedules/schedule';

/** One schedule in the list: what, when, where, its state, next run and last result, and buttons. */
export function ScheduleItem({
  schedule,
  staySignedIn,
  presetName,
  boardTitle,
  onAction,
  onEdit,
}: {
  schedule: Schedule;
  staySignedIn: boolean;
  presetName?: string;
  boardTitle: (id: string) => string | undefined;
  onAction: (action: ScheduleAction) => void;
  onEdit: () => void;
}) {
  const { state, why } = stateText(schedule, staySignedIn);
  const [last] = schedule.results;
  const titleId = `schedule-${schedule.id}-name`;
  const named = (verb: string) => `${verb} '${schedule.name}'`;
  return (
    <li class="schedule" aria-labelledby={titleId}>
      <h3 id={titleId}>{schedule.name}</h3>
      <p>
        {whatText(schedule.what, presetName, boardTitle)} · {whenText(schedule.when)} (
        {schedule.timeZone}) · {whereText(schedule)}
      </p>
      <p class="schedule-state">
        <strong>{state}</strong>
        {why ? <span> {why}</span> : null}
      </p>
      {schedule.nextRunAt !== undefined ? (
        <p>Next run: {runTimeText(schedule.nextRunAt, schedule.timeZone)}</p>
      ) : null}
      {last ? (
        <p class={last.outcome === 'failed' ? 'schedule-last error' : 'schedule-last'}>
          Last run: {resultText(last, schedule.timeZone)}
        </p>
      ) : (
        <p class="schedule-last">Not run yet.</p>
      )}
      <div class="schedule-actions">
        <button type="button" aria-label={named('Run now:')} onClick={() => onAction('run')}>
          Run now
        </button>
        {schedule.enabled ? (
          <button type="button" aria-label={named('Pause')} onClick={() => onAction('pause')}>
            Pause
          </button>
        ) : (
          <button type="button" aria-label={named('Resume')} onClick={() => onAction('resume')}>
            Resume
          </button>
        )}
        <button type="button" aria-label={named('Edit')} onClick={onEdit}>
          Edit
        </button>
        <button type="button" aria-label={named('Delete')} onClick={() => onAction('delete')}>
          Delete
        </button>
      </div>
    </li>
  );
}
