import { join } from 'node:path';
import { readWorkbook } from '../../support/openpyxl';
import { expect, test } from '../envFixtures';
import { expectedSheet, expectWorkbook } from '../xlsxSupport';
import { lastExport } from './journeySupport';

test('an XLSX workbook from the popup: LeanKit asked for CSV, every cell typed as openpyxl reads it', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  await popup.signInAs(simulator.demo);
  await popup.chooseFormat('XLSX');
  await popup.download('Cards');
  const fileName = await popup.waitForSavedFile();
  expect(fileName).toMatch(/^leankit-acme-cards-all-\d{8}-\d{4}\.xlsx$/);
  expect(lastExport(simulator, 'cards').query.format).toBe('csv');
  expectWorkbook(readWorkbook(join(downloadDir, fileName)), await expectedSheet(simulator, {}));
});
