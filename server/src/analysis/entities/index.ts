/**
 * Named-entity recognition: people, organizations and places. Each sentence is tagged by the
 * statistical tagger of its paragraph's language (BILOU tags, see `perceptron.ts`), its spans
 * cleaned per the guidelines (`rules.ts`), then two document-level passes make the tagging
 * consistent within the file (`propagate.ts`): a word tagged as a person's surname elsewhere in the
 * file is a person, and a name tagged once is tagged at its other capitalized occurrences. Per-paragraph
 * results are memoized by the paragraph's text, so an edit re-tags only what it touched. Without a model
 * (before the host has loaded one) a rule-based fallback answers. Returns raw typed spans; identity
 * and canonical names are decided afterwards by `identity.ts`.
 */
import { caseCounts } from '../chars';
import { isSortedByStart } from '../search';
import type { Layout } from '../layout';
import type { EntityType, Language, Span, Token } from '../types';
import type { Gazetteer } from './gazetteer';
import type { TaggerModel } from './perceptron';
import { tagSentence } from './perceptron';
import { ARTICLES, ORG_HEADS, STOP_CAPITALS, cleanSpan, fallbackSpans, lowerOf, normalLowerOf, reshaped, splitAtBreaks, tokenSpan, splitTitles, trimLowercase, urlRanges, type TokenSpan } from './rules';
import { isTitleWord } from './titles';
import type { GazetteerMatch } from './gazetteer';
import { buildView, makeLexicon } from './view';
import type { Lexicon } from './features';
import type { AnalysisMemo } from '../memo';
import { ParagraphReuse, previousAnalysis, sentenceKey, type ParagraphMentions, type ParagraphTagging, type PreviousAnalysis } from './paragraphReuse';
import { KeyIds, PARTICLE_HEADS, keyIdsOf, propagate, sentenceSpans, type SentenceSpans } from './propagate';

