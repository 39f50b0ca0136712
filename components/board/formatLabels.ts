import type { Format } from '@/lib/formats';

/**
 * The formats' names, as in the catalogue's FORMATS; a copy, because importing the catalogue
 * would bring all its columns into the content script (checked by a unit test).
 */
export const FORMAT_LABELS: Record<Format, string> = {
  csv: 'CSV',
  tab: 'TAB',
  json: 'JSON',
  xlsx: 'XLSX',
};
