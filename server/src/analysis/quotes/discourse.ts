/**
 * Who a speaker phrase points at. Walks the speech events in text order keeping a little
 * discourse state: the people mentioned so far and the titles and roles written next to them
 * ("Secretary of State John Kerry", "Bob Katims, the defense attorney", « le secrétaire à la
 * Défense James N. Mattis »), the last group or organisation that spoke (what "they" and "it"
 * refer to) and the author of the last written statement (what "the statement said" and « lit-on
 * dans le communiqué » refer to). "he"/"il" is the last person named outside quotes; a definite
 * description ("the secretary", "the Iraqi leader", « cet avocat de la défense ») is the person
 * whose title words it shares most, the most recent on a tie; an indefinite one ("a US official",
 * « un diplomate français ») is nobody.
 */
import { entityIdOf, foldName } from '../entities/identity';
import type { Layout } from '../layout';
import type { Entity, Mention, Span, Token } from '../types';
import { isWord, type TextView } from './context';
import type { Tables } from './tables';
import type { PlacedEvent, Reference } from './events';
import { PHRASE_BREAKERS, ROLE_SYNONYMS, SPEECH_VERBS, TITLE_STOPWORDS } from './lexicon';
import { foldAccents } from '../fold';
import { lastAtMost } from '../search';

/** How far back (in person mentions) a description looks for its referent. */
const DESCRIPTION_LOOKBACK = 200;

/**
 * The text as resolution sees it: its mentions and quotes, plus what was read near each person
 * mention (`titles`, `subjectOf`), so resolving is linear in events and mentions, not tokens.
 */
export interface Discourse {
  layout: Layout;
  tokens: Token[];
  mentions: Mention[];
  entityById: Map<string, Entity>;
  quotes: Span[];
  /** Speakers named in the text but not recognised as entities: id → name as written (`linkName`). */
  unlinked: Map<string, string>;
  /** First token of each paragraph, plus one past the end. */
  firstToken: Int32Array;
  /** The folded form of token `i`. */
  folded(i: number): string;
  titles: Titles;
  /** The named subject of the sentence of PERSON mention `m` (`sentenceSubject`), or null. */
  subjectOf(m: number): string | null;
  tables: Tables;
}

/** The paragraph of token `i` (paragraphs with no tokens are skipped). */
export function paragraphOfToken(doc: Discourse, i: number): number {
  return paragraphHoldingToken(doc.firstToken, i);
}

/** The paragraph of token `i`, given each paragraph's first token (plus one past the end). */
export function paragraphHoldingToken(firstToken: Int32Array, i: number): number {
  return lastAtMost(firstToken, i);
}

function foldedAt(doc: Discourse, i: number): string {
  return doc.folded(i);
}

/** Speakers (entity ids) of each event, parallel to `events`. */
export function resolveEvents(doc: Discourse, events: PlacedEvent[]): string[][] {
  const persons = personMentionsOutsideQuotes(doc);
  const titles = doc.titles;
  const described = new DescriptionIndex(doc, persons);
  let lastPlural: string[] | null = null;
  let statementOwner: string[] | null = null;
  let lastSpeakers: string[] | null = null;
  const spoken = new Set<string>();
  const result: string[][] = [];
  for (const event of events) {
    const position = event.start;
    const speakers = resolveReference(doc, event.reference, position, event.first, { persons, titles, lastPlural, statementOwner, lastSpeakers, spoken, described });
    result.push(speakers);
    for (const id of speakers) spoken.add(id);
    const ref = event.reference;
    if (speakers.length) lastSpeakers = speakers;
    const organisation = speakers.length === 1 && doc.entityById.get(speakers[0])?.type !== 'PERSON';
    if (speakers.length > 1 || organisation || (ref.kind === 'pronoun' && ref.number === 'plural') || (ref.kind === 'description' && ref.plural)) lastPlural = speakers;
    else if (ref.kind === 'generic' && ref.plural) lastPlural = [];
    if (speakers.length && (event.issuesStatement || (statementOwner === null && ((ref.kind === 'description' && ref.reporting) || (ref.kind === 'pronoun' && ref.reporting))))) statementOwner = speakers;
  }
  return result;
}