// Unicode-class tests, compiled once (a bundler may turn an inline `/\p{…}/u` into a `new RegExp` per call).
const ACRONYM = /^\p{Lu}{2,5}$/u; // a short all-caps word ("NATO", "UMP")
const ALL_CAPS = /^\p{Lu}{2,}$/u; // two capitals or more, nothing else
const CAPITALIZED = /^\p{Lu}\p{Ll}/u; // a capital then a small letter
const DOTTED_ACRONYM = /^\p{Lu}[\p{Lu}.]{1,6}$/u; // an acronym, maybe dotted ("OTAN", "U.S.")
const INITIAL = /^\p{Lu}\.$/u; // an initial ("F.")
const LONG_ALL_CAPS = /^\p{Lu}{3,}$/u; // three capitals or more, nothing else
const LOWER_START = /^\p{Ll}/u; // starts with a small letter
const LOWER_WORD = /^\p{Ll}+$/u; // letters, all lower case
const NAME_START = /^\p{Lu}[\p{Ll}'’-]/u; // a capital then a small letter, apostrophe or hyphen
const SHORT_ACRONYM = /^\p{Lu}{2,4}$/u; // an all-caps word of 2–4 letters
const UPPER_START = /^\p{Lu}/u; // starts with a capital

/** A typed span before identity resolution. Titles, honorifics and a possessive 's are outside it. */
export interface RawMention extends Span {
  type: EntityType;
  /** Gazetteer key when the span is a known name ("OTAN" → "North Atlantic Treaty Organization"): aliases share it. */
  key?: string;
}

/** Data the recognizer needs (model weights, gazetteers), loaded by the host and passed in. */
export interface EntityResources {
  /** Tagger per language; a language without a model uses the other one, then the rules. */
  models?: Partial<Record<Language, TaggerModel>>;
  gazetteer?: Gazetteer;
  [name: string]: unknown;
}

/** The gazetteer files under `data/gazetteers/`, in priority order (earlier entries win). */
export const GAZETTEER_FILES = ['organizations.tsv', 'places.tsv', 'countries.tsv', 'cities.tsv', 'first-names.tsv'];

const TYPES: Record<string, EntityType> = { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION' };

/** Typed spans from BILOU (or BIO) tags, lenient with ill-formed sequences. Token indexes, end exclusive. */
export function spansFromTags(tags: string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    const p = tag[0];
    if (p === 'O') {
      open = null;
      continue;
    }
    const type = tag.slice(2);
    if ((p === 'I' || p === 'L') && open && open.type === type) {
      open.end = i + 1;
    } else {
      open = tokenSpan(i, i + 1, type);
      spans.push(open);
    }
    if (p === 'L' || p === 'U') open = null;
  }
  return spans;
}

const lexicons = new WeakMap<Gazetteer, Lexicon>();
const NO_GAZETTEER = makeLexicon();

function lexiconOf(gazetteer?: Gazetteer): Lexicon {
  if (!gazetteer) return NO_GAZETTEER;
  let lexicon = lexicons.get(gazetteer);
  if (!lexicon) lexicons.set(gazetteer, (lexicon = makeLexicon(gazetteer)));
  return lexicon;
}

const commonWords = new WeakMap<TaggerModel, ReadonlySet<string>>();

/** The model's usually-lower-case words (for truecasing headlines), from its metadata. */
function commonWordsOf(model: TaggerModel): ReadonlySet<string> {
  let set = commonWords.get(model);
  if (!set) {
    const list = model.meta.lowercase;
    commonWords.set(model, (set = new Set(Array.isArray(list) ? (list as string[]) : [])));
  }
  return set;
}

const headlineWords = new WeakMap<object, ReadonlySet<string>>();

/**
 * Common words of both languages: headlines and navigation lines are often too short for the
 * language guess ("Défense Sécurité Terrorisme"), so they are truecased with both lists.
 */
function headlineWordsOf(resources: EntityResources): ReadonlySet<string> {
  const models = resources.models ?? {};
  let set = headlineWords.get(models);
  if (!set) {
    const union = new Set<string>();
    for (const model of Object.values(models)) if (model) for (const w of commonWordsOf(model)) union.add(w);
    headlineWords.set(models, (set = union));
  }
  return set;
}

/** What the per-sentence pass reads besides the sentence. */
interface Context {
  resources?: EntityResources;
  lexicon: Lexicon;
  /** The tagger per paragraph language, looked up once per analysis (models may be lazy getters); null: none. */
  models: Partial<Record<Language, TaggerModel | null>>;
  /** `headlineWordsOf(resources)`, once per analysis. */
  headlineWords?: ReadonlySet<string>;
}

/** The tagger for `language`: its own, else the other language's. */
function modelFor(context: Context, language: Language): TaggerModel | undefined {
  let model = context.models[language];
  if (model === undefined) {
    const models = context.resources?.models;
    context.models[language] = model = models?.[language] ?? models?.[language === 'en' ? 'fr' : 'en'] ?? null;
  }
  return model ?? undefined;
}

/** Names of the stage memos (`AnalysisMemo.stage`): the previous analysis's paragraph results, the document's key ids. */
const PARAGRAPH_STAGE = 'entity-paragraphs';
const KEY_STAGE = 'entity-keys';

/** How many paragraphs the last analysis with `memo` took from the one before (for tests and the bench). */
export function reusedParagraphs(memo: AnalysisMemo): number {
  return previousAnalysis(memo.stage<PreviousAnalysis>(PARAGRAPH_STAGE))?.reused ?? 0;
}

/**
 * Typed entity spans of the whole text, sorted by start, non-overlapping. With `memo`, paragraphs
 * the edit did not touch reuse their tagging, and an edited paragraph its unchanged sentences';
 * the document-level propagation then runs over the compact per-sentence results.
 */
export function recognizeEntities(layout: Layout, resources?: EntityResources, memo?: AnalysisMemo): RawMention[] {
  const { paragraphs, text } = layout;
  const context: Context = { resources, lexicon: lexiconOf(resources?.gazetteer), models: {} };
  const previousMemo = memo?.stage<PreviousAnalysis>(PARAGRAPH_STAGE);
  const reuse = new ParagraphReuse(text, previousAnalysis(previousMemo));
  const taggings = new Array<ParagraphTagging>(paragraphs.length);
  // Layout tokens and sentences come paragraph by paragraph, in order: a remembered paragraph's
  // counts say where the next one starts.
  let t = 0;
  let s = 0;
  for (let p = 0; p < paragraphs.length; p++) {
    const tagging = reuse.find(paragraphs[p]) ?? tagParagraph(layout, p, t, s, context, memo ? reuse : undefined);
    taggings[p] = tagging;
    t += tagging.tokenCount;
    s += tagging.sentenceCount;
  }
  previousMemo?.set('', reuse.result(paragraphs, taggings));
  const final = resources?.models ? propagate(taggings, keyIdsOf(memo?.stage<KeyIds>(KEY_STAGE))) : taggings.map(tagging => tagging.sentences.map(s => s.spans));
  // Each paragraph's placed mentions first, then one array of the exact size (no growing by push).
  const placed = new Array<RawMention[]>(paragraphs.length);
  let count = 0;
  for (let p = 0; p < paragraphs.length; p++) {
    const tagging = taggings[p];
    const base = paragraphs[p].start;
    const found = tagging.found?.final === final[p] ? tagging.found : (tagging.found = paragraphMentions(tagging, final[p], text, paragraphs[p]));
    if (found.base !== base) {
      found.placed = placedMentions(found, base);
      found.base = base;
    }
    placed[p] = found.placed!;
    count += found.placed!.length;
  }
  const out = new Array<RawMention>(count);
  let at = 0;
  for (const mentions of placed) for (const mention of mentions) out[at++] = mention;
  return out;
}

/** A paragraph's mentions at their document offsets, the paragraph starting at `base`. */
function placedMentions({ offsets, types, keys }: ParagraphMentions, base: number): RawMention[] {
  const placed = new Array<RawMention>(types.length);
  for (let m = 0; m < types.length; m++) {
    const mention: RawMention = { start: base + offsets[2 * m], end: base + offsets[2 * m + 1], type: types[m] };
    if (keys[m]) mention.key = keys[m];
    placed[m] = mention;
  }
  return placed;
}

/** A paragraph's mentions from its final spans, relative to its start, outside its URLs. */
function paragraphMentions(tagging: ParagraphTagging, final: TokenSpan[][], text: string, paragraph: Span): ParagraphMentions {
  const offsets: number[] = [];
  const types: EntityType[] = [];
  const keys: (string | undefined)[] = [];
  for (let k = 0; k < final.length; k++) {
    const spans = final[k];
    if (!spans.length) continue;
    const urls = (tagging.urls ??= urlRanges(text.slice(paragraph.start, paragraph.end)));
    const from = tagging.froms[k];
    for (const span of spans) {
      const start = tagging.starts[from + span.start];
      const end = tagging.ends[from + span.end - 1];
      if (urls.length && urls.some(u => u.start < end && start < u.end)) continue;
      offsets.push(start, end);
      types.push(TYPES[span.type]);
      keys.push(span.key);
    }
  }
  return { final, offsets, types, keys };
}

/**
 * The tagging of paragraph `p`, whose first token is `tokens[first]` and first sentence
 * `sentences[firstSentence]`; `reuse` has the previous tagging of sentences the edit left alone.
 */
function tagParagraph(layout: Layout, p: number, first: number, firstSentence: number, context: Context, reuse?: ParagraphReuse): ParagraphTagging {
  const { tokens, sentences } = layout;
  const paragraph = layout.paragraphs[p];
  let last = first;
  while (last < tokens.length && tokens[last].start < paragraph.end) last++;
  const starts = new Array<number>(last - first);
  const ends = new Array<number>(last - first);
  for (let k = first; k < last; k++) {
    starts[k - first] = tokens[k].start - paragraph.start;
    ends[k - first] = tokens[k].end - paragraph.start;
  }
  const remembered = reuse?.sentences();
  const tagged: SentenceSpans[] = [];
  const froms: number[] = [];
  let t = first;
  let s = firstSentence;
  for (; s < sentences.length && sentences[s].paragraph === p; s++) {
    const sentence = sentences[s];
    while (t < last && tokens[t].start < sentence.start) t++;
    const start = t;
    while (t < last && tokens[t].end <= sentence.end) t++;
    if (t === start) continue;
    const words = new Array<string>(t - start);
    for (let k = start; k < t; k++) words[k - start] = tokens[k].text;
    const spans = (remembered?.size && remembered.get(sentenceKey(paragraph.language, words, starts, ends, start - first))) || sentenceEntities(tokens, start, words, paragraph.language, context);
    tagged.push(sentenceSpans(words, spans));
    froms.push(start - first);
  }
  return { language: paragraph.language, sentenceCount: s - firstSentence, tokenCount: last - first, starts, ends, sentences: tagged, froms };
}

/**
 * The per-sentence pass: tag the sentence (or apply the rules without a model) and clean its spans
 * per the guidelines. `words` are the texts of `tokens[start …]`. The result is never modified
 * afterwards (it is memoized).
 */
function sentenceEntities(tokens: Token[], start: number, words: string[], language: Language, context: Context): TokenSpan[] {
  const { resources, lexicon } = context;
  const model = modelFor(context, language);
  const common = model && resources ? (context.headlineWords ??= headlineWordsOf(resources)) : undefined;
  // Most prose sentences have no capital past an ordinary first word: nothing to find there.
  if (common && withoutNames(words, common)) return [];
  const { view, matches } = buildView(words, resources?.gazetteer, common);
  let spans: TokenSpan[];
  if (model) spans = spansFromTags(tagSentence(model, view, lexicon)).filter(s => s.type in TYPES);
  else spans = fallbackSpans(tokens.slice(start, start + words.length), view.afterTitle);
  const cleaned: TokenSpan[] = [];
  const shout = spans.length > 0 && shouting(words);
  // Truecased words say where a title-case headline's name ends ("Carter Welcomes France"),
  // except words of listed names and organization heads ("Defense Department"). Made on first need.
  const gazetteer = resources?.gazetteer;
  let truecased: string[] | undefined;
  const trimWords = () =>
    view.words === words
      ? words
      : (truecased ??= view.words.map((w, k) => {
          if (w !== words[k]) return gazetteer?.wordFlags.has(view.lowers[k]) || ORG_HEADS.has(view.lowers[k]) ? words[k] : w;
          // Inflected verbs of a title-case headline ("Convenes", "Unveils", "Salutes") are ordinary words too.
          return k > 0 && common && inflectedCommon(view.lowers[k], common) && !gazetteer?.wordFlags.has(view.lowers[k]) ? view.lowers[k] : w;
        }));
  // Each span goes through the cuts in turn; loops rather than chained flatMaps, which cost here.
  const pieces: TokenSpan[] = [];
  for (const span of spans) {
    const parts = splitAtBreaks(span, words);
    // A span the tagger ran across brackets or commas has an unsure type: tag each piece alone.
    for (let part of parts) {
      if (model && parts.length > 1) part = retype(part, words, model, lexicon, resources?.gazetteer);
      // Title-case headlines are cut on their truecased words ("Carter Welcomes France"); all-caps
      // lines keep their own, where "KANSAS CITY" is one name.
      // Person names are never truecased away ("By Kevin Baron": "baron" is also a common word).
      const trimmed = trimLowercase(part, shout || part.type === 'PER' ? words : trimWords());
      // A runaway span ("de l'Union européenne s'est tenu … Commission européenne") left pieces of unsure type.
      let kept = 0;
      for (const p of trimmed) kept += p.end - p.start;
      const runaway = trimmed.length > 1 || kept < part.end - part.start - 2;
      for (let piece of trimmed) {
        if (model && runaway) piece = retype(piece, words, model, lexicon, resources?.gazetteer);
        for (const titled of splitTitles(piece, words)) pushDatelineSplit(pieces, titled, words);
      }
    }
  }
  for (const piece of pieces) {
    let c = cleanSpan(piece, words, view.afterTitle);
    if (!c) continue;
    if (common) c = stripOrdinaryLead(c, words, view.initial, view.allCaps, common, matches, resources?.gazetteer);
    const span = c;
    const match = matches.find(m => m.start === span.start && m.end === span.end);
    if (match) {
      c.key = match.entry.key;
      // The tagger knows contexts, the list knows acronyms: an all-caps gazetteer name keeps the list's type.
      const acronym = c.end - c.start === 1 && ACRONYM.test(words[c.start]) && !shout;
      if (TYPES[match.entry.type] && (acronym || c.fromSplit)) c.type = match.entry.type;
      // A country is a place in news text, whatever a sports-heavy corpus taught the tagger.
      else if (match.entry.list === 'countries' && c.type === 'ORG') c.type = 'LOC';
      // A state abbreviation is a place ("Tenn.", "W.Va.").
      else if (match.entry.list === 'places' && c.end - c.start === 1 && /\.$/.test(words[c.start]) && c.type !== 'LOC') c.type = 'LOC';
      // Countries and the hand-listed places are not people ("Rwanda", "Bruxelles").
      else if ((match.entry.list === 'countries' || match.entry.list === 'places') && match.entry.type === 'LOC' && c.type === 'PER') c.type = 'LOC';
      // A listed organization is not a person.
      else if (match.entry.type === 'ORG' && c.type === 'PER') c.type = 'ORG';
    }
    if (common && ordinaryWords(c, words, view.initial, view.allCaps, common)) continue;
    if (c.end - c.start === 1 && STOP_CAPITALS.has(lowerOf(words[c.start]))) continue;
    // A short all-caps word is an acronym, not a person ("maire RPR de Paris"); longer ones may be surnames ("MATTIS").
    if (c.type === 'PER' && c.end - c.start === 1 && SHORT_ACRONYM.test(words[c.start])) c.type = 'ORG';
    if (isByline(words, c)) c.type = 'PER';
    cleaned.push(c);
  }
  if (model && !shout) {
    extendLowerHeads(cleaned, words);
    addGazetteerAcronyms(cleaned, matches, words);
    completeFromGazetteer(cleaned, matches, words);
    if (common) extendPersons(cleaned, words, common, resources?.gazetteer);
  }
  return cleaned;
}

/** "convenes" → "convene", "unveils" → "unveil", "completes" → "complete": an inflection of a common word. */
function inflectedCommon(lower: string, common: ReadonlySet<string>): boolean {
  if (lower.length < 5 || !lowerLettersOnly(lower)) return false;
  if (lower.endsWith('s') && common.has(lower.slice(0, -1))) return true;
  if (lower.endsWith('es') && common.has(lower.slice(0, -2))) return true;
  return false;
}

/** `LOWER_WORD.test(w)`, without the Unicode regex for ASCII words. */
function lowerLettersOnly(w: string): boolean {
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c >= 128) return LOWER_WORD.test(w);
    if (c < 97 || c > 122) return false;
  }
  return w.length > 0;
}

