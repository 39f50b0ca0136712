/**
 * The parts of an .xlsx package besides its sheets and shared strings (ECMA-376 part 1): content
 * types, package and workbook relationships, the workbook's sheet list, and the styles the sheets'
 * cells refer to.
 */
import { escapeXml } from './xmlText';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Cell style ids (positions in styles.xml's `cellXfs`). */
export const STYLE = { header: 1, date: 2, dateTime: 3 } as const;

/** A finished sheet as the workbook lists it. */
export interface SheetEntry {
  readonly name: string;
  /** The autofilter's range, e.g. `A1:AM1048576`. */
  readonly filterRange: string;
}

export const SHARED_STRINGS_PATH = 'xl/sharedStrings.xml';

export function sheetPath(index: number): string {
  return `xl/worksheets/sheet${index + 1}.xml`;
}

export function contentTypesXml(sheetCount: number): string {
  let overrides = '';
  for (let i = 0; i < sheetCount; i++) {
    overrides += `<Override PartName="/${sheetPath(i)}" ContentType="${CONTENT_TYPE}.worksheet+xml"/>`;
  }
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE}.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE}.styles+xml"/>` +
    `<Override PartName="/${SHARED_STRINGS_PATH}" ContentType="${CONTENT_TYPE}.sharedStrings+xml"/>` +
    `${overrides}</Types>`
  );
}

export function packageRelationshipsXml(): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">` +
    `<Relationship Id="rId1" Type="${RELATIONSHIPS_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    '</Relationships>'
  );
}

/**
 * The sheet list, and each sheet's hidden `_xlnm._FilterDatabase` name, which Excel keeps for an
 * autofilter and writes itself.
 */
export function workbookXml(sheets: readonly SheetEntry[]): string {
  let list = '';
  let names = '';
  sheets.forEach((sheet, i) => {
    list += `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`;
    names += `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(
      `'${sheet.name.replaceAll("'", "''")}'!${absoluteRange(sheet.filterRange)}`,
    )}</definedName>`;
  });
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIPS_NS}">` +
    `<bookViews><workbookView/></bookViews><sheets>${list}</sheets>` +
    `<definedNames>${names}</definedNames></workbook>`
  );
}

/** `A1:C9` → `$A$1:$C$9`. */
function absoluteRange(range: string): string {
  return range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
}

export function workbookRelationshipsXml(sheetCount: number): string {
  let relationships = '';
  for (let i = 0; i < sheetCount; i++) {
    relationships += `<Relationship Id="rId${i + 1}" Type="${RELATIONSHIPS_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`;
  }
  relationships += `<Relationship Id="rId${sheetCount + 1}" Type="${RELATIONSHIPS_NS}/styles" Target="styles.xml"/>`;
  relationships += `<Relationship Id="rId${sheetCount + 2}" Type="${RELATIONSHIPS_NS}/sharedStrings" Target="sharedStrings.xml"/>`;
  return `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">${relationships}</Relationships>`;
}

/**
 * Styles: the default font and a bold one (the header row), and ISO-like date and date-time formats
 * (164 and 165: the first ids free for a workbook's own formats), in STYLE's order.
 */
export function stylesXml(): string {
  return (
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>' +
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
    '<fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '</cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}
