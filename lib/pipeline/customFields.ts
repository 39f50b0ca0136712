/**
 * Custom fields as columns of the cards report: the `customfields` report has one row per value
 * (card, label, value). Reading it, streamed, keeps only the map from card to values; the cards
 * export then adds one column per label.
 */
import { findColumn, findReport } from '../reports';
import { detached, RecordScanner, type RecordView } from './records';

export interface CustomFieldTable {
  /** Every custom field label, sorted: the extra columns, in this order. */
  readonly labels: readonly string[];
  /** A card's values by label, in the order of `labels`; undefined for a card without any. */
  valuesOf(cardId: string): readonly (string | undefined)[] | undefined;
  /** The table as plain data, which can be sent to a worker (customFieldTable() reads it back). */
  readonly data: CustomFieldData;
}

export interface CustomFieldData {
  readonly labels: readonly string[];
  /** Each card that has values: its values, in the order of `labels`. */
  readonly byCard: ReadonlyMap<string, readonly (string | undefined)[]>;
}

export function customFieldTable(data: CustomFieldData): CustomFieldTable {
  return { labels: data.labels, valuesOf: (cardId) => data.byCard.get(cardId), data };
}

/**
 * Reads the `customfields` report (CSV by default) as it arrives. A card with two values under one
 * label (two fields of that name, e.g. on different boards) gets both, joined by `; `.
 */
export function readCustomFields(format: 'csv' | 'tab' = 'csv') {
  const report = findReport('customfields');
  if (!report) throw new TypeError('the catalogue has no customfields report');
  const scanner = new RecordScanner(format);
  const labelIndex = new Map<string, number>();
  const byCard = new Map<string, (string | undefined)[]>();
  /** One copy of each distinct value: choice fields repeat a few values over every card. */
  const values = new Map<string, string>();
  let fields: { card: number; label: number; value: number } | undefined;
  let first = true;

  const onRecord = (record: RecordView) => {
    if (!fields) {
      const fieldOf = (id: string) => {
        for (let i = 0; i < record.count; i++) {
          if (findColumn(report, record.cell(i) ?? '')?.id === id) return i;
        }
        throw new TypeError(`the customfields report has no ${id} column`);
      };
      fields = {
        card: fieldOf('cardId'),
        label: fieldOf('label'),
        value: fieldOf('customFieldValue'),
      };
      return;
    }
    // Every label is a column, even one no card has a value for yet.
    const label = record.cell(fields.label) ?? '';
    let index = labelIndex.get(label);
    if (index === undefined) {
      index = labelIndex.size;
      labelIndex.set(detached(label), index);
    }
    const value = record.cell(fields.value) ?? '';
    if (value === '') return;
    const cardId = record.cell(fields.card) ?? '';
    let kept = values.get(value);
    if (kept === undefined) {
      kept = detached(value);
      values.set(kept, kept);
    }
    let row = byCard.get(cardId);
    if (!row) {
      row = [];
      byCard.set(detached(cardId), row);
    }
    const before = row[index];
    row[index] = before === undefined || before === kept ? kept : `${before}; ${kept}`;
  };

  return {
    push(text: string): void {
      scanner.push(first && text.startsWith('\uFEFF') ? text.slice(1) : text, onRecord);
      first = false;
    },
    /** Whether the text so far ends after a whole record, the header at least. */
    get complete(): boolean {
      return fields !== undefined && scanner.pending === '';
    },
    table(): CustomFieldTable {
      const labels = [...labelIndex.keys()].sort((a, b) => a.localeCompare(b, 'en'));
      const order = labels.map((label) => labelIndex.get(label) as number);
      const ordered = new Map<string, (string | undefined)[]>();
      for (const [cardId, row] of byCard)
        ordered.set(
          cardId,
          order.map((index) => row[index]),
        );
      return customFieldTable({ labels, byCard: ordered });
    },
  };
}
