/**
 * Host names made to pass for LeanKit's: `acme.leankit.co`, `acme-leankit.com`,
 * `acme.leankit.com.evil.com`, or `acme.lеankit.com` with a Cyrillic "е" (which the browser
 * turns into `xn--…`). A password typed for LeanKit must never go to one of them.
 */

/** Letters of other scripts, and signs, drawn like the Latin ones of "leankit" (after Unicode's confusables). */
const DRAWN_ALIKE: Readonly<Record<string, string>> = {
  а: 'a', // Cyrillic
  е: 'e',
  ё: 'e',
  і: 'i',
  ї: 'i',
  ӏ: 'l',
  к: 'k',
  т: 't',
  α: 'a', // Greek
  ε: 'e',
  ι: 'i',
  κ: 'k',
  τ: 't',
  η: 'n',
  ı: 'i', // Latin dotless i
  ł: 'l',
  '1': 'l',
  '|': 'l',
};

/** "leankit" as drawn: i and l are told apart by no one at a glance, so both count as l. */
const LEANKIT_DRAWN = 'leanklt';

/**
 * True when some label of `host` (an ASCII host name, as `URL` gives it) reads as "leankit" once
 * punycode is decoded, accents dropped, look-alike letters replaced and hyphens and digits ignored.
 * The caller decides what counts as LeanKit's own (names under leankit.com).
 */
export function looksLikeLeanKit(host: string): boolean {
  return unicodeLabels(host).some((label) => drawn(label).includes(LEANKIT_DRAWN));
}

/** True when a label of the host is punycode, i.e. written with letters outside a–z. */
export function hasNonLatinLetters(host: string): boolean {
  return host.split('.').some((label) => label.startsWith('xn--'));
}

/** The host as a reader sees it, with punycode labels decoded (`acme.xn--lankit-…` → `acme.lеankit…`). */
export function displayHost(host: string): string {
  return unicodeLabels(host).join('.');
}

function unicodeLabels(host: string): string[] {
  return host
    .toLowerCase()
    .split('.')
    .map((label) => (label.startsWith('xn--') ? (decodePunycode(label.slice(4)) ?? label) : label));
}

function drawn(label: string): string {
  const plain = label.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return Array.from(plain, (char) => DRAWN_ALIKE[char] ?? char)
    .join('')
    .replace(/i/g, 'l')
    .replace(/[^a-z]/g, '');
}

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;

/** RFC 3492 punycode decoding of one label (without `xn--`); undefined when it is not valid. */
export function decodePunycode(input: string): string | undefined {
  const delimiter = input.lastIndexOf('-');
  const output = delimiter > 0 ? Array.from(input.slice(0, delimiter)) : [];
  let code = 128;
  let bias = 72;
  let i = 0;
  try {
    for (let index = delimiter > 0 ? delimiter + 1 : 0; index < input.length; ) {
      const before = i;
      for (let weight = 1, k = BASE; ; k += BASE) {
        const digit = digitOf(input[index++]);
        if (digit === undefined) return undefined;
        i += digit * weight;
        const threshold = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
        if (digit < threshold) break;
        weight *= BASE - threshold;
      }
      const length = output.length + 1;
      bias = adapt(i - before, length, before === 0);
      code += Math.floor(i / length);
      i %= length;
      output.splice(i, 0, String.fromCodePoint(code));
      i++;
    }
  } catch {
    // A code point beyond Unicode.
    return undefined;
  }
  return output.join('');
}

function digitOf(char: string | undefined): number | undefined {
  if (char === undefined) return undefined;
  if (/^[a-z]$/i.test(char)) return char.toLowerCase().charCodeAt(0) - 97;
  if (/^\d$/.test(char)) return char.charCodeAt(0) - 22;
  return undefined;
}

function adapt(delta: number, length: number, first: boolean): number {
  let scaled = first ? Math.floor(delta / 700) : delta >> 1;
  scaled += Math.floor(scaled / length);
  let k = 0;
  while (scaled > ((BASE - T_MIN) * T_MAX) >> 1) {
    scaled = Math.floor(scaled / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * scaled) / (scaled + 38));
}
