/** Text inside an .xlsx part's XML. */

const SPECIAL = /[&<>"\r]/;
const SPECIAL_ALL = /[&<>"\r]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // A parser turns a raw carriage return into a line feed; the reference keeps it.
  '\r': '&#13;',
};

/** Text as XML character data or an attribute value. */
export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ENTITIES[c] as string) : text;
}

/**
 * Excel reads `_xHHHH_` in a cell's text as the character HHHH (ECMA-376's ST_Xstring), so text
 * that holds such a sequence has its `_` written as `_x005F_` to come back as it was.
 */
const XSTRING_ESCAPE = /_(x[0-9A-Fa-f]{4}_)/g;

/** A cell's text as the character data of its `<t>` element. */
export function cellTextXml(text: string): string {
  const escaped = escapeXml(text);
  return escaped.includes('_x') ? escaped.replace(XSTRING_ESCAPE, '_x005F_$1') : escaped;
}

/** A `<t>`, told to keep the spaces and line breaks at its ends, which XML readers may drop. */
export function textElement(xml: string): string {
  return isSpace(xml.charCodeAt(0)) || isSpace(xml.charCodeAt(xml.length - 1))
    ? `<t xml:space="preserve">${xml}</t>`
    : `<t>${xml}</t>`;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