/** True when no word but an ordinary first one has a capital letter (so no name can be there). */
function withoutNames(words: string[], common: ReadonlySet<string>): boolean {
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    // Past ASCII, case is asked of the whole word, once.
    let beyondAscii = false;
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k);
      if (c >= 65 && c <= 90) return false;
      if (c > 127 && !beyondAscii) {
        if (w !== lowerOf(w)) return false;
        beyondAscii = true;
      }
    }
  }
  const first = words[0];
  return first === lowerOf(first) || common.has(lowerOf(first));
}

/** True when a line is written in capitals: there, case says nothing about acronyms. */
function shouting(words: string[]): boolean {
  let lowerInitial = 0;
  for (const w of words) {
    const c = w.charCodeAt(0);
    if (c >= 97 && c <= 122 && ++lowerInitial >= 3) return false;
  }
  const line = words.join('');
  if (ASCII_ONLY.test(line)) return shoutingAscii(line);
  const { letters, capitals } = caseCounts(line);
  return letters >= 8 && capitals / letters > 0.8;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** `shouting`'s letter count for an ASCII line, where letters and capitals are plain ranges. */
function shoutingAscii(line: string): boolean {
  let letters = 0;
  let capitals = 0;
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c >= 65 && c <= 90) {
      letters++;
      capitals++;
    } else if (c >= 97 && c <= 122) letters++;
  }
  return letters >= 8 && capitals / letters > 0.8;
}

