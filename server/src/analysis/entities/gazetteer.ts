/**
 * Gazetteers: lists of known places, organizations and nationality words, matched against token
 * sequences. A match is only a feature for the tagger (and an alias key for identity), never a
 * decision by itself, because many names are ambiguous ("Jordan", "Georgia", "Nice"). The data
 * comes in as text (one entry per line: `TYPE<TAB>name|alias|…`, the first name being the entry's
 * key; type FIRST lists given names, which only flag words) so the host decides where it is loaded from.
 */
import { tokenize } from '../layout';
import { lowerWord } from './features';

// Unicode-class tests, compiled once (a bundler may turn an inline `/\p{…}/u` into a `new RegExp` per call).
const ABBREVIATION = /^\p{Lu}[\p{L}.]*\.$/u; // an abbreviation ending in a dot ("Tenn.")
const LOWER_ADJECTIVE = /^\p{Ll}{3,}$/u; // three small letters or more, nothing else
const PLAIN_WORDS = /^[\p{L}\p{M}\p{N}]+(?: [\p{L}\p{M}\p{N}]+)*$/u; // plain words separated by single spaces
const THREE_LETTERS = /\p{L}{3}/u; // three letters in a row

/** What a gazetteer knows about one phrase. */
export interface GazetteerEntry {
  /** `LOC`, `ORG` or `MISC` (nationality words and other non-mentions). */
  type: string;
  /** The entry's first listed name: aliases of one entity share it ("OTAN" → "NATO"). */
  key: string;
  /** Which list it comes from (e.g. "countries"), for rules that trust some lists more. */
  list?: string;
}

/** A phrase match over a token sequence: tokens `[start, end)`, end exclusive. */
export interface GazetteerMatch {
  start: number;
  end: number;
  entry: GazetteerEntry;
}

/** Phrase tables, indexed for longest-match look-up over lower-cased tokens. */
export interface Gazetteer {
  /** Lower-cased token sequences joined by one space → entry. */
  phrases: Map<string, GazetteerEntry>;
  /** The phrases as a trie over their lower-cased tokens: the matcher walks it without building keys. */
  trie: PhraseNode;
  /** Longest phrase, in tokens. */
  maxTokens: number;
  /** One-letter flags per lower-cased word (L place, O organization, M nationality, F given name; lower case when inside a longer phrase). */
  wordFlags: Map<string, string>;
}

/** A trie node: the entry of the phrase ending here, and the tokens that may continue it (absent at a phrase's end). */
export interface PhraseNode {
  entry?: GazetteerEntry;
  next?: Map<string, PhraseNode>;
}

const FLAG: Record<string, string> = { LOC: 'L', ORG: 'O', MISC: 'M', PER: 'P' };

/** The phrase key of a name: its tokens, lower-cased, joined by spaces. */
export function phraseKey(name: string): string[] {
  // Plain words separated by spaces tokenize to themselves: skip the tokenizer (loading speed).
  if (PLAIN_WORDS.test(name)) return name.toLowerCase().split(' ');
  return tokenize(name).map(t => lowerWord(t.text));
}

/** An empty gazetteer, to which `addGazetteerText` adds entries. */
export function emptyGazetteer(): Gazetteer {
  return { phrases: new Map(), trie: {}, maxTokens: 0, wordFlags: new Map() };
}

/** Add the entries of one gazetteer text (`TYPE<TAB>name|alias|…` per line, `#` comments), from list `list`. Earlier entries win. */
export function addGazetteerText(gazetteer: Gazetteer, text: string, list?: string): Gazetteer {
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const type = line.slice(0, tab);
    const names = line.slice(tab + 1).split('|').map(s => s.trim()).filter(Boolean);
    if (!names.length) continue;
    if (type === 'FIRST') {
      // Given names only flag words: a first name alone is not a mention.
      for (const name of names) addFlag(gazetteer, name.toLowerCase(), 'F');
      continue;
    }
    const entry: GazetteerEntry = list ? { type, key: names[0], list } : { type, key: names[0] };
    for (const name of names) {
      addPhrase(gazetteer, phraseKey(name), entry);
      // An abbreviation may also be one token, depending on what follows it ("Tenn.)" vs "Tenn. ").
      if (ABBREVIATION.test(name)) addPhrase(gazetteer, [name.toLowerCase()], entry);
    }
  }
  return gazetteer;
}

function addPhrase(gazetteer: Gazetteer, tokens: string[], entry: GazetteerEntry): void {
  if (!tokens.length) return;
  const key = tokens.join(' ');
  if (gazetteer.phrases.has(key)) return;
  gazetteer.phrases.set(key, entry);
  gazetteer.maxTokens = Math.max(gazetteer.maxTokens, tokens.length);
  let node = gazetteer.trie;
  for (const token of tokens) {
    node.next ??= new Map();
    let child = node.next.get(token);
    if (!child) node.next.set(token, (child = {}));
    node = child;
  }
  node.entry = entry;
  const flag = FLAG[entry.type] ?? '';
  if (!flag) return;
  const flags = tokens.length === 1 ? [[tokens[0], flag]] : tokens.filter(t => THREE_LETTERS.test(t)).map(t => [t, flag.toLowerCase()]);
  for (const [word, f] of flags) addFlag(gazetteer, word, f);
}

