/**
 * Scare quotes: marks around a word, a short name, a title or a term ("hotlining", « guest-stars »,
 * ‘dirty hands’) are not reported speech. The guidelines draw the line at four words or a full
 * clause, so a short span is kept only when it reads as a clause on its own: it starts with a
 * subject pronoun ("We agreed", « Je refuse ») or is a capitalised sentence with its own final
 * punctuation ("Absolutely not!"). A longer span all in title case (a headline or a work's title
 * quoted as a name) is a name, not speech.
 */

/** Subject pronouns and demonstratives that make a short fragment a clause, English and French. */
const SUBJECTS = new Set([
  'i', 'we', 'you', 'he', 'she', 'it', 'they', 'this', 'that', 'there', 'je', 'j', 'nous', 'vous', 'il', 'elle', 'on', 'ils', 'elles', 'c', 'ce', 'cela', 'ça', 'ca',
]);

/** Small words that stay lower case in a title ("Much Ado about Nothing", "La Guerre des étoiles"). */
const TITLE_FILLERS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'de', 'du', 'des', 'la', 'le', 'les', 'l', 'et', 'à', 'au', 'aux', 'en', 'd']);

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-‐'’][\p{L}\p{M}\p{N}]+)*/gu;
// Module-level: the bundler rebuilds a `\p{…}` literal outside a character class at every call.
const UPPER_START = /^\p{Lu}/u;
const CAPITALISED_START = /^[\p{Lu}¿¡]/u;

/** Minimum number of words for a quote that is not a clause. */
export const MIN_QUOTE_WORDS = 4;

/** The words of a quote's inside (marks excluded); hyphenated and elided forms count as one. */
export function wordsOf(inner: string): string[] {
  return inner.match(WORD) ?? [];
}

/** The first `limit` words of `inner` (fewer when it has fewer), as `wordsOf` cuts them. */
function firstWords(inner: string, limit: number): string[] {
  const words: string[] = [];
  WORD.lastIndex = 0;
  while (words.length < limit) {
    const m = WORD.exec(inner);
    if (!m) break;
    words.push(m[0]);
  }
  WORD.lastIndex = 0;
  return words;
}

/**
 * True when `inner` (the text between the marks) is a scare quote rather than speech:
 * fewer than four words and not a clause, or a short span written entirely in title case.
 * `inTitleCaseLine` may be a function, called only when the answer depends on it.
 */
export function isScareQuote(inner: string, inTitleCaseLine: boolean | (() => boolean) = false): boolean {
  // Past seven words the answer no longer depends on the words: a long quote is speech.
  const words = firstWords(inner, 8);
  if (words.length >= MIN_QUOTE_WORDS) {
    if (words.length > 7 || !isTitleCase(words)) return false;
    // Trailing punctuation inside the marks is American style ("A Change Is Gonna Come,"), not a clause.
    const body = inner.trim().replace(/[.!?…,;:]+$/, '');
    // The line is looked at last, and only here: it costs a pass over the paragraph.
    return !/[.!?…,;:]/.test(body) && !(typeof inTitleCaseLine === 'function' ? inTitleCaseLine() : inTitleCaseLine);
  }
  if (words.length < 2) return true;
  // "And they're terrifying": a leading conjunction does not stop a clause.
  const lead = /^(?:and|but|or|so|et|mais|ou|donc)$/i.test(words[0]) ? 1 : 0;
  const first = words[lead].toLowerCase().split(/['’]/)[0];
  if (SUBJECTS.has(first)) return false;
  // A short capitalised sentence with its own end mark is a clause ("Nobody came."), a short name is not ("Nightly News.").
  const trimmed = inner.trim();
  return !(words.length >= 3 && CAPITALISED_START.test(trimmed) && /[.!?…]$/.test(trimmed) && !isTitleCase(words));
}

/** True when the words of a line outside its quotes are all capitalised: a headline in title case. */
export function isTitleCaseLine(outside: string): boolean {
  const words = wordsOf(outside);
  return words.length > 0 && isTitleCase(words.length > 1 ? words : [...words, words[0]]);
}

/** Every word capitalised except small fillers, and at least one filler-free word: "The Lord of the Rings". */
function isTitleCase(words: string[]): boolean {
  let capitals = 0;
  for (const w of words) {
    if (UPPER_START.test(w)) capitals++;
    else if (!TITLE_FILLERS.has(w.toLowerCase())) return false;
  }
  return capitals >= 2;
}