/**
 * A span made only of words usually written in lower case, where capitals say nothing (sentence
 * start, headline, navigation line): "Chaque", "Personnellement", "Underwater Drones".
 */
function ordinaryWords(span: TokenSpan, words: string[], initial: boolean[], headline: boolean, common: ReadonlySet<string>): boolean {
  if (!headline && !initial[span.start]) return false;
  // "Defense Media Activity", "Security Council": common words, but an organization's head word.
  if (span.end - span.start >= 2 && ORG_HEADS.has(lowerOf(words[span.end - 1]))) return false;
  for (let k = span.start; k < span.end; k++) {
    const w = words[k];
    if (ALL_CAPS.test(w) && w.length <= 5) return false;
    if (!common.has(lowerOf(w))) return false;
  }
  return true;
}

/** "By Cheryl Pellerin", "Par Jean Dupont": a byline names a person. */
function isByline(words: string[], span: TokenSpan): boolean {
  if (span.end - span.start < 2 || span.end - span.start > 3) return false;
  const before = span.start > 0 ? lowerOf(words[span.start - 1]) : '';
  const lead = span.start >= 2 ? words[span.start - 2] : '';
  const opens = span.start <= 2 || /^[|•·—–\-:,]$/.test(lead);
  return (before === 'by' || before === 'par') && opens && words.slice(span.start, span.end).every(w => CAPITALIZED.test(w));
}