function addFlag(gazetteer: Gazetteer, word: string, flag: string): void {
  const old = gazetteer.wordFlags.get(word);
  if (old === undefined) gazetteer.wordFlags.set(word, flag);
  else if (!old.includes(flag)) gazetteer.wordFlags.set(word, [...old, flag].sort().join(''));
}

/** Starts with a capital (or a digit): a gazetteer match must start on such a token. */
export function capitalized(word: string): boolean {
  const c = word.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c > 127 && word[0] !== word[0].toLowerCase()) || (c >= 48 && c <= 57);
}

/** A lower-case adjective, which may end a French name ("Union européenne", "Etat islamique"). */
export function lowerAdjective(word: string): boolean {
  return LOWER_ADJECTIVE.test(word);
}

/** Per-token facts the matcher reads; the word table keeps them per word (see `wordTable.ts`). */
export interface MatchableWord {
  /** `capitalized(word)`. */
  readonly gazetteerCapital: boolean;
  /** `lowerAdjective(word)`. */
  readonly lowerAdjective: boolean;
  /** The lower case split at spaces when it holds any (a phrase key joins tokens with spaces). */
  readonly pieces: string[] | undefined;
  /** The trie node after this word from the root `trieRoot` when it held `triePhrases` phrases (a cache: most look-ups start at a root). */
  trieRoot: PhraseNode | undefined;
  triePhrases: number;
  trieStart: PhraseNode | undefined;
}

function matchable(word: string, lower: string): MatchableWord {
  return { gazetteerCapital: capitalized(word), lowerAdjective: lowerAdjective(word), pieces: lower.includes(' ') ? lower.split(' ') : undefined, trieRoot: undefined, triePhrases: 0, trieStart: undefined };
}

/** The trie node after `lower` (walked piece by piece when it holds spaces, as the joined key would read). */
function step(node: PhraseNode, lower: string, pieces: string[] | undefined): PhraseNode | undefined {
  if (!pieces) return node.next?.get(lower);
  let at: PhraseNode | undefined = node;
  for (let k = 0; at && k < pieces.length; k++) at = at.next?.get(pieces[k]);
  return at;
}

/**
 * Longest non-overlapping matches, left to right. A match must start on a capitalized token and
 * end on one or on a lower-case word of three letters or more, so "us" never matches "US" and "the
 * state of" never matches a name. `facts` (from the word table) saves recomputing per-word tests.
 */
export function matchGazetteer(gazetteer: Gazetteer, words: string[], lowers: string[], facts: MatchableWord[] = words.map((w, k) => matchable(w, lowers[k]))): GazetteerMatch[] {
  const matches: GazetteerMatch[] = [];
  const n = words.length;
  for (let i = 0; i < n; ) {
    if (!facts[i].gazetteerCapital) {
      i++;
      continue;
    }
    let best: GazetteerMatch | null = null;
    const first = facts[i];
    if (first.trieRoot !== gazetteer.trie || first.triePhrases !== gazetteer.phrases.size) {
      first.trieRoot = gazetteer.trie;
      first.triePhrases = gazetteer.phrases.size;
      first.trieStart = step(gazetteer.trie, lowers[i], first.pieces);
    }
    let node: PhraseNode | undefined = gazetteer.trie;
    for (let j = i; j < n && j - i < gazetteer.maxTokens; j++) {
      node = j === i ? first.trieStart : step(node, lowers[j], facts[j].pieces);
      if (!node) break;
      const entry = node.entry;
      if (entry && (facts[j].gazetteerCapital || (j > i && facts[j].lowerAdjective))) best = { start: i, end: j + 1, entry };
      if (!node.next) break;
    }
    if (best) {
      matches.push(best);
      i = best.end;
    } else {
      i++;
    }
  }
  return matches;
}

/** Per-token BILU labels of the matches ("LOC-B", "ORG-U", …; "" outside any match). */
export function gazetteerLabels(matches: GazetteerMatch[], length: number): string[] {
  const labels = new Array<string>(length).fill('');
  for (const m of matches) {
    const of = labelsOf(m.entry.type);
    if (m.end - m.start === 1) {
      labels[m.start] = of.U;
      continue;
    }
    for (let k = m.start; k < m.end; k++) labels[k] = k === m.start ? of.B : k === m.end - 1 ? of.L : of.I;
  }
  return labels;
}

// The label strings of each type, made once: the tagger looks them up by string, and a string
// made once keeps its hash.
const typeLabels = new Map<string, Record<'B' | 'I' | 'L' | 'U', string>>();
function labelsOf(type: string): Record<'B' | 'I' | 'L' | 'U', string> {
  let of = typeLabels.get(type);
  if (!of) typeLabels.set(type, (of = { B: `${type}-B`, I: `${type}-I`, L: `${type}-L`, U: `${type}-U` }));
  return of;
}
