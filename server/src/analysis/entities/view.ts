/**
 * The per-sentence view the tagger's features read (see `features.ts`): lower-cased words, shapes,
 * gazetteer phrase labels, titles before each token, sentence-initial positions and whether the
 * sentence is an all-caps headline. Built the same way for training sentences (corpus tokens) and
 * for article sentences (layout tokens), so both paths share one definition of every feature.
 */
import { lowerWord, shortShape, type Lexicon, type SentenceView } from './features';
import { gazetteerLabels, matchGazetteer, type Gazetteer, type GazetteerMatch } from './gazetteer';
import { isTitleWord, titlesBefore } from './titles';

const OPENERS = new Set(['"', '“', '«', '‘', "'", '(', '[', ':', '-', '–', '—', '•', '*', '|', '»', '„']);

/**
 * True when the sentence is a headline or a navigation line: written in capitals, or in title case
 * where even common words ("Discuss", "With") are capitalized. `common` holds words usually
 * written in lower case (learned from the training corpus).
 */
export function isHeadline(words: string[], common: ReadonlySet<string>): boolean {
  // Fast path: ordinary prose has many words starting in lower case.
  let lowerInitial = 0;
  let alphabetic = 0;
  for (const w of words) {
    const c = w.charCodeAt(0);
    if (c >= 97 && c <= 122) {
      lowerInitial++;
      alphabetic++;
    } else if ((c >= 65 && c <= 90) || c > 127) alphabetic++;
  }
  if (lowerInitial >= 3 && lowerInitial * 5 > alphabetic * 2) return false;
  let letters = 0;
  let capitals = 0;
  // Title case leaves short function words ("in", "of", "the") in lower case: only longer words count.
  let lowerContent = 0;
  let commonCapitalized = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const upper = w.toUpperCase();
    const lower = w.toLowerCase();
    for (let k = 0; k < w.length; k++) {
      if (upper[k] === lower[k]) continue;
      letters++;
      if (w[k] === upper[k]) capitals++;
    }
    if (w === lower && w.length >= 4 && w !== upper) lowerContent++;
    else if (i > 0 && w.length >= 2 && w !== lower && common.has(lower)) commonCapitalized++;
  }
  if (letters >= 8 && capitals / letters > 0.8) return true;
  // A sentence ending like prose, with lower-case content words, is not a title-case headline.
  if (lowerContent > 0 && /^[.!?]$/.test(words[words.length - 1] ?? '')) return false;
  // One capitalized common word is enough in a short line of four words or more ("Carter Welcomes
  // France's Support"), not in a name line ("Kevin Baron").
  return (commonCapitalized >= 2 && commonCapitalized > 2 * lowerContent) || (commonCapitalized >= 1 && lowerContent === 0 && words.length >= 4 && words.length <= 12);
}

/**
 * Restore usual case in a headline so the tagger sees text like its training data: common words
 * go to lower case (the first word keeps a capital), long all-caps words become capitalized
 * ("KERRY" → "Kerry"), short all-caps words stay (they are likely acronyms: "NATO").
 */
export function truecase(words: string[], common: ReadonlySet<string>): string[] {
  return words.map((w, i) => {
    const lower = w.toLowerCase();
    if (lower === w) return w;
    if (common.has(lower)) return i === 0 ? w[0] + lower.slice(1) : lower;
    if (w.length > 4 && w === w.toUpperCase()) return w[0] + lower.slice(1);
    return w;
  });
}

const NO_WORDS: ReadonlySet<string> = new Set();

/** Lower case and short shape of a word, memoized (bounded): words repeat, and both cost regexes. */
const infos = new Map<string, { lower: string; short: string }>();
function wordInfo(word: string): { lower: string; short: string } {
  let info = infos.get(word);
  if (!info) {
    if (infos.size >= 100_000) infos.clear();
    info = { lower: lowerWord(word), short: shortShape(word) };
    infos.set(word, info);
  }
  return info;
}

/**
 * Build the view of one sentence given its token texts. With `common` (the model's list of
 * usually-lower-case words), headlines are truecased first.
 */
export function buildView(original: string[], gazetteer?: Gazetteer, common: ReadonlySet<string> = NO_WORDS): { view: SentenceView; matches: GazetteerMatch[] } {
  const headline = common.size > 0 && isHeadline(original, common);
  const words = headline ? truecase(original, common) : original;
  const n = words.length;
  const lowers = new Array<string>(n);
  const shorts = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const info = wordInfo(words[i]);
    lowers[i] = info.lower;
    shorts[i] = info.short;
  }
  const matches = gazetteer ? matchGazetteer(gazetteer, words, lowers) : [];
  const initial = new Array<boolean>(words.length).fill(false);
  for (let i = 0; i < words.length; i++) {
    // After a colon or a dash, capitals start a new clause ("PENCE: Well, …").
    initial[i] = i === 0 || (OPENERS.has(words[i - 1]) && (i === 1 || initial[i - 1] || /^[:—–]$/.test(words[i - 1])));
    // The short shape maps every letter to X or x: no X/x means no letter.
    if (initial[i] && i + 1 < words.length && !/[Xx]/.test(shorts[i])) initial[i + 1] = true;
  }
  let allCaps = headline;
  if (!common.size) {
    let letters = 0;
    let capitals = 0;
    for (const w of words) {
      for (const ch of w) {
        if (ch !== ch.toLowerCase()) capitals++;
        if (ch !== ch.toUpperCase() || ch !== ch.toLowerCase()) letters++;
      }
    }
    allCaps = letters >= 8 && capitals / letters > 0.8;
  }
  const view: SentenceView = {
    words,
    lowers,
    shorts,
    gazetteer: gazetteerLabels(matches, words.length),
    afterTitle: titlesBefore(words, lowers),
    initial,
    allCaps,
  };
  return { view, matches };
}

/** The lexicon of word-local flags: gazetteer words plus T for title words. */
export function makeLexicon(gazetteer?: Gazetteer): Lexicon {
  const flags = gazetteer?.wordFlags;
  return {
    wordFlags(lower: string): string {
      const g = flags?.get(lower) ?? '';
      return isTitleWord(lower) ? `${g}T` : g;
    },
  };
}