/** The type the tagger gives a piece of a split span when it reads it alone, if it tags it whole. */
function retype(piece: TokenSpan, words: string[], model: TaggerModel, lexicon: Lexicon, gazetteer?: Gazetteer): TokenSpan {
  const { view } = buildView(words.slice(piece.start, piece.end), gazetteer);
  const alone = spansFromTags(tagSentence(model, view, lexicon)).filter(s => s.type in TYPES);
  return alone.length === 1 && alone[0].end - alone[0].start >= piece.end - piece.start - 1 ? reshaped(piece, piece.start, piece.end, alone[0].type) : piece;
}

/**
 * Spans the tagger cut short inside a listed multi-word name ("South China" in "South China Sea",
 * "Islamic State of Iraq" in "… and the Levant") take the whole listed name, when no predicted
 * span reaches outside it.
 */
function completeFromGazetteer(spans: TokenSpan[], matches: GazetteerMatch[], words: string[]): void {
  for (const m of matches) {
    if (m.end - m.start < 2 || !TYPES[m.entry.type]) continue;
    // Inside the match only capitalized words and short connectors, but a final adjective ("Union
    // européenne"): "Xinhua news agency" is a name followed by a description.
    let plain = true;
    for (let k = m.start + 1; k < m.end - 1; k++) if (LOWER_START.test(words[k]) && words[k].length > 3) plain = false;
    if (!plain) continue;
    const inside = spans.filter(s => s.start < m.end && m.start < s.end);
    if (!inside.length || inside.some(s => s.start < m.start || s.end > m.end)) continue;
    if (inside.length === 1 && inside[0].start === m.start && inside[0].end === m.end) continue;
    const type = inside.some(s => s.type === m.entry.type) ? m.entry.type : inside[0].type;
    for (const s of inside) spans.splice(spans.indexOf(s), 1);
    spans.push(tokenSpan(m.start, m.end, type, m.entry.key));
  }
  sortByStart(spans);
}