interface State {
  persons: number[];
  titles: Titles;
  lastPlural: string[] | null;
  statementOwner: string[] | null;
  lastSpeakers: string[] | null;
  /** Entities that have been the speaker of an earlier event. */
  spoken: Set<string>;
  described: DescriptionIndex;
}

function resolveReference(view: Discourse, ref: Reference, position: number, token: number, state: State): string[] {
  switch (ref.kind) {
    case 'named':
      return ref.entityIds;
    case 'name':
      return [linkName(view, ref.name, ref.type)];
    case 'generic':
      return [];
    case 'pronoun':
      if (ref.reporting) return state.statementOwner ?? state.lastSpeakers ?? [];
      if (ref.number === 'plural') return state.lastPlural ?? [];
      if (ref.number === 'thing') {
        if (foldedAt(view, token) === 'on') return [];
        return state.statementOwner ?? (state.lastPlural && state.lastPlural.length === 1 ? state.lastPlural : []);
      }
      return lastPersonBefore(view, state, position, token, ref.gender ?? null);
    case 'description':
      if (ref.reporting) return state.statementOwner ?? state.lastSpeakers ?? [];
      if (ref.plural) return state.lastPlural ?? [];
      return describedPerson(view, ref.words, position, state) ?? describedOrganisation(view, ref.words, position, state) ?? roleFallback(view, ref.words, ref.gender ?? null, position, token, state);
  }
}

/**
 * The entity for a name the recognizer missed: an entity of the same type and surname if the
 * text has one ("Craig" → "Larry Craig"), else a new id built the way `entityIdOf` builds every
 * id, so the same person recognised elsewhere lines up. New ids are recorded in `unlinked`.
 */
export function linkName(doc: { entityById: Map<string, Entity>; unlinked: Map<string, string> }, name: string, type: string): string {
  const id = entityIdOf(type, name);
  if (doc.entityById.has(id)) return id;
  const known = surnameIndex(doc.entityById).get(`${type}:${foldName(name).split(' ').pop()}`);
  if (known) return known;
  if (!doc.unlinked.has(id)) doc.unlinked.set(id, name);
  return id;
}

const surnames = new WeakMap<Map<string, Entity>, Map<string, string>>();
/** `type:surname` of an entity by its canonical name, remembered: the index is rebuilt for every text that links a name. */
const surnameKeys = new Map<string, string>();

/** Entity ids by type and folded last word of their canonical name, built once per text. */
function surnameIndex(entityById: Map<string, Entity>): Map<string, string> {
  let index = surnames.get(entityById);
  if (!index) {
    index = new Map();
    for (const entity of entityById.values()) {
      const key = rememberString(surnameKeys, `${entity.type}\u0000${entity.canonical}`, () => `${entity.type}:${foldName(entity.canonical).split(' ').pop()}`);
      if (!index.has(key)) index.set(key, entity.id);
    }
    surnames.set(entityById, index);
  }
  return index;
}

function rememberString(cache: Map<string, string>, key: string, compute: () => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= 50_000) cache.clear();
    cache.set(key, (value = compute()));
  }
  return value;
}

/** Indexes of PERSON mentions not inside a quote, in text order. */
function personMentionsOutsideQuotes(view: Discourse): number[] {
  const { mentionTypes, mentionStarts, mentionEnds, quoteStarts, quoteEnds } = view.tables;
  const out: number[] = [];
  let q = 0;
  for (let i = 0; i < mentionTypes.length; i++) {
    if (mentionTypes[i] !== 'PERSON') continue;
    const start = mentionStarts[i];
    while (q < quoteStarts.length && quoteEnds[q] <= start) q++;
    if (q < quoteStarts.length && quoteStarts[q] <= start && mentionEnds[i] <= quoteEnds[q]) continue;
    out.push(i);
  }
  return out;
}

