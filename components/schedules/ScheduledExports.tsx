import { useSignal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type ScheduleAction, sendMessage } from '@/lib/messaging';
import { listPresetChoices } from '@/lib/recipes/presetList';
import type { Preset } from '@/lib/recipes/recipe';
import { scheduleNews } from '@/lib/schedules/describeSchedule';
import type { Schedule, ScheduleSetup } from '@/lib/schedules/schedule';
import {
  boardListItem,
  scheduleNotificationsItem,
  schedulesItem,
  staySignedInItem,
} from '@/lib/storage/items';
import { useStoredValue } from '../useStoredValue';
import { newScheduleSetup, ScheduleForm } from './ScheduleForm';
import { ScheduleItem } from './ScheduleItem';
import './schedules.css';

/** The form's state: closed, adding, or editing one schedule. */
type Editing = null | { id?: string; setup: ScheduleSetup };

/**
 * The options page's "Scheduled exports": each schedule with its state, next run and last result,
 * and its buttons; "Add schedule" opens the form. The background keeps and runs them
 * (lib/schedules/scheduleRunner.ts); this page only asks it, and follows `schedulesItem`.
 */
export function ScheduledExports() {
  const schedules = useStoredValue(schedulesItem);
  const stay = useStoredValue(staySignedInItem) ?? false;
  // The board list the pickers loaded this browser session, for the boards' titles.
  const knownBoards = useStoredValue(boardListItem)?.boards ?? [];
  const [presets, setPresets] = useState<Preset[]>([]);
  const editing = useSignal<Editing>(null);
  const said = useSignal<{ polite: string; alert: string }>({ polite: '', alert: '' });
  const addButton = useRef<HTMLButtonElement>(null);
  const previous = useRef<Schedule[] | undefined>(undefined);

  useEffect(() => {
    void listPresetChoices().then(setPresets);
  }, []);

  // Runs that end while the page is open are announced once.
  useEffect(() => {
    if (schedules === undefined) return;
    const before = previous.current;
    previous.current = schedules;
    if (!before) return;
    const news = scheduleNews(before, schedules);
    if (news.polite.length > 0 || news.alert.length > 0) {
      said.value = { polite: news.polite.join(' '), alert: news.alert.join(' ') };
    }
  }, [schedules]);

  async function save(setup: ScheduleSetup): Promise<string | null> {
    const id = editing.value?.id;
    const answer = await sendMessage('saveSchedule', id === undefined ? { setup } : { setup, id });
    if (!answer.ok) return answer.error.message;
    editing.value = null;
    said.value = { polite: `Saved '${setup.name.trim()}'.`, alert: '' };
    addButton.current?.focus();
    return null;
  }

  async function act(schedule: Schedule, action: ScheduleAction) {
    const answer = await sendMessage('scheduleAction', { id: schedule.id, action });
    if (!answer.ok) {
      said.value = { polite: '', alert: answer.error.message };
      return;
    }
    const done = { run: 'Started', pause: 'Paused', resume: 'Turned on', delete: 'Deleted' }[
      action
    ];
    said.value = { polite: `${done} '${schedule.name}'.`, alert: '' };
    // The deleted schedule's buttons are gone: the focus goes to a control that stays.
    if (action === 'delete') addButton.current?.focus();
  }

  const list = schedules ?? [];
  return (
    <section aria-labelledby="schedules-title" class="schedules">
      <h2 id="schedules-title">Scheduled exports</h2>
      <p class="hint">
        Exports that run by themselves while the browser is open, into a folder of your downloads
        folder. A run missed while the browser was closed happens once when it opens.
      </p>
      {!stay && list.length > 0 ? (
        <p class="schedules-needs-stay">
          Scheduled exports need "Stay signed in on this computer" (under Signing in) to run.
        </p>
      ) : null}
      {list.length === 0 ? <p>No scheduled exports yet.</p> : null}
      <ul class="schedule-list">
        {list.map((schedule) => (
          <ScheduleItem
            key={schedule.id}
            schedule={schedule}
            staySignedIn={stay}
            presetName={presetName(presets, schedule)}
            boardTitle={(id) => knownBoards.find((board) => board.id === id)?.title}
            onAction={(action) => void act(schedule, action)}
            onEdit={() => {
              const { name, what, when, timeZone, where } = schedule;
              editing.value = { id: schedule.id, setup: { name, what, when, timeZone, where } };
            }}
          />
        ))}
      </ul>
      {editing.value ? (
        <ScheduleForm
          key={editing.value.id ?? 'new'}
          initial={editing.value.setup}
          presets={presets}
          heading={editing.value.id ? `Edit '${editing.value.setup.name}'` : 'New schedule'}
          onSave={save}
          onCancel={() => {
            editing.value = null;
            addButton.current?.focus();
          }}
        />
      ) : null}
      <button
        type="button"
        ref={addButton}
        onClick={() => {
          editing.value = { setup: newScheduleSetup(presets) };
        }}
      >
        Add schedule
      </button>
      <Notifications />
      <div aria-live="polite" class="visually-hidden">
        {said.value.polite}
      </div>
      {/* An alert is announced as it appears: there is none until something fails. */}
      {said.value.alert ? (
        <div role="alert" class="visually-hidden">
          {said.value.alert}
        </div>
      ) : null}
    </section>
  );
}

function presetName(presets: readonly Preset[], schedule: Schedule): string | undefined {
  const { what } = schedule;
  return what.kind === 'preset'
    ? presets.find((preset) => preset.id === what.presetId)?.name
    : undefined;
}

/**
 * Whether a run waiting for a sign-in also shows a notification. The browser asks the user for the
 * permission inside this click; taken back, the setting goes off with it.
 */
function Notifications() {
  const on = useStoredValue(scheduleNotificationsItem) ?? false;
  async function toggle(wanted: boolean) {
    if (!wanted) {
      await scheduleNotificationsItem.setValue(false);
      await browser.permissions.remove({ permissions: ['notifications'] }).catch(() => false);
      return;
    }
    const granted = await browser.permissions.request({ permissions: ['notifications'] });
    await scheduleNotificationsItem.setValue(granted);
  }
  return (
    <label class="check">
      <input type="checkbox" checked={on} onChange={(e) => void toggle(e.currentTarget.checked)} />
      <span>
        <strong>Notify me when a scheduled export waits for me to sign in</strong>
        <span class="hint-inline">
          The toolbar button shows a red ! either way. The browser asks you to allow notifications.
        </span>
      </span>
    </label>
  );
}
