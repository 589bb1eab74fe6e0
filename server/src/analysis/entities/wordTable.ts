/**
 * The word table: every distinct token text the tagger sees is interned once per run into a
 * `WordRecord` holding what the sentence view and the tagger read about the word alone (lower
 * case, short shape, title and opener flags, case counts for headline detection). Words repeat
 * across sentences and articles, so a sentence costs one map look-up per token instead of a dozen
 * string operations. Records get small dense ids (and ids for their lower case and short shape)
 * that the tagger uses to index its per-model weight caches. The table is bounded: when full it
 * is emptied between two sentences and its generation number goes up, which tells every cache
 * keyed by ids to empty itself too (see `recordsOf`).
 */
import { caseCounts } from '../chars';
import { AFTER, BEFORE, lowerWord, shortShape, type SentenceView } from './features';
import { capitalized, lowerAdjective, type MatchableWord } from './gazetteer';
import { titleKind } from './titles';

const OPENERS = new Set(['"', '“', '«', '‘', "'", '(', '[', ':', '-', '–', '—', '•', '*', '|', '»', '„']);
const CLAUSE_MARKS = new Set([':', '—', '–']);

/** Everything the view and the tagger need about one token text, computed once per generation. */
export interface WordRecord extends MatchableWord {
  readonly word: string;
  /** Dense index in the table's generation (BEFORE is 0, AFTER is 1). */
  readonly id: number;
  /** Lower case with typographic apostrophes folded (`lowerWord`). */
  readonly lower: string;
  /** Plain `toLowerCase()`, what the headline tests compare and look up. */
  readonly caseLower: string;
  /** Dense index of `lower` (the padding words BEFORE and AFTER are 0 and 1). */
  readonly lowerId: number;
  /** Short shape (`shortShape`). */
  readonly short: string;
  readonly shortId: number;
  /** The short shape has a letter (an X or an x). */
  readonly hasLetter: boolean;
  /** An opening quote, bracket, colon or dash: capitals after it may start a clause. */
  readonly opener: boolean;
  /** A colon or a dash (":", "—", "–"). */
  readonly clauseMark: boolean;
  /** `titleKind`: 1 title word, 2 capitalized or connector, 0 other. */
  readonly titleKind: number;
  /** First-character class for the headline fast path: 1 small ASCII letter, 2 other letter-like, 0 other. */
  readonly initialClass: number;
  /** Cased UTF-16 units and capitals among them, as `isHeadline` counts them. */
  readonly letters: number;
  readonly capitals: number;
  /** Written in lower case, four units or more, with something cased (a prose content word). */
  readonly lowerContent: boolean;
  /** Two units or more, not all lower case: a capitalized word (`common` then says if it is a common one). */
  readonly capitalizedForm: boolean;
  /** Cased code points and capitals among them, as the all-caps test without a common-word list counts them. */
  readonly codeLetters: number;
  readonly codeCapitals: number;
  /** `common.has(lower)` for the last `common` set asked about (see `isCommon`). */
  commonSet: ReadonlySet<string> | undefined;
  common: boolean;
}

function makeRecord(word: string, id: number, lowerId: (lower: string) => number, shortId: (short: string) => number): WordRecord {
  const lower = lowerWord(word);
  const short = shortShape(word);
  const c = word.charCodeAt(0);
  const upperForm = word.toUpperCase();
  const lowerForm = word.toLowerCase();
  const { letters, capitals } = caseCounts(word, upperForm, lowerForm);
  let codeLetters = 0;
  let codeCapitals = 0;
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    // ASCII: cased exactly when a letter, a capital when A–Z (no case mapping needed).
    if (code < 0x80) {
      if (code >= 65 && code <= 90) {
        codeCapitals++;
        codeLetters++;
      } else if (code >= 97 && code <= 122) codeLetters++;
      continue;
    }
    if (ch !== ch.toLowerCase()) codeCapitals++;
    if (ch !== ch.toUpperCase() || ch !== ch.toLowerCase()) codeLetters++;
  }
  return {
    word,
    id,
    lower,
    caseLower: lowerForm,
    lowerId: lowerId(lower),
    short,
    shortId: shortId(short),
    hasLetter: /[Xx]/.test(short),
    opener: OPENERS.has(word),
    clauseMark: CLAUSE_MARKS.has(word),
    titleKind: titleKind(word, lower),
    gazetteerCapital: capitalized(word),
    lowerAdjective: lowerAdjective(word),
    pieces: lower.includes(' ') ? lower.split(' ') : undefined,
    initialClass: c >= 97 && c <= 122 ? 1 : (c >= 65 && c <= 90) || c > 127 ? 2 : 0,
    letters,
    capitals,
    lowerContent: word === lowerForm && word.length >= 4 && word !== upperForm,
    capitalizedForm: word.length >= 2 && word !== lowerForm,
    codeLetters,
    codeCapitals,
    commonSet: undefined,
    common: false,
    trieRoot: undefined,
    triePhrases: 0,
    trieStart: undefined,
  };
}

/** Whether the record's plain lower case is in `common`, remembered for the last set asked about. */
export function isCommon(record: WordRecord, common: ReadonlySet<string>): boolean {
  if (record.commonSet !== common) {
    record.commonSet = common;
    record.common = common.has(record.caseLower);
  }
  return record.common;
}

/** A bounded interning table of words; `generation` goes up each time it is emptied. */
export class WordTable {
  generation = 0;
  private words = new Map<string, WordRecord>();
  private lowers = new Map<string, number>();
  private shorts = new Map<string, number>();
  private readonly lowerIdOf = (lower: string): number => {
    let id = this.lowers.get(lower);
    if (id === undefined) this.lowers.set(lower, (id = this.lowers.size));
    return id;
  };
  private readonly shortIdOf = (short: string): number => {
    let id = this.shorts.get(short);
    if (id === undefined) this.shorts.set(short, (id = this.shorts.size));
    return id;
  };

  /** At most `limit` words before a sentence starts (a longer sentence may go past it). */
  constructor(readonly limit: number) {
    this.reset();
  }

  get size(): number {
    return this.words.size;
  }

  private reset(): void {
    this.words = new Map();
    // The padding words' lower cases are themselves, with ids 0 and 1 (the tagger's pair keys rely on it).
    this.lowers = new Map([
      [BEFORE, 0],
      [AFTER, 1],
    ]);
    this.shorts = new Map();
    this.record(BEFORE);
    this.record(AFTER);
  }

  /** The record of `word`, added if new. Only `sentence` may empty the table, so records of one sentence share a generation. */
  record(word: string): WordRecord {
    let record = this.words.get(word);
    if (record === undefined) {
      record = makeRecord(word, this.words.size, this.lowerIdOf, this.shortIdOf);
      this.words.set(word, record);
    }
    return record;
  }

  /** Records of a sentence's words, emptying the table first when they might not fit. */
  sentence(words: readonly string[]): WordRecord[] {
    if (this.words.size + words.length > this.limit) {
      this.generation++;
      this.reset();
    }
    const out = new Array<WordRecord>(words.length);
    for (let i = 0; i < words.length; i++) out[i] = this.record(words[i]);
    return out;
  }
}

/** The run's word table. 30 000 words keep every id below 2^15 (the tagger packs two lower ids in one key). */
export const WORDS = new WordTable(30_000);

/**
 * The records of a view's words in the table's current generation: the view's own when it was
 * built in this generation, else interned again (a view kept across an emptying, or built by hand).
 */
export function recordsOf(view: SentenceView): readonly WordRecord[] {
  if (view.records && view.generation === WORDS.generation) return view.records;
  return WORDS.sentence(view.words);
}