/** Index into `persons` of the last mention starting before `position`, or -1. */
function lastIndexBefore(view: Discourse, persons: number[], position: number): number {
  const starts = view.tables.mentionStarts;
  let lo = 0;
  let hi = persons.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[persons[mid]] < position) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * "he", « il »: the last person named before whose known gender does not clash with the pronoun,
 * else (a pronoun opening an article) the next person named in the paragraph.
 */
function lastPersonBefore(view: Discourse, state: State, position: number, token: number, wanted: Gender | null): string[] {
  const persons = state.persons;
  const k = lastIndexBefore(view, persons, position);
  // Prefer an established person: one who spoke before, carries a title, or has a full name. A
  // bare word the recognizer took for a person ("Marines") should not steal the pronoun.
  let fallback: string | null = null;
  let named: string | null = null;
  const known = state.described.persons;
  for (let j = k; j >= 0 && k - j < 12; j--) {
    const id = view.tables.mentionIds[persons[j]];
    const g = known.gender(j, id);
    if (wanted && g && g !== wanted) continue;
    // "Jane Doe met John Roe. … she wrote": the subject of the sentence beats a later object in it.
    if (fallback === null) {
      const subject = subjectOfSentenceAt(view, persons[j], wanted, state);
      if (subject && subject !== id) return [subject];
    }
    fallback ??= id;
    // Someone who already spoke or carries a title is the surest referent; a full name comes next.
    if (state.spoken.has(id) || known.titled(j, id)) return [id];
    if (!named && known.fullName(j, id)) named = id;
  }
  if (named) return [named];
  if (fallback) return [fallback];
  if (k >= 0) return [view.tables.mentionIds[persons[k]]];
  const next = persons[k + 1];
  if (next !== undefined) {
    if (view.tables.mentionStarts[next] < view.tables.paragraphEnds[paragraphOfToken(view, token)]) return [view.tables.mentionIds[next]];
  }
  return [];
}

/** Two words or more: what `.trim().split(/\s+/).length >= 2` says, without building the array. */
const SEVERAL_WORDS = /\S\s+\S/;

/** The PERSON opening the sentence of mention `mention`, when it is another person of a compatible gender. */
function subjectOfSentenceAt(view: Discourse, mention: number, wanted: Gender | null, state: State): string | null {
  const id = view.subjectOf(mention);
  if (!id) return null;
  if (view.entityById.get(id)?.type !== 'PERSON') return null;
  const g = state.titles.gender.get(id);
  return wanted && g && g !== wanted ? null : id;
}

/**
 * The head noun of a description's words: the word before a complement (« avocat » in « avocat de
 * la défense », "secretary" in "secretary of state"), else the last word ("Iraqi leader").
 */
