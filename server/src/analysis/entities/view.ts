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

/** Build the view of one sentence given its token texts. */
export function buildView(words: string[], gazetteer?: Gazetteer): { view: SentenceView; matches: GazetteerMatch[] } {
  const lowers = words.map(lowerWord);
  const shorts = words.map(shortShape);
  const matches = gazetteer ? matchGazetteer(gazetteer, words, lowers) : [];
  const initial = new Array<boolean>(words.length).fill(false);
  for (let i = 0; i < words.length; i++) {
    initial[i] = i === 0 || (OPENERS.has(words[i - 1]) && (i === 1 || initial[i - 1]));
    if (!/\p{L}/u.test(words[i]) && initial[i] && i + 1 < words.length) initial[i + 1] = true;
  }
  let letters = 0;
  let capitals = 0;
  for (const w of words) {
    for (const ch of w) {
      if (ch !== ch.toLowerCase()) capitals++;
      if (ch !== ch.toUpperCase() || ch !== ch.toLowerCase()) letters++;
    }
  }
  const allCaps = letters >= 8 && capitals / letters > 0.8;
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