/** Sort spans by start (stable), skipping the usual case where they already are. */
function sortByStart(spans: TokenSpan[]): void {
  if (!isSortedByStart(spans)) spans.sort((a, b) => a.start - b.start);
}

/**
 * "PARIS Following a meeting…": a dateline in capitals glued by the tagger to the capitalized
 * first word of the sentence. Cut after the all-caps word; the rest is kept only if it is not
 * one ordinary word. The pieces are appended to `out`.
 */
function pushDatelineSplit(out: TokenSpan[], span: TokenSpan, words: string[]): void {
  if (span.end - span.start < 2 || !LONG_ALL_CAPS.test(words[span.start]) || !CAPITALIZED.test(words[span.start + 1])) {
    out.push(span);
    return;
  }
  const head = reshaped(span, span.start, span.start + 1);
  head.fromSplit = true;
  out.push(head, reshaped(span, span.start + 1, span.end));
}

/**
 * Where capitals say little (sentence start, headline, navigation line), leading words usually
 * written in lower case are not part of the name: "Accueil Belgique" → "Belgique", "Les
 * Etats-Unis" → "Etats-Unis". A span that is exactly a listed name is kept whole ("Le Monde").
 */
function stripOrdinaryLead(
  span: TokenSpan,
  words: string[],
  initial: boolean[],
  headline: boolean,
  common: ReadonlySet<string>,
  matches: GazetteerMatch[],
  gazetteer?: Gazetteer,
): TokenSpan {
  if (!headline && !initial[span.start]) return span;
  if (matches.some(m => m.start === span.start && m.end === span.end)) return span;
  // "Security Council", "Defense Department": an organization's head word keeps its modifiers.
  if (ORG_HEADS.has(lowerOf(words[span.end - 1]))) return span;
  // Words of listed names ("Security" in "United Nations Security Council") are name words.
  const ordinary = (k: number) =>
    common.has(lowerOf(words[k])) && !ACRONYM.test(words[k]) && !gazetteer?.wordFlags.has(normalLowerOf(words[k]));
  let start = span.start;
  // An article before an ordinary word opens the sentence, not the name ("La Cour d'appel"); before
  // a name word it may be a surname particle ("Le Drian").
  if (ARTICLES.has(normalLowerOf(words[start])) && start < span.end - 1 && common.has(lowerOf(words[start + 1]))) start++;
  while (start < span.end - 1 && ordinary(start) && !PARTICLE_HEADS.has(lowerOf(words[start]))) start++;
  // Only when what remains starts with a real name word ("Defense Department" stays whole), or
  // when only an article was cut ("La Cour d'appel de Paris").
  const onlyArticles = words.slice(span.start, start).every(w => ARTICLES.has(normalLowerOf(w)));
  if (start > span.start && ordinary(start) && !onlyArticles) start = span.start;
  let end = span.end;
  if (headline && span.type !== 'PER') {
    while (end > start + 1 && ordinary(end - 1)) end--;
    if (end < span.end && (ordinary(end - 1) || ORG_HEADS.has(lowerOf(words[span.end - 1])))) end = span.end;
  }
  return start === span.start && end === span.end ? span : reshaped(span, start, end);
}

