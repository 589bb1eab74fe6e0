/**
 * Speech events: every place outside quotes (or in a French incise inside one, « Nous devons, a-t-il
 * dit, agir ») where the text says someone said something, with the
 * phrase that names the speaker. English "X said", "said X", "X, the secretary, said", "according
 * to X", "X made a statement that"; French « X a déclaré », « a déclaré X », « a-t-il affirmé »,
 * « estime la ministre », « selon X », « pour X, … ». An event records who the phrase points at
 * in syntactic terms only (named mentions, a pronoun, a definite or indefinite description); who
 * that is is decided in `discourse.ts`, in text order. Events outside any quote's reach still
 * matter: they are what "he", "they" and "the statement" refer back to.
 */
import type { EntityType } from '../types';
import { CUE, entityAt, EVENT_REACH, isQuoteMark, isSentenceEnd, isWord, LOWER, needs, UPPER, type TextView } from './context';
import { nameEndingAt, nameStartingAt } from './names';
import {
  ADVERBS, AUXILIARIES, DEFINITE, INDEFINITE, INVERSION_VERBS, LIGHT_VERBS, PHRASE_BREAKERS, PLURAL_PRONOUNS, REPORTING_NOUNS,
  SINGULAR_PRONOUNS, SOURCE_PREPOSITIONS, SPEECH_NOUNS, SPEECH_VERBS, THING_PRONOUNS, WEAK_VERBS, isParticiple,
} from './lexicon';

/** What a speaker phrase points at, before resolution. */
export type Reference =
  | { kind: 'named'; entityIds: string[] }
  | { kind: 'pronoun'; number: 'singular' | 'plural' | 'thing'; reporting: boolean; gender?: 'f' | 'm' }
  | { kind: 'description'; words: string[]; plural: boolean; reporting: boolean; gender?: 'f' | 'm' }
  | { kind: 'generic'; plural: boolean }
  /** A name the recognizer did not tag ("said Sen. Larry Craig" with no mention there). */
  | { kind: 'name'; name: string; type: EntityType };

/** One speech event. Token indexes are into `TextView.tokens`; `first`..`last` inclusive. */
export interface SpeechEvent {
  /** The speech verb, preposition or inversion token. */
  cue: number;
  /** First and last token of the attribution phrase (speaker and verb). */
  first: number;
  last: number;
  reference: Reference;
  /** The sentence mentions a written statement ("said in a joint statement"): its author is the speaker. */
  issuesStatement: boolean;
  /** An incise inside the quote it attributes (« Nous devons, a-t-il dit, agir vite »). */
  inside?: boolean;
}

const INVERSION = /^(\p{L}+)-(?:t-)?(il|elle|ils|elles|on)$/u;
const BARE_INVERSION = /^t-(il|elle|ils|elles|on)$/u;
const HONORIFIC = /^(?:mr|mrs|ms|m|mme|mlle|me|maitre|dr|sen|rep|gen|gov|lt|col|adm|prof|president|sir|lord|lady)$/;

/** An event with the character span of its phrase (`first`..`last`), as the document-level passes use it. */
export interface PlacedEvent extends SpeechEvent {
  start: number;
  end: number;
}

/**
 * What one cue word's rules read, for a caller that remembers events per paragraph: the furthest
 * token they needed and the lower-case words they asked about (`[askedFrom, askedTo)` in the
 * asked list). One record per cue word looked at, in text order.
 */
export interface CueReads {
  cue: number[];
  reach: number[];
  askedTo: number[];
}

/**
 * Find every speech event, in text order: outside quotes, plus French incises inside them. With
 * `reads`, what each cue word read is recorded; `asked` is the list the view's `lowerWords` fills.
 */
export function findEvents(view: TextView, reads?: CueReads, asked?: string[]): SpeechEvent[] {
  const events: SpeechEvent[] = [];
  const n = view.tokens.length;
  for (let i = 0; i < n; i++) {
    // Every rule needs a cue word (`mayStartEvent`): the other tokens are skipped with a bit test.
    if ((view.shape[i] & CUE) === 0) continue;
    view.reach = i + EVENT_REACH;
    const skipTo = cueEvents(view, i, events);
    if (reads) {
      reads.cue.push(i);
      reads.reach.push(view.reach);
      reads.askedTo.push(asked ? asked.length : 0);
    }
    i = skipTo;
  }
  return events;
}

