// @vitest-environment node
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '@/tests/support/openpyxl';
import { LeanKitError } from '../../errors';
import { type ConvertOptions, type RowConverter, rowPipelineConverter } from '../rowConverter';

const SERVED = '"cardId","cardTitle"\r\n"123456789012345678","=1+1"\r\n';

function options(format: ConvertOptions['format']): ConvertOptions {
  return { reportId: 'cards', format, excelFriendly: true, recipe: {} };
}

describe('rowPipelineConverter', () => {
  it('converts CSV to text at once, with nothing to add at the end', () => {
    const made = rowPipelineConverter(options('csv'));
    expect(made).not.toBeInstanceOf(Promise);
    const converter = made as RowConverter;
    const reading = converter.response();
    expect(reading.push(SERVED)).toEqual({
      text: '\uFEFF"cardId","cardTitle"\r\n"123456789012345678","\'=1+1"\r\n',
      rows: 1,
    });
    expect(reading.complete).toBe(true);
    expect(converter.finish).toBeUndefined();
  });

  it('loads the XLSX writer for a workbook: its rows as bytes, its end from finish()', async () => {
    const converter = await rowPipelineConverter(options('xlsx'));
    const reading = converter.response();
    const chunk = reading.push(SERVED);
    expect(chunk).toMatchObject({ rows: 1 });
    expect('bytes' in chunk).toBe(true);
    expect([reading.complete, reading.received]).toEqual([true, 1]);
    const start = 'bytes' in chunk ? chunk.bytes : [];
    const file = Buffer.concat([...start, ...(converter.finish?.().bytes ?? [])]);
    expect(Object.keys(unzipSync(file))).toContain('xl/worksheets/sheet1.xml');
    // The id stays exact text, and the formula-like title is text too, never a formula.
    const [sheet] = readWorkbook(file);
    expect(sheet?.rows[1]).toEqual([
      ['123456789012345678', 's'],
      ['=1+1', 's'],
    ]);
    expect(converter.notes).toEqual([]);
  });

  it('refuses a report it does not know', () => {
    expect(() => rowPipelineConverter({ ...options('xlsx'), reportId: 'nope' })).toThrow(
      new LeanKitError('not-found', 'There is no report called "nope".'),
    );
  });
});