export function headOf(words: string[]): string {
  const complement = words.findIndex((w, i) => i > 0 && /^(?:de|du|des|d'|d|of|for|a|au|aux)$/.test(w));
  return complement > 0 ? words[complement - 1] : words[words.length - 1] ?? '';
}

/** Fold a title word: plural and feminine endings off, so "avocats" meets "avocat", « ministres » « ministre ». */
export function titleKey(word: string): string {
  if (word.length > 4 && /[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

export type Gender = 'f' | 'm';

const FEMININE = new Set(['la', 'une', 'mme', 'madame', 'mlle', 'mrs', 'ms', 'miss', 'lady', 'presidente', 'directrice', 'ambassadrice', 'avocate', 'senatrice', 'deputee', 'porte-parole', 'elle', 'she']);
const MASCULINE = new Set(['le', 'un', 'm', 'monsieur', 'mr', 'sir', 'lord', 'directeur', 'ambassadeur', 'avocat', 'senateur', 'depute', 'maitre']);

/** Grammatical gender cue from the first word of a title ("la ministre", "M.", "Mrs."), if any. */
function genderOf(word: string): Gender | null {
  if (FEMININE.has(word)) return 'f';
  if (MASCULINE.has(word)) return 'm';
  return null;
}

export interface Titles {
  words: Map<string, Set<string>>;
  gender: Map<string, Gender>;
  /** Entities written at least once with a title or honorific right before the name. */
  titled: Set<string>;
}

/** What the words around one PERSON mention say of it (see `titleFacts`). */
export interface TitleFacts {
  id: string;
  /** Title keys, in the order they were read. */
  words: string[];
  titled: boolean;
  /** Gender cues in the order they were read; the text's first one for an entity wins. */
  genders: Gender[];
}

/**
 * For the PERSON mention `mi`, the words written next to it: the title before ("Defense
 * Secretary"), an apposition before (« la ministre rwandaise, Louise Mushikiwabo ») or after
 * (", the defense attorney,"), and a gender when a title's first word gives one (« la », "Mrs.").
 * Null for other mentions and mentions covering no whole token.
 */
export function titleFacts(view: TextView, mi: number): TitleFacts | null {
  const i = view.mentionFirstToken[mi];
  if (i < 0 || view.mentions[mi].type !== 'PERSON') return null;
  const id = view.mentions[mi].entityId;
  const facts: TitleFacts = { id, words: [], titled: false, genders: [] };
  const setGender = (word: string) => {
    const g = genderOf(word);
    if (g) facts.genders.push(g);
  };
  const add = (word: string) => {
    if (TITLE_STOPWORDS.has(word) || !HAS_LETTER.test(word)) return;
    facts.words.push(titleKey(word));
  };
  const n = view.tokens.length;
  const paragraph = view.paragraphOf[i];
  // Left: "Defense Secretary", "Maldives coach", « le secrétaire à la Défense »; or an apposition before the name.
  let chunkFirst = '';
  let k = i - 1;
  if (k >= 0 && view.tokens[k].text === ',') k--;
  const apposition = k === i - 2;
  for (; k >= 0 && i - k <= (apposition ? 10 : 6) && view.paragraphOf[k] === paragraph && view.quoteOf[k] < 0; k--) {
    const w = view.folded[k];
    if (view.tokens[k].text === '.' || view.tokens[k].text === '-' || /^['’]s$/.test(view.tokens[k].text)) continue;
    if (!isWord(view, k) || TITLE_BREAKERS.has(w) || SPEECH_VERBS.has(w)) break;
    const other = view.mentionOf[k];
    if (other >= 0 && view.mentions[other].type === 'PERSON') break;
    chunkFirst = w;
    if (!apposition) {
      add(w);
      if (!TITLE_STOPWORDS.has(w) || /^(?:mr|mrs|ms|m|mme|dr)$/.test(w)) facts.titled = true;
    }
  }
  // An apposition before the name counts only when it is a description: « la ministre …, Louise M. ».
  if (apposition && DESCRIPTION_START.has(chunkFirst)) {
    for (let j = k + 1; j < i - 1; j++) if (isWord(view, j)) add(view.folded[j]);
  }
  if (chunkFirst) setGender(chunkFirst);
  if (i > 0 && view.tokens[i - 1].text === '.' && i > 1) setGender(view.folded[i - 2]);
  else if (i > 0) setGender(view.folded[i - 1]);
  // Right: an apposition ", the defense attorney," or a parenthesis « (le secrétaire d'État américain) ».
  let end = i;
  while (end + 1 < n && view.mentionOf[end + 1] === mi) end++;
  const open = view.tokens[end + 1]?.text;
  if (open === ',' || open === '(') {
    const words: string[] = [];
    let ok = false;
    for (let k = end + 2; k < n && k - end <= 14 && view.paragraphOf[k] === paragraph; k++) {
      const t = view.tokens[k].text;
      if (t === ',' || t === ')' || t === '.' || t === ';' || t === ':') { ok = true; break; }
      const other = view.mentionOf[k];
      if (other >= 0 && view.mentions[other].type === 'PERSON') break;
      if (SPEECH_VERBS.has(view.folded[k]) && open === ',') break;
      words.push(view.folded[k]);
    }
    if (ok) {
      for (const w of words) add(w);
      if (words.length) setGender(words[0]);
    }
  }
  return facts;
}

/** The title words of a text's person entities, from each paragraph's title facts in text order. */
export function titlesOf(paragraphs: Array<{ titles: TitleFacts[] }>): Titles {
  const titles = new TitleCollector();
  for (const f of paragraphs) for (const t of f.titles) titles.add(t);
  return titles.titles;
}

/** Gather the title facts of a text's person mentions, in text order, into per-entity titles. */
export class TitleCollector {
  readonly titles: Titles = { words: new Map(), gender: new Map(), titled: new Set() };

  add(facts: TitleFacts): void {
    const { id } = facts;
    if (facts.words.length) {
      let set = this.titles.words.get(id);
      if (!set) this.titles.words.set(id, (set = new Set()));
      for (const w of facts.words) set.add(w);
    }
    if (facts.titled) this.titles.titled.add(id);
    if (facts.genders.length && !this.titles.gender.has(id)) this.titles.gender.set(id, facts.genders[0]);
  }
}

// Module-level: the bundler rebuilds a `\p{…}` literal outside a character class at every call.
const HAS_LETTER = /\p{L}/u;

/** Words that end a title read leftwards from a name; "of", « de », « à » stay inside ("Secretary of State"). */
const TITLE_BREAKERS = new Set([...PHRASE_BREAKERS, 'and', 'et', 'met', 'with'].filter(w => !['of', 'de', 'du', 'des', 'for', 'pour', 'in', 'on'].includes(w)));

/** Determiners that open an apposition placed before a name. */
const DESCRIPTION_START = new Set(['the', 'le', 'la', 'l', 'les', 'son', 'sa', 'his', 'her', 'its', 'their', 'leur', 'notre', 'our']);

/** The person a definite description refers to, by shared title words; the head word must match. */
function describedPerson(view: Discourse, words: string[], position: number, state: State): string[] | null {
  const keys = words.map(titleKey).filter(w => !TITLE_STOPWORDS.has(w));
  if (!keys.length) return null;
  const head = titleKey(headOf(words));
  // Only an entity whose titles hold the head word (or a synonym) can win, so only those are scored,
  // each at its most recent mention within the look-back: the same winner as walking the mentions back.
  if (!keys.includes(head)) return null;
  const from = lastIndexBefore(view, state.persons, position);
  let best: string | null = null;
  let bestScore = 0;
  let bestAt = -1;
  for (const id of state.described.candidates(head)) {
    const at = state.described.lastMentionAtOrBefore(id, from);
    if (at < 0 || from - at >= DESCRIPTION_LOOKBACK) continue;
    const title = state.titles.words.get(id) as Set<string>;
    let score = 0;
    for (const w of keys) {
      const hit = title.has(w) || (ROLE_SYNONYMS[w] ?? []).some(s => title.has(s));
      if (hit) score += w === head ? 2 : 1;
    }
    // Most recent wins a tie.
    if (score > bestScore || (score === bestScore && at > bestAt)) {
      best = id;
      bestScore = score;
      bestAt = at;
    }
  }
  return best ? [best] : null;
}

/**
 * What pronoun resolution asks of the person mentions, by index into `persons`: their entity's
 * gender, whether it carries a title, whether its name has several words. Fixed for a text, and
 * asked again for the same mentions by every pronoun nearby, so each is looked up once.
 */
class PersonAnswers {
  readonly #gender: Int8Array;
  readonly #titled: Int8Array;
  readonly #fullName: Int8Array;

  constructor(
    private readonly doc: Discourse,
    count: number,
  ) {
    this.#gender = new Int8Array(count).fill(-1);
    this.#titled = new Int8Array(count).fill(-1);
    this.#fullName = new Int8Array(count).fill(-1);
  }

  gender(j: number, id: string): Gender | undefined {
    if (this.#gender[j] < 0) {
      const g = this.doc.titles.gender.get(id);
      this.#gender[j] = g === 'f' ? 1 : g === 'm' ? 2 : 0;
    }
    return this.#gender[j] === 1 ? 'f' : this.#gender[j] === 2 ? 'm' : undefined;
  }

  titled(j: number, id: string): boolean {
    if (this.#titled[j] < 0) this.#titled[j] = this.doc.titles.titled.has(id) ? 1 : 0;
    return this.#titled[j] === 1;
  }

  fullName(j: number, id: string): boolean {
    if (this.#fullName[j] < 0) this.#fullName[j] = SEVERAL_WORDS.test(this.doc.entityById.get(id)?.canonical ?? '') ? 1 : 0;
    return this.#fullName[j] === 1;
  }
}

/** What `describedPerson` looks up: the entities with a title word, and where each person is mentioned. */
class DescriptionIndex {
  #byWord: Map<string, string[]> | null = null;
  #mentionsOf: Map<string, number[]> | null = null;
  readonly persons: PersonAnswers;

  constructor(
    private readonly doc: Discourse,
    private readonly personMentions: number[],
  ) {
    this.persons = new PersonAnswers(doc, personMentions.length);
  }

  /** Entities whose titles hold `head` or one of its synonyms, each once. */
  candidates(head: string): string[] {
    if (!this.#byWord) {
      this.#byWord = new Map();
      for (const [id, words] of this.doc.titles.words) {
        for (const w of words) {
          let ids = this.#byWord.get(w);
          if (!ids) this.#byWord.set(w, (ids = []));
          ids.push(id);
        }
      }
    }
    const synonyms = ROLE_SYNONYMS[head] ?? [];
    const direct = this.#byWord.get(head) ?? [];
    if (!synonyms.length) return direct;
    const all = new Set(direct);
    for (const s of synonyms) for (const id of this.#byWord.get(s) ?? []) all.add(id);
    return [...all];
  }

  /** The largest index into `persons` at or before `from` that mentions `id`, or -1. */
  lastMentionAtOrBefore(id: string, from: number): number {
    if (!this.#mentionsOf) {
      this.#mentionsOf = new Map();
      const ids = this.doc.tables.mentionIds;
      this.personMentions.forEach((m, k) => {
        let list = (this.#mentionsOf as Map<string, number[]>).get(ids[m]);
        if (!list) (this.#mentionsOf as Map<string, number[]>).set(ids[m], (list = []));
        list.push(k);
      });
    }
    const list = this.#mentionsOf.get(id);
    if (!list) return -1;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] <= from) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? list[lo - 1] : -1;
  }
}

/**
 * A role description no title matched ("a estimé la Première ministre" after "Élisabeth Borne a
 * réagi"): news names a person once and then calls them by their role, so it is the last person
 * named, of a compatible gender. Only for role words; "the question", "the company" get nobody.
 */
function roleFallback(view: Discourse, words: string[], gender: Gender | null, position: number, token: number, state: State): string[] {
  const head = headOf(words);
  if (!head || !ROLE_HEADS.has(titleKey(head))) return [];
  return lastPersonBefore(view, state, position, token, gender);
}

/** Nouns for a person's office or role, folded and singular. */
const ROLE_HEADS = new Set([
  'minister', 'ministre', 'secretary', 'secretaire', 'president', 'presidente', 'senator', 'senateur', 'senatrice', 'governor', 'mayor', 'maire',
  'chancellor', 'chancelier', 'chanceliere', 'premier', 'leader', 'chief', 'chef', 'director', 'directeur', 'directrice', 'spokesman', 'spokeswoman',
  'porte-parole', 'ambassador', 'ambassadeur', 'ambassadrice', 'general', 'coach', 'entraineur', 'selectionneur', 'attorney', 'avocat', 'avocate',
  'lawyer', 'prosecutor', 'procureur', 'procureure', 'judge', 'juge', 'chairman', 'ceo', 'executive', 'candidate', 'candidat', 'candidate', 'nominee',
  'depute', 'deputee', 'lawmaker', 'congressman', 'congresswoman', 'king', 'queen', 'roi', 'reine', 'pope', 'pape', 'commissioner', 'commissaire',
  'official', 'responsable', 'dirigeant', 'dirigeante', 'founder', 'fondateur', 'fondatrice', 'patron', 'patronne', 'manager', 'captain', 'capitaine',
]);

/** Nouns an organisation is called by after it has been named ("the company added", « le groupe a précisé »). */
const ORGANISATION_HEADS = new Set([
  'company', 'firm', 'group', 'agency', 'ministry', 'department', 'party', 'government', 'campaign', 'organization', 'organisation', 'union',
  'association', 'bank', 'committee', 'council', 'commission', 'court', 'newspaper', 'network', 'institute', 'university', 'club', 'team',
  'societe', 'entreprise', 'groupe', 'agence', 'ministere', 'parti', 'gouvernement', 'syndicat', 'banque', 'comite', 'conseil', 'tribunal',
  'journal', 'quotidien', 'chaine', 'institut', 'universite', 'equipe', 'federation', 'mairie', 'prefecture', 'parquet', 'constructeur',
]);

/**
 * "the ministry", « le ministère », "the company": the most recent organisation whose name
 * contains the head word, else, for a generic organisation noun, the last organisation that spoke
 * or was named.
 */
function describedOrganisation(view: Discourse, words: string[], position: number, state: State): string[] | null {
  const head = headOf(words);
  if (!head || head.length < 4) return null;
  const generic = ORGANISATION_HEADS.has(titleKey(head));
  if (generic && state.lastSpeakers?.length === 1 && view.entityById.get(state.lastSpeakers[0])?.type === 'ORGANIZATION') return state.lastSpeakers;
  const { mentionStarts, mentionTypes, mentionIds } = view.tables;
  let lo = 0;
  let hi = mentionStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentionStarts[mid] < position) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && lo - i <= DESCRIPTION_LOOKBACK; i--) {
    if (mentionTypes[i] !== 'ORGANIZATION') continue;
    const canonical = view.entityById.get(mentionIds[i])?.canonical ?? view.mentions[i].text;
    if (remember(canonicalWords, canonical, () => foldAccents(canonical).split(NOT_LETTERS)).includes(head)) return [mentionIds[i]];
  }
  // « Le ministère du commerce a démenti … »: the full name may only be tagged later (« ministère du Commerce »).
  const content = words.filter(w => !TITLE_STOPWORDS.has(w) && w.length > 2);
  if (content.length >= 2) {
    for (let i = lo; i < mentionStarts.length && i - lo < DESCRIPTION_LOOKBACK; i++) {
      if (mentionTypes[i] !== 'ORGANIZATION') continue;
      const canonical = view.entityById.get(mentionIds[i])?.canonical ?? view.mentions[i].text;
      const name = remember(nameWords, canonical, () => foldName(canonical).split(' '));
      if (content.every(w => name.includes(w))) return [mentionIds[i]];
    }
  }
  if (generic) {
    for (let i = lo - 1; i >= 0 && lo - i <= DESCRIPTION_LOOKBACK; i--) if (mentionTypes[i] === 'ORGANIZATION') return [mentionIds[i]];
  }
  return null;
}

const NOT_LETTERS = /[^\p{L}]+/u;
/** Folded words of canonical names, remembered: a description looks back over up to 200 mentions each time. */
const canonicalWords = new Map<string, string[]>();
const nameWords = new Map<string, string[]>();

/** `cache.get(key)`, computed on a miss; the cache is emptied when it grows large, so it stays bounded. */
function remember(cache: Map<string, string[]>, key: string, compute: () => string[]): string[] {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= 10_000) cache.clear();
    cache.set(key, (value = compute()));
  }
  return value;
}