/** The event (if any) of cue word `i`, pushed onto `events`; returns the token the search goes on after. */
function cueEvents(view: TextView, i: number, events: SpeechEvent[]): number {
  if (view.quoteOf[i] >= 0) {
    // Inside a quote only a French incise counts: « Nous devons, a-t-il dit, agir vite ».
    const incise = view.tokens[i - 1]?.text === ',' ? inversionAt(view, i) : null;
    if (incise && view.tokens[incise.last + 1]?.text === ',' && view.quoteOf[incise.last] === view.quoteOf[i]) {
      events.push({ ...incise, inside: true });
      return incise.last;
    }
    return i;
  }
  const event = eventAt(view, i, events.length ? events[events.length - 1] : null);
  if (event) {
    events.push(event);
    return Math.max(i, event.cue);
  }
  return i;
}

/** French inversion with a pronoun at token `i`: « a-t-il déclaré », « dit-elle », « lit-on dans le communiqué », « a t-il dit ». */
function inversionAt(view: TextView, i: number): SpeechEvent | null {
  const word = view.folded[i];
  // Both patterns need a hyphen; most words have none.
  if (!word.includes('-')) return null;
  const bare = BARE_INVERSION.exec(word);
  const inverted = bare ? null : INVERSION.exec(word);
  if (inverted || bare) {
    const verb = inverted ? inverted[1] : i > 0 ? view.folded[i - 1] : '';
    const pronoun = inverted ? inverted[2] : (bare as RegExpExecArray)[1];
    const first = bare ? i - 1 : i;
    let last = i;
    let speech = SPEECH_VERBS.has(verb) || INVERSION_VERBS.has(verb);
    if (AUXILIARIES.has(verb) && i + 1 < view.tokens.length && SPEECH_VERBS.has(view.folded[i + 1]) && view.paragraphOf[i + 1] === view.paragraphOf[i]) {
      speech = true;
      last = i + 1;
    }
    if (!speech) return null;
    const reporting = followedByReportingNoun(view, last);
    if (reporting > last) last = reporting;
    const number = pronoun === 'on' ? 'thing' : pronoun === 'ils' || pronoun === 'elles' ? 'plural' : 'singular';
    const gender = pronoun.startsWith('elle') ? 'f' : pronoun.startsWith('il') ? 'm' : undefined;
    return { cue: i, first, last, reference: { kind: 'pronoun', number, reporting: reporting > 0, gender }, issuesStatement: false };
  }
  return null;
}

function eventAt(view: TextView, i: number, previous: SpeechEvent | null): SpeechEvent | null {
  const word = view.folded[i];
  const inversion = inversionAt(view, i);
  if (inversion) return inversion;

  // "according to X", « selon X », « d'après X ».
  if (SOURCE_PREPOSITIONS.has(word) || (word === 'apres' && i > 0 && view.folded[i - 1] === "d'")) {
    let start = i + 1;
    if (word === 'according') {
      if (view.folded[i + 1] !== 'to') return null;
      start = i + 2;
    }
    const np = phraseAfter(view, start);
    if (!np) return null;
    return { cue: i, first: word === 'apres' ? i - 1 : i, last: np.last, reference: np.reference, issuesStatement: false };
  }

  // « Pour X, … » opening a sentence: X's opinion follows.
  if (word === 'pour' && startsSentence(view, i)) {
    const np = phraseAfter(view, i + 1);
    if (np) needs(view, np.last + 1);
    if (!np || np.reference.kind === 'generic' || view.tokens[np.last + 1]?.text !== ',') return null;
    return { cue: i, first: i, last: np.last, reference: np.reference, issuesStatement: false };
  }

  // "X made a contradictory statement that …": a light verb with a speech noun.
  if (LIGHT_VERBS.has(word)) {
    let noun = -1;
    for (let k = i + 1; k <= i + 4 && k < view.tokens.length; k++) {
      if (SPEECH_NOUNS.has(view.folded[k])) { noun = k; break; }
      if (!isWord(view, k)) break;
    }
    if (noun < 0) return null;
    const subject = subjectBefore(view, i);
    if (!subject) return null;
    return { cue: i, first: subject.first, last: noun, reference: subject.reference, issuesStatement: false };
  }

  if (!SPEECH_VERBS.has(word)) return null;
  // A capitalised speech verb only counts at the start of a sentence ("Echoed Sen. Clinton, …").
  if ((view.shape[i] & UPPER) !== 0 && !startsSentence(view, i)) return null;
  const issuesStatement = statementFollows(view, i);
  // "Nettles noted … and boasted that …": a coordinated verb shares the previous verb's subject.
  if (previous && i > 0 && /^(?:and|et|but|mais|then|puis)$/.test(view.folded[i - 1]) && sameSentence(view, previous.cue, i)) {
    return { cue: i, first: i - 1, last: i, reference: previous.reference, issuesStatement };
  }
  // A participle after a comma hangs on the clause before it ("Trump attacked Clinton, saying", « …, ajoutant »):
  // its speaker is that clause's subject.
  if (isParticiple(word) && i > 0 && view.tokens[i - 1].text === ',') {
    const subject = sentenceSubject(view, i);
    return subject ? { cue: i, first: i, last: i, reference: subject, issuesStatement } : null;
  }
  const subject = subjectBefore(view, i);
  if (subject) {
    return { cue: i, first: subject.first, last: i, reference: subject.reference, issuesStatement };
  }
  if (isParticiple(word) || WEAK_VERBS.has(word)) return null;
  // No subject before: the speaker may follow the verb ("said Hollande", « a déclaré le secrétaire »).
  let before = i - 1;
  while (before >= 0 && (AUXILIARIES.has(view.folded[before]) || ADVERBS.has(view.folded[before])) && view.paragraphOf[before] === view.paragraphOf[i]) before--;
  const openEnded = before < 0 || view.paragraphOf[before] !== view.paragraphOf[i] || !isWord(view, before) || startsSentence(view, before + 1);
  if (!openEnded) return null;
  let start = i + 1;
  while (start < view.tokens.length && ADVERBS.has(view.folded[start]) && view.quoteOf[start] < 0) start++;
  const np = phraseAfter(view, start);
  if (!np) return null;
  return { cue: i, first: before + 1, last: np.last, reference: np.reference, issuesStatement };
}

