/**
 * The per-sentence view the tagger's features read (see `features.ts`): lower-cased words, shapes,
 * gazetteer phrase labels, titles before each token, sentence-initial positions and whether the
 * sentence is an all-caps headline. Built the same way for training sentences (corpus tokens) and
 * for article sentences (layout tokens), so both paths share one definition of every feature.
 */
import { type Lexicon, type SentenceView } from './features';
import { gazetteerLabels, matchGazetteer, type Gazetteer, type GazetteerMatch } from './gazetteer';
import { isTitleWord, titlesBefore } from './titles';
import { WORDS, isCommon, type WordRecord } from './wordTable';

/**
 * True when the sentence is a headline or a navigation line: written in capitals, or in title case
 * where even common words ("Discuss", "With") are capitalized. `common` holds words usually
 * written in lower case (learned from the training corpus).
 */
export function isHeadline(words: string[], common: ReadonlySet<string>): boolean {
  return headlineOf(words.map(w => WORDS.record(w)), common);
}

/** `isHeadline` over word records, whose per-word counts are computed once per word. */
function headlineOf(records: readonly WordRecord[], common: ReadonlySet<string>): boolean {
  // Fast path: ordinary prose has many words starting in lower case.
  let lowerInitial = 0;
  let alphabetic = 0;
  for (const r of records) {
    if (r.initialClass === 1) {
      lowerInitial++;
      alphabetic++;
    } else if (r.initialClass === 2) alphabetic++;
  }
  if (lowerInitial >= 3 && lowerInitial * 5 > alphabetic * 2) return false;
  let letters = 0;
  let capitals = 0;
  // Title case leaves short function words ("in", "of", "the") in lower case: only longer words count.
  let lowerContent = 0;
  let commonCapitalized = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    letters += r.letters;
    capitals += r.capitals;
    if (r.lowerContent) lowerContent++;
    else if (i > 0 && r.capitalizedForm && isCommon(r, common)) commonCapitalized++;
  }
  if (letters >= 8 && capitals / letters > 0.8) return true;
  // A sentence ending like prose, with lower-case content words, is not a title-case headline.
  if (lowerContent > 0 && /^[.!?]$/.test(records[records.length - 1]?.word ?? '')) return false;
  // One capitalized common word is enough in a short line of four words or more ("Carter Welcomes
  // France's Support"), not in a name line ("Kevin Baron").
  return (commonCapitalized >= 2 && commonCapitalized > 2 * lowerContent) || (commonCapitalized >= 1 && lowerContent === 0 && records.length >= 4 && records.length <= 12);
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

/**
 * Build the view of one sentence given its token texts. With `common` (the model's list of
 * usually-lower-case words), headlines are truecased first.
 */
export function buildView(original: string[], gazetteer?: Gazetteer, common: ReadonlySet<string> = NO_WORDS): { view: SentenceView; matches: GazetteerMatch[] } {
  let records = WORDS.sentence(original);
  const headline = common.size > 0 && headlineOf(records, common);
  const words = headline ? truecase(original, common) : original;
  if (headline) records = WORDS.sentence(words);
  const n = words.length;
  const lowers = new Array<string>(n);
  const shorts = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = records[i];
    lowers[i] = r.lower;
    shorts[i] = r.short;
  }
  const matches = gazetteer ? matchGazetteer(gazetteer, words, lowers, records) : [];
  const initial = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    // After a colon or a dash, capitals start a new clause ("PENCE: Well, …").
    initial[i] = i === 0 || (records[i - 1].opener && (i === 1 || initial[i - 1] || records[i - 1].clauseMark));
    if (initial[i] && i + 1 < n && !records[i].hasLetter) initial[i + 1] = true;
  }
  let allCaps = headline;
  if (!common.size) {
    let letters = 0;
    let capitals = 0;
    for (const r of records) {
      letters += r.codeLetters;
      capitals += r.codeCapitals;
    }
    allCaps = letters >= 8 && capitals / letters > 0.8;
  }
  const view: SentenceView = {
    words,
    lowers,
    shorts,
    gazetteer: gazetteerLabels(matches, n),
    afterTitle: titlesBefore(records, lowers),
    initial,
    allCaps,
    records,
    generation: WORDS.generation,
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