// Lower-case French heads that open institution and place names before a capitalized word
// ("ministère du Commerce", "quai Valmy", "rue de Rivoli"), with the type they give.
const LOWER_HEAD_TYPES = new Map([
  ['ministère', 'ORG'], ['secrétariat', 'ORG'], ['quai', 'LOC'], ['rue', 'LOC'], ['avenue', 'LOC'], ['boulevard', 'LOC'],
  ['place', 'LOC'], ['lac', 'LOC'], ['mont', 'LOC'], ['golfe', 'LOC'], ['île', 'LOC'], ['pont', 'LOC'], ['gare', 'LOC'],
  ['aéroport', 'LOC'], ['détroit', 'LOC'], ['canal', 'LOC'], ['cap', 'LOC'],
]);
const HEAD_CONNECTORS = new Set(['du', 'de', 'des', 'la', "l'", "d'", 'le']);

/** Take a preceding lower-case head in: "Commerce" → "ministère du Commerce", "Valmy" → "quai Valmy". */
function extendLowerHeads(spans: TokenSpan[], words: string[]): void {
  for (const span of spans) {
    let k = span.start - 1;
    let connectors = 0;
    while (k >= 0 && connectors < 2 && HEAD_CONNECTORS.has(normalLowerOf(words[k]))) {
      k--;
      connectors++;
    }
    const type = k >= 0 ? LOWER_HEAD_TYPES.get(words[k]) : undefined;
    if (!type || spans.some(o => o !== span && o.end > k && o.start < span.start)) continue;
    span.start = k;
    span.type = type;
  }
}

