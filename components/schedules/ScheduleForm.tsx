import { useSignal } from '@preact/signals';
import { cloneElement, type JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { FORMATS, type Format } from '@/lib/formats';
import type { Preset } from '@/lib/recipes/recipe';
import { findReportSummary, REPORT_LIST } from '@/lib/reportList';
import { checkSchedule, type ScheduleField } from '@/lib/schedules/checkSchedule';
import { WEEKDAYS } from '@/lib/schedules/describeSchedule';
import type { ScheduleSetup, ScheduleWhat, ScheduleWhen, Weekday } from '@/lib/schedules/schedule';
import { SNAPSHOT_ZIP_LABEL, type SnapshotOutput } from '@/lib/snapshot/snapshotOutputs';
import { ScheduleBoards } from './ScheduleBoards';

/** A new schedule's setup: every Monday morning, in the user's zone, replacing last week's file. */
export function newScheduleSetup(presets: readonly Preset[]): ScheduleSetup {
  return {
    name: '',
    what: presets[0]
      ? { kind: 'preset', presetId: presets[0].id }
      : { kind: 'report', reportId: 'cards', format: 'csv', boardIds: [] },
    when: { every: 'week', day: 1, time: '07:00' },
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    where: {
      folder: 'LeanKit',
      fileNamePattern: 'leankit-{account}-{report}-{board}',
      keep: 'replace',
    },
  };
}

const EVERY: { value: ScheduleWhen['every']; label: string }[] = [
  { value: 'hour', label: 'Every hour' },
  { value: 'day', label: 'Every day' },
  { value: 'weekday', label: 'Monday to Friday' },
  { value: 'week', label: 'Once a week' },
];

/**
 * The form that adds or edits a schedule. Problems show beside their fields once the user tries
 * to save; the first field with one gets the focus. `onSave` answers with the background's
 * refusal, if any, which is shown as an alert.
 */
export function ScheduleForm({
  initial,
  presets,
  heading,
  onSave,
  onCancel,
}: {
  initial: ScheduleSetup;
  presets: readonly Preset[];
  heading: string;
  onSave: (setup: ScheduleSetup) => Promise<string | null>;
  onCancel: () => void;
}) {
  const setup = useSignal<ScheduleSetup>(initial);
  /** Tries to save with problems: each moves the focus to the first field with one, once drawn. */
  const tried = useSignal(0);
  const refused = useSignal<string | null>(null);
  const saving = useSignal(false);
  const form = useRef<HTMLFormElement>(null);
  const value = setup.value;
  const problems = tried.value > 0 ? checkSchedule(value) : [];
  const problemOf = (field: ScheduleField) => problems.find((p) => p.field === field)?.message;
  const update = (change: Partial<ScheduleSetup>) => {
    setup.value = { ...setup.value, ...change };
  };
  const time = 'time' in value.when ? value.when.time : '07:00';

  function setEvery(every: ScheduleWhen['every']) {
    if (every === 'hour') update({ when: { every, minute: 0 } });
    else if (every === 'week') update({ when: { every, day: 1, time } });
    else update({ when: { every, time } });
  }

  useEffect(() => {
    if (tried.value > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [tried.value]);

  async function submit(event: Event) {
    event.preventDefault();
    if (checkSchedule(setup.value).length > 0) {
      tried.value += 1;
      return;
    }
    saving.value = true;
    refused.value = await onSave(setup.value);
    saving.value = false;
  }

  return (
    <form
      ref={form}
      class="schedule-form"
      aria-labelledby="schedule-form-title"
      onSubmit={submit}
      noValidate
    >
      <h3 id="schedule-form-title">{heading}</h3>
      <Field label="Name" problem={problemOf('name')} id="schedule-name">
        <input
          id="schedule-name"
          value={value.name}
          maxLength={80}
          onInput={(e) => update({ name: e.currentTarget.value })}
        />
      </Field>

      <fieldset>
        <legend>What to export</legend>
        <label class="choice">
          <input
            type="radio"
            name="schedule-what"
            checked={value.what.kind === 'preset'}
            disabled={presets.length === 0}
            onChange={() =>
              presets[0] && update({ what: { kind: 'preset', presetId: presets[0].id } })
            }
          />
          A preset{presets.length === 0 ? ' (none saved yet)' : ''}
        </label>
        <label class="choice">
          <input
            type="radio"
            name="schedule-what"
            checked={value.what.kind === 'report'}
            onChange={() =>
              update({ what: { kind: 'report', reportId: 'cards', format: 'csv', boardIds: [] } })
            }
          />
          A report
        </label>
        <label class="choice">
          <input
            type="radio"
            name="schedule-what"
            checked={value.what.kind === 'snapshot'}
            onChange={() => update({ what: { kind: 'snapshot', output: 'xlsx', boardIds: [] } })}
          />
          A board snapshot
        </label>
        {value.what.kind === 'preset' ? (
          <div class="schedule-field">
            <label for="schedule-preset">Preset</label>
            <select
              id="schedule-preset"
              value={value.what.presetId}
              onChange={(e) =>
                update({ what: { kind: 'preset', presetId: e.currentTarget.value } })
              }
            >
              {presets.map((preset) => (
                <option key={preset.id} value={preset.id}>
                  {preset.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {value.what.kind === 'report' ? (
          <ReportChoice what={value.what} onChange={(what) => update({ what })} />
        ) : null}
        {value.what.kind === 'snapshot' ? (
          <SnapshotChoice what={value.what} onChange={(what) => update({ what })} />
        ) : null}
        {problemOf('what') ? (
          <p class="error" id="schedule-what-problem">
            {problemOf('what')}
          </p>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>When</legend>
        <div class="schedule-field">
          <label for="schedule-every">How often</label>
          <select
            id="schedule-every"
            value={value.when.every}
            onChange={(e) => setEvery(e.currentTarget.value as ScheduleWhen['every'])}
          >
            {EVERY.map((each) => (
              <option key={each.value} value={each.value}>
                {each.label}
              </option>
            ))}
          </select>
        </div>
        {value.when.every === 'week' ? (
          <div class="schedule-field">
            <label for="schedule-day">Day</label>
            <select
              id="schedule-day"
              value={String(value.when.day)}
              onChange={(e) =>
                update({
                  when: { every: 'week', day: Number(e.currentTarget.value) as Weekday, time },
                })
              }
            >
              {WEEKDAYS.map((day, index) => (
                <option key={day} value={String(index)}>
                  {day}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {value.when.every === 'hour' ? (
          <Field label="Minutes past the hour" problem={problemOf('when')} id="schedule-minute">
            <input
              id="schedule-minute"
              type="number"
              min={0}
              max={59}
              value={String(value.when.minute)}
              onInput={(e) =>
                update({ when: { every: 'hour', minute: Number(e.currentTarget.value) } })
              }
            />
          </Field>
        ) : (
          <Field label="Time" problem={problemOf('when')} id="schedule-time">
            <input
              id="schedule-time"
              type="time"
              value={time}
              onInput={(e) =>
                update({ when: { ...value.when, time: e.currentTarget.value } as ScheduleWhen })
              }
            />
          </Field>
        )}
        <Field label="Time zone" problem={problemOf('timeZone')} id="schedule-zone">
          <input
            id="schedule-zone"
            value={value.timeZone}
            spellcheck={false}
            onInput={(e) => update({ timeZone: e.currentTarget.value })}
          />
        </Field>
      </fieldset>

      <fieldset>
        <legend>Where</legend>
        <Field
          label="Folder in your downloads folder"
          problem={problemOf('folder')}
          id="schedule-folder"
          hint="For example LeanKit/weekly. Empty: the downloads folder itself."
        >
          <input
            id="schedule-folder"
            value={value.where.folder}
            spellcheck={false}
            onInput={(e) => update({ where: { ...value.where, folder: e.currentTarget.value } })}
          />
        </Field>
        <Field
          label="File name pattern for this schedule"
          problem={problemOf('fileNamePattern')}
          id="schedule-pattern"
        >
          <input
            id="schedule-pattern"
            value={value.where.fileNamePattern}
            spellcheck={false}
            onInput={(e) =>
              update({ where: { ...value.where, fileNamePattern: e.currentTarget.value } })
            }
          />
        </Field>
        <label class="choice">
          <input
            type="radio"
            name="schedule-keep"
            checked={value.where.keep === 'replace'}
            onChange={() => update({ where: { ...value.where, keep: 'replace' } })}
          />
          Replace the previous file
        </label>
        <label class="choice">
          <input
            type="radio"
            name="schedule-keep"
            checked={value.where.keep === 'each-run'}
            onChange={() => update({ where: { ...value.where, keep: 'each-run' } })}
          />
          Keep each run
        </label>
      </fieldset>

      {refused.value ? (
        <p class="error" role="alert">
          {refused.value}
        </p>
      ) : null}
      <div class="schedule-form-actions">
        <button type="submit" disabled={saving.value}>
          Save schedule
        </button>
        <button type="button" class="link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type ReportWhat = Extract<ScheduleWhat, { kind: 'report' }>;
type SnapshotWhat = Extract<ScheduleWhat, { kind: 'snapshot' }>;

/** A report, its format, and its boards when LeanKit filters it by board. */
function ReportChoice({
  what,
  onChange,
}: {
  what: ReportWhat;
  onChange: (what: ReportWhat) => void;
}) {
  const boardScoped = findReportSummary(what.reportId)?.boardScoped === true;
  return (
    <>
      <div class="schedule-field">
        <label for="schedule-report">Report</label>
        <select
          id="schedule-report"
          value={what.reportId}
          onChange={(e) => {
            const reportId = e.currentTarget.value;
            // Boards chosen for a board report mean nothing to one LeanKit does not filter.
            const keepBoards = findReportSummary(reportId)?.boardScoped === true;
            onChange({ ...what, reportId, boardIds: keepBoards ? what.boardIds : [] });
          }}
        >
          {REPORT_LIST.map((report) => (
            <option key={report.id} value={report.id}>
              {report.label}
            </option>
          ))}
        </select>
      </div>
      <div class="schedule-field">
        <label for="schedule-format">Format</label>
        <select
          id="schedule-format"
          value={what.format}
          onChange={(e) => onChange({ ...what, format: e.currentTarget.value as Format })}
        >
          {(Object.keys(FORMATS) as Format[]).map((each) => (
            <option key={each} value={each}>
              {FORMATS[each].label}
            </option>
          ))}
        </select>
      </div>
      {boardScoped ? (
        <ScheduleBoards
          selected={what.boardIds}
          onChange={(boardIds) => onChange({ ...what, boardIds })}
        />
      ) : (
        <p class="hint">This report covers every board of the account.</p>
      )}
    </>
  );
}

/** The snapshot's file (a workbook, or CSV files in a .zip) and its boards. */
function SnapshotChoice({
  what,
  onChange,
}: {
  what: SnapshotWhat;
  onChange: (what: SnapshotWhat) => void;
}) {
  return (
    <>
      <div class="schedule-field">
        <label for="schedule-snapshot-file">Snapshot file</label>
        <select
          id="schedule-snapshot-file"
          value={what.output}
          onChange={(e) => onChange({ ...what, output: e.currentTarget.value as SnapshotOutput })}
        >
          <option value="xlsx">Excel workbook (XLSX), a sheet per report</option>
          <option value="csv-zip">{SNAPSHOT_ZIP_LABEL}, a CSV file per report</option>
        </select>
      </div>
      <ScheduleBoards
        selected={what.boardIds}
        onChange={(boardIds) => onChange({ ...what, boardIds })}
      />
    </>
  );
}

/** A labelled field with its problem (once the user tried to save) or hint, described by both. */
function Field({
  label,
  problem,
  hint,
  id,
  children,
}: {
  label: string;
  problem: string | undefined;
  hint?: string;
  id: string;
  children: JSX.Element;
}) {
  const described = [problem ? `${id}-problem` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div class="schedule-field">
      <label for={id}>{label}</label>
      {cloneElement(children, {
        'aria-invalid': problem !== undefined,
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {problem ? (
        <p class="error" id={`${id}-problem`}>
          {problem}
        </p>
      ) : null}
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
