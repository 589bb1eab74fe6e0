/**
 * Character classes of UTF-16 code units, answered from a table instead of a Unicode regex per
 * character: the layout and language passes ask about every character of the text. Each class is
 * defined by the regex it replaces (tested once per code unit, then remembered), so the answers
 * are exactly the regex's. Only single code units are classified: a surrogate half is none of these
 * (a regex with the `u` flag does not match a lone surrogate either), callers handle pairs.
 */

const COMPUTED = 1;
const LETTER = 2; // \p{L}
const WORD = 4; // [\p{L}\p{M}\p{N}]
const UPPER = 8; // \p{Lu}
const SPACE = 16; // \s

const classes = new Uint8Array(0x10000);

function classify(code: number): number {
  const char = String.fromCharCode(code);
  let bits = COMPUTED;
  if (/\p{L}/u.test(char)) bits |= LETTER;
  if (/[\p{L}\p{M}\p{N}]/u.test(char)) bits |= WORD;
  if (/\p{Lu}/u.test(char)) bits |= UPPER;
  if (/\s/u.test(char)) bits |= SPACE;
  classes[code] = bits;
  return bits;
}

function classOf(code: number): number {
  const bits = classes[code];
  return bits === 0 ? classify(code) : bits;
}

/** `\p{L}` for one code unit. */
export function isLetterCode(code: number): boolean {
  return (classOf(code) & LETTER) !== 0;
}

/** `[\p{L}\p{M}\p{N}]` for one code unit: a letter, a combining mark or a digit. */
export function isWordCode(code: number): boolean {
  return (classOf(code) & WORD) !== 0;
}

/** `\p{Lu}` for one code unit. */
export function isUpperCode(code: number): boolean {
  return (classOf(code) & UPPER) !== 0;
}

/** `\s` (JavaScript white space and line terminators) for one code unit. */
export function isSpaceCode(code: number): boolean {
  return (classOf(code) & SPACE) !== 0;
}

/** Whether a code unit is half of a surrogate pair. */
export function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/**
 * Letters (units whose upper and lower case differ) and how many are capitals, comparing `text`
 * unit by unit with its upper- and lower-cased forms. A letter whose case changes the length (ß → SS)
 * shifts the comparison after it; the tagger's models were trained with these counts, so it stays.
 */
export function caseCounts(text: string, upper = text.toUpperCase(), lower = text.toLowerCase()): { letters: number; capitals: number } {
  let letters = 0;
  let capitals = 0;
  for (let k = 0; k < text.length; k++) {
    if (upper[k] === lower[k]) continue;
    letters++;
    if (text[k] === upper[k]) capitals++;
  }
  return { letters, capitals };
}