/**
 * A person's name the tagger cut short: extend it over a given name just before it ("Jean-Yves"
 * + "Le Drian"), and over initials and capitalized words that are not ordinary words after it
 * ("Antoine" + "Vey", "James" + "N." + "Mattis"), merging a person span that follows. At most
 * three tokens are added after it.
 */
function extendPersons(spans: TokenSpan[], words: string[], common: ReadonlySet<string>, gazetteer?: Gazetteer): void {
  // A given name, or a compound of given names ("Jean-Yves", "Marie-Claire").
  const givenName = (w: string) =>
    UPPER_START.test(w) && normalLowerOf(w).split(/[-‐]/).every(part => gazetteer?.wordFlags.get(part)?.includes('F') ?? false);
  for (let s = 0; s < spans.length; s++) {
    const span = spans[s];
    if (span.type !== 'PER') continue;
    // "Jean-Yves" + "Le Drian": a given name just before the span belongs to it.
    const before = span.start - 1;
    if (before >= 0 && givenName(words[before]) && !isTitleWord(normalLowerOf(words[before])) && !spans.some(o => o !== span && o.start <= before && before < o.end)) {
      span.start = before;
    }
    let end = span.end;
    let added = 0;
    while (end < words.length && added < 3) {
      const w = words[end];
      const next = spans[s + 1];
      if (next && next.start === end) {
        if (next.type !== 'PER') break;
        end = next.end;
        spans.splice(s + 1, 1);
        break;
      }
      const initial = INITIAL.test(w) && end + 1 < words.length && UPPER_START.test(words[end + 1]);
      const name = NAME_START.test(w) && !common.has(lowerOf(w)) && !STOP_CAPITALS.has(lowerOf(w)) && !isTitleWord(lowerOf(w));
      if (!initial && !name) break;
      end++;
      added++;
      if (!initial) break;
    }
    if (end > span.end && !INITIAL.test(words[end - 1])) span.end = end;
  }
}

/**
 * Acronyms the gazetteer knows as organizations or places ("OTAN", "EIIL") are tagged even where
 * the tagger missed them: an all-caps word of 2–6 letters is rarely anything else. So are
 * multi-word names of the curated lists.
 */
function addGazetteerAcronyms(spans: TokenSpan[], matches: GazetteerMatch[], words: string[]): void {
  for (const m of matches) {
    if (!TYPES[m.entry.type]) continue;
    // Multi-word names from the curated lists ("Union européenne", "Middle East", "Saudi Arabia") are safe too.
    const curated = m.end - m.start >= 2 && m.entry.list !== 'cities' && m.entry.list !== undefined;
    if (!curated && (m.end - m.start !== 1 || !DOTTED_ACRONYM.test(words[m.start]))) continue;
    if (spans.some(s => s.start < m.end && m.start < s.end)) continue;
    spans.push(tokenSpan(m.start, m.end, m.entry.type, m.entry.key));
  }
  sortByStart(spans);
}