/** Words that open an introductory phrase before a sentence's subject ("During the speech, Trump …"). */
const INTRODUCTORY = new Set(['during', 'in', 'at', 'after', 'before', 'on', 'for', 'with', 'while', 'when', 'as', 'since', 'earlier', 'later', 'speaking', 'asked',
  'dans', 'lors', 'apres', 'avant', 'pendant', 'en', 'alors', 'comme', 'interroge', 'par', 'sur', 'a', 'au', 'depuis']);

/**
 * The subject of the sentence containing token `i`: the first person or organisation named at
 * its start, after an introductory phrase ("During a speech, Trump attacked …") and titles. Null
 * when the sentence does not open with a name.
 */
export function sentenceSubject(view: TextView, i: number): Reference | null {
  const paragraph = view.paragraphOf[i];
  let start = i;
  while (start - 1 >= 0 && i - start < 80 && view.paragraphOf[start - 1] === paragraph && view.quoteOf[start - 1] < 0 && !isSentenceEnd(view, start - 1)) start--;
  if (INTRODUCTORY.has(view.folded[start])) {
    let k = start;
    while (k < i && view.tokens[k].text !== ',') k++;
    if (k >= i) return null;
    start = k + 1;
  }
  for (let k = start; k < i && k - start < 6; k++) {
    const mi = view.mentionOf[k];
    if (mi >= 0) {
      const m = view.mentions[mi];
      if (m.type === 'LOCATION') return null;
      let end = k;
      while (end + 1 < i && view.mentionOf[end + 1] === mi) end++;
      if (/^['’]s$/.test(view.tokens[end + 1]?.text ?? '')) return null;
      return { kind: 'named', entityIds: [m.entityId] };
    }
    if (!isWord(view, k) && view.tokens[k].text !== '.' && view.tokens[k].text !== '-') return null;
    if ((view.shape[k] & LOWER) !== 0 && !DEFINITE.has(view.folded[k])) return null;
  }
  return null;
}

/** True when tokens `a` < `b` are in one sentence of one paragraph, outside quotes in between. */
function sameSentence(view: TextView, a: number, b: number): boolean {
  if (view.paragraphOf[a] !== view.paragraphOf[b] || b - a > 60) return false;
  for (let k = a + 1; k < b; k++) if (isSentenceEnd(view, k) || view.quoteOf[k] >= 0) return false;
  return true;
}

/** True when token `i` starts its sentence: first of its paragraph, or after a sentence end, a quote or a dash. */
function startsSentence(view: TextView, i: number): boolean {
  if (i === 0 || view.paragraphOf[i - 1] !== view.paragraphOf[i]) return true;
  const prev = view.tokens[i - 1].text;
  return isSentenceEnd(view, i - 1) || prev === '-' || prev === '—' || prev === '–' || (isQuoteMark(view, i - 1) && view.quoteOf[i - 1] >= 0 && (i < 2 || /[.!?…]/.test(view.tokens[i - 2].text)));
}

/** The index of a reporting noun right after `last` ("dans le communiqué", "in a statement"), or -1. */
function followedByReportingNoun(view: TextView, last: number): number {
  for (let k = last + 1; k <= last + 4 && k < view.tokens.length; k++) {
    if (REPORTING_NOUNS.has(view.folded[k])) return k;
    if (!isWord(view, k) && view.tokens[k].text !== "'") return -1;
  }
  return -1;
}

/** True when a written statement is named right after the verb: "said in a joint statement", « a démenti … dans un communiqué ». */
function statementFollows(view: TextView, verb: number): boolean {
  for (let k = verb + 1; k <= verb + 12 && k < view.tokens.length; k++) {
    if (view.quoteOf[k] >= 0 || isSentenceEnd(view, k)) return false;
    if (REPORTING_NOUNS.has(view.folded[k]) && k > 0 && /^(?:a|an|the|its|his|her|their|un|une|le|son|sa|leur|joint|official|written|commune|officiel)$/.test(view.folded[k - 1])) return true;
  }
  return false;
}

interface Phrase {
  first: number;
  last: number;
  reference: Reference;
}

/**
 * The subject of the speech verb at `verb`, walking left over auxiliaries and adverbs, a
 * parenthesis ("Sen. Larry Craig (R-Idaho) said") and comma-delimited appositions
 * ("Patrick H. Nettles, Ciena's chairman, said"). Null when the verb has no subject before it.
 */
function subjectBefore(view: TextView, verb: number): Phrase | null {
  const paragraph = view.paragraphOf[verb];
  const inParagraph = (k: number) => k >= 0 && view.paragraphOf[k] === paragraph && view.quoteOf[k] < 0;
  let i = verb - 1;
  let skipped = 0;
  while (inParagraph(i) && skipped < 4) {
    const w = view.folded[i];
    if (AUXILIARIES.has(w) || (ADVERBS.has(w) && w !== 'lui')) { i--; skipped++; continue; }
    if (/ly$/.test(w) && w.length > 4 && isWord(view, i)) { i--; skipped++; continue; }
    break;
  }
  for (let appositions = 0; appositions < 4 && inParagraph(i); appositions++) {
    const t = view.tokens[i].text;
    if (t === ')') {
      let k = i - 1;
      while (inParagraph(k) && view.tokens[k].text !== '(' && i - k < 15) k--;
      if (!inParagraph(k) || view.tokens[k].text !== '(') return null;
      i = k - 1;
      continue;
    }
    if (t === ',') {
      // « le président français, Emmanuel Macron, a annoncé »: the name itself closes the apposition.
      if (inParagraph(i - 1) && view.mentionOf[i - 1] >= 0 && view.mentions[view.mentionOf[i - 1]].type === 'PERSON') {
        i = i - 1;
        break;
      }
      // An apposition between commas: the subject is the name before the opening comma.
      let k = i - 1;
      // An apposition has no verb: stop at an auxiliary or a speech verb (that is a clause, not a title).
      while (inParagraph(k) && view.tokens[k].text !== ',' && !isSentenceEnd(view, k) && i - k < 32 && !SPEECH_VERBS.has(view.folded[k])) {
        // A relative clause is an apposition too ("Smith, who heads the group, said"), but only when it opens the block.
        if (CLAUSE_MARKERS.has(view.folded[k]) || (AUXILIARIES.has(view.folded[k]) && view.folded[k] !== 'a')) {
          let j = k - 1;
          while (inParagraph(j) && view.tokens[j].text !== ',' && view.tokens[j].text !== '(' && !CLAUSE_MARKERS.has(view.folded[j]) && k - j < 3) j--;
          if (!(inParagraph(j) && view.tokens[j].text === ',' && /^(?:who|which|qui|dont)$/.test(view.folded[j + 1] ?? ''))) break;
        }
        k--;
      }
      if (!inParagraph(k) || view.tokens[k].text !== ',') {
        // "X a, en outre, dit": an adverbial between commas after an auxiliary.
        return null;
      }
      const before = k - 1;
      // "Rep. Jim Jordan (R-Ohio), an oversight panel member, said": a parenthesis before the apposition.
      if (inParagraph(before) && view.tokens[before].text === ')') {
        i = before;
        continue;
      }
      const named = view.mentionOf[before] >= 0 && view.mentions[view.mentionOf[before]].type !== 'LOCATION';
      if (inParagraph(before) && (named || SINGULAR_PRONOUNS.has(view.folded[before]) || PLURAL_PRONOUNS.has(view.folded[before]))) {
        i = before;
        break;
      }
      // « Macron a, en outre, dit » : skip an adverbial block after an auxiliary.
      if (inParagraph(before) && AUXILIARIES.has(view.folded[before])) {
        i = before - 1;
        continue;
      }
      // Several appositions in a row (« Sonia Lejeune, retraitée, militante de la FSU, défile »).
      i = k;
      continue;
    }
    break;
  }
  if (!inParagraph(i)) return null;
  return phraseEndingAt(view, i);
}

/** The noun phrase whose last token is `end` (a mention, a pronoun, or a description). */
function phraseEndingAt(view: TextView, end: number): Phrase | null {
  const paragraph = view.paragraphOf[end];
  const w = view.folded[end];
  if (view.mentionOf[end] >= 0) {
    const ids: string[] = [];
    let first = end;
    let k = end;
    // "Kerry and Hagel", « Hollande et Merkel »: coordinated names share the verb.
    for (;;) {
      const id = entityAt(view, k) as string;
      if (!ids.includes(id)) ids.unshift(id);
      let start = k;
      while (start > 0 && view.mentionOf[start - 1] === view.mentionOf[k]) start--;
      first = start;
      const conj = start - 1;
      if (conj > 0 && view.paragraphOf[conj] === paragraph && /^(?:and|et|&)$/.test(view.folded[conj]) && view.mentionOf[conj - 1] >= 0 && view.mentions[view.mentionOf[conj - 1]].type === view.mentions[view.mentionOf[k]].type) {
        k = conj - 1;
        continue;
      }
      break;
    }
    return { first, last: end, reference: { kind: 'named', entityIds: ids } };
  }
  if (SINGULAR_PRONOUNS.has(w) && w !== 'lui') return { first: end, last: end, reference: { kind: 'pronoun', number: 'singular', reporting: false, gender: pronounGender(w) } };
  if (PLURAL_PRONOUNS.has(w) && w !== 'eux') return { first: end, last: end, reference: { kind: 'pronoun', number: 'plural', reporting: false } };
  if (THING_PRONOUNS.has(w)) return { first: end, last: end, reference: { kind: 'pronoun', number: 'thing', reporting: false } };
  // A name the recognizer missed, right before the verb ("Jagland said").
  const name = nameEndingAt(view, end);
  if (name && !(name.first === view.paragraphFirstToken[paragraph] && name.first === name.last && view.tokens[name.first].text.length < 3)) {
    return { first: name.first, last: end, reference: { kind: 'name', name: name.name, type: name.type } };
  }
  if (!isWord(view, end) || PHRASE_BREAKERS.has(w)) return null;
  // A description: words back to a determiner ("the Maldives coach", « la ministre », "a US official").
  const words: string[] = [];
  let mentionIds: string[] = [];
  let mentionIsPerson = false;
  let k = end;
  for (; k >= 0 && end - k < 7 && view.paragraphOf[k] === paragraph && view.quoteOf[k] < 0; k--) {
    const fk = view.folded[k];
    // "the two Cabinet officials": a numeral after a definite determiner is part of a definite description.
    if (NUMERALS.has(fk) && k > 0 && DEFINITE.has(view.folded[k - 1])) continue;
    const det = bareDeterminer(fk);
    // « le ministère du commerce », « un proche du président »: de/du/des after a noun is a complement, not a determiner.
    const complement = /^(?:de|du|des|d)$/.test(det) && k > 0 && view.paragraphOf[k - 1] === paragraph && isWord(view, k - 1) && view.quoteOf[k - 1] < 0 &&
      !PHRASE_BREAKERS.has(view.folded[k - 1]) && !SPEECH_VERBS.has(view.folded[k - 1]) && !AUXILIARIES.has(view.folded[k - 1]);
    if (complement) {
      words.unshift(fk);
      continue;
    }
    if (DEFINITE.has(det) || INDEFINITE.has(det)) {
      if (words.length === 0) return null;
      const head = words[words.length - 1];
      const reporting = REPORTING_NOUNS.has(head);
      if (INDEFINITE.has(det) && !reporting) return { first: k, last: end, reference: { kind: 'generic', plural: PLURAL_QUANTIFIER.test(det) || isPluralNoun(head) } };
      const plural = /^(?:les|ces|these|those|their)$/.test(det) || isPluralNoun(head);
      return { first: k, last: end, reference: { kind: 'description', words, plural, reporting, gender: genderOfDeterminer(det) } };
    }
    if (!isWord(view, k) && view.tokens[k].text !== "'s" && view.tokens[k].text !== '’s' && view.tokens[k].text !== '-') break;
    if (PHRASE_BREAKERS.has(fk) || SPEECH_VERBS.has(fk) || AUXILIARIES.has(fk) && fk !== 'a') break;
    // Keep the name nearest the verb, people before organisations and places ("Maldives coach Urbanyi Bela").
    if (view.mentionOf[k] >= 0) {
      const id = entityAt(view, k) as string;
      const person = view.mentions[view.mentionOf[k]].type === 'PERSON';
      if (!mentionIds.length || (person && !mentionIsPerson)) {
        mentionIds = [id];
        mentionIsPerson = person;
      }
    }
    if (isWord(view, k)) words.unshift(fk);
  }
  if (words.length === 0) return null;
  const head = words[words.length - 1];
  // "Xinhua news agency reported": a name followed by common nouns, no determiner.
  if (mentionIds.length && !isPluralNoun(head)) return { first: k + 1, last: end, reference: { kind: 'named', entityIds: mentionIds.slice(0, 1) } };
  if (REPORTING_NOUNS.has(head)) return { first: k + 1, last: end, reference: { kind: 'description', words, plural: false, reporting: true } };
  // Bare plurals and unnamed people: "diplomats said", "analysts said".
  return { first: k + 1, last: end, reference: { kind: 'generic', plural: isPluralNoun(head) } };
}

/** The gender a singular pronoun asks for: "she"/« elle » feminine, "he"/« il »/« lui » masculine. */
function pronounGender(word: string): 'f' | 'm' | undefined {
  return word === 'she' || word === 'elle' ? 'f' : word === 'he' || word === 'il' || word === 'lui' ? 'm' : undefined;
}

/** Words that open a clause: an apposition ("a senior fellow at the Hoover Institution") has none. */
const CLAUSE_MARKERS = new Set(['that', 'which', 'who', 'whom', 'whose', 'when', 'while', 'because', 'if', 'but', 'although', 'que', 'qu', 'qui', 'dont', 'quand', 'lorsque', 'lorsqu', 'si', 'mais', 'car', 'puisque']);

const NUMERALS = new Set(['two', 'three', 'four', 'five', 'both', 'deux', 'trois', 'quatre', 'cinq']);

const PLURAL_QUANTIFIER = /^(?:des|some|several|many|most|plusieurs|certains|certaines|few|other|others|two|three|de|d)$/;

/** English and French plural nouns, roughly: "officials", « médias », « journaux ». */
export function isPluralNoun(word: string): boolean {
  return (/[^s]s$/.test(word) && !/(?:ss|us|is)$/.test(word)) || /(?:aux|eux)$/.test(word);
}

/** The speaker phrase after a verb or preposition: "said French Defense Minister Jean-Yves Le Drian", « a déclaré le secrétaire ». */
function phraseAfter(view: TextView, start: number): Phrase | null {
  // A name or a description reads at most 12 tokens on; names chained with "and" are declared one by one.
  needs(view, start + 12);
  const n = view.tokens.length;
  if (start >= n || view.quoteOf[start] >= 0) return null;
  const paragraph = view.paragraphOf[start];
  const w = view.folded[start];
  if (SINGULAR_PRONOUNS.has(w)) return { first: start, last: start, reference: { kind: 'pronoun', number: 'singular', reporting: false, gender: pronounGender(w) } };
  if (PLURAL_PRONOUNS.has(w)) return { first: start, last: start, reference: { kind: 'pronoun', number: 'plural', reporting: false } };
  // A name the recognizer missed: "said Sen. Larry Craig", "Echoed Sen. Hillary Rodham Clinton".
  if (view.mentionOf[start] < 0 && !DEFINITE.has(w) && !INDEFINITE.has(w)) {
    const name = nameStartingAt(view, start);
    if (name) return { first: start, last: name.last, reference: { kind: 'name', name: name.name, type: name.type } };
  }
  const words: string[] = [];
  let determiner: string | null = null;
  let end = start;
  for (let k = start; k < n && k - start < 10 && view.paragraphOf[k] === paragraph && view.quoteOf[k] < 0; k++) {
    const fk = view.folded[k];
    const text = view.tokens[k].text;
    if (view.mentionOf[k] >= 0) {
      const m = view.mentions[view.mentionOf[k]];
      let last = k;
      while (last + 1 < n && view.mentionOf[last + 1] === view.mentionOf[k]) last++;
      // « la maire de Paris »: a place or organisation inside a description only qualifies it.
      if (m.type !== 'PERSON' && determiner && words.length) {
        for (let j = k; j <= last; j++) if (isWord(view, j)) words.push(view.folded[j]);
        end = last;
        k = last;
        continue;
      }
      if (determiner && INDEFINITE.has(determiner)) return null;
      // The first name after the verb, plus names coordinated with it.
      const ids = [m.entityId];
      for (;;) {
        const conj = last + 1;
        needs(view, conj + 1);
        if (conj + 1 < n && /^(?:and|et|&)$/.test(view.folded[conj]) && view.mentionOf[conj + 1] >= 0 && view.mentions[view.mentionOf[conj + 1]].type === m.type) {
          const other = view.mentionOf[conj + 1];
          if (!ids.includes(view.mentions[other].entityId)) ids.push(view.mentions[other].entityId);
          last = conj + 1;
          while (last + 1 < n && view.mentionOf[last + 1] === other) last++;
          continue;
        }
        break;
      }
      if (m.type !== 'PERSON') {
        // An organisation or place may only be a modifier of a person named next ("French Defense Minister Le Drian").
        for (let j = last + 1; j < n && j - start < 10 && view.paragraphOf[j] === paragraph && isWord(view, j) && !PHRASE_BREAKERS.has(view.folded[j]); j++) {
          const pm = view.mentionOf[j];
          if (pm >= 0 && view.mentions[pm].type === 'PERSON') return phraseAfter(view, j);
        }
      }
      return { first: start, last, reference: { kind: 'named', entityIds: ids } };
    }
    if (k === start && (DEFINITE.has(bareDeterminer(fk)) || INDEFINITE.has(bareDeterminer(fk)))) {
      determiner = bareDeterminer(fk);
      end = k;
      continue;
    }
    if (text === '.' && k > start && HONORIFIC.test(view.folded[k - 1])) continue;
    if (text === "'" || text === '’') continue;
    if (!isWord(view, k) || PHRASE_BREAKERS.has(fk) || (k > start && SPEECH_VERBS.has(fk))) break;
    words.push(fk);
    end = k;
  }
  if (!determiner || !words.length) return null;
  // "le porte-parole du gouvernement, Olivier Véran,": the name in apposition is the speaker.
  if (view.tokens[end + 1]?.text === ',' && end + 2 < n && view.mentionOf[end + 2] >= 0 && view.mentions[view.mentionOf[end + 2]].type === 'PERSON' && view.quoteOf[end + 2] < 0) {
    const named = phraseAfter(view, end + 2);
    if (named) return { first: start, last: named.last, reference: named.reference };
  }
  const head = words[words.length - 1];
  const reporting = REPORTING_NOUNS.has(head);
  if (INDEFINITE.has(determiner) && !reporting) return { first: start, last: end, reference: { kind: 'generic', plural: PLURAL_QUANTIFIER.test(determiner) || isPluralNoun(head) } };
  const plural = /^(?:les|ces|these|those|their)$/.test(determiner) || isPluralNoun(head);
  return { first: start, last: end, reference: { kind: 'description', words, plural, reporting, gender: genderOfDeterminer(determiner) } };
}

/** « l' », « d' » as determiners: the folded token without its apostrophe. */
function bareDeterminer(folded: string): string {
  return folded.endsWith("'") ? folded.slice(0, -1) : folded;
}

/** The gender a French determiner gives a description (« la ministre » feminine, « le ministre » masculine). */
function genderOfDeterminer(determiner: string): 'f' | 'm' | undefined {
  return /^(?:la|cette|sa)$/.test(determiner) ? 'f' : /^(?:le|ce|cet|un)$/.test(determiner) ? 'm' : undefined;
}
