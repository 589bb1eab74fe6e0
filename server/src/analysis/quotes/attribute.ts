/**
 * Attribution: which speech event, if any, a quote belongs to. A quote takes, in order of trust:
 * a transcript label opening it ("PENCE: …"); the event that starts right after it ("“…,” Kerry
 * said", « », a-t-il déclaré ») or a byline after a dash ("“…” ― Sonya Herridge"); a French incise
 * inside it (« Nous devons, a-t-il dit, agir »); a name just before it with a dash or colon between;
 * the nearest event before it in its sentence ("Hollande said the community “needs …”", « X a
 * précisé que « … » »); a colon or name introduction ("Kerry: « … »", « Didier Deschamps
 * (sélectionneur) « … » », a paragraph ending in ":" before it); an event later in its sentence
 * ("''…'' of the plan, Mr. Holtz-Eakin said"); the person who opens its sentence. A quote with
 * none of these carries the speaker of its neighbours, per the guidelines' settled case: the
 * previous or next quote of its paragraph, the last speech event of its own or the previous
 * paragraph, or the one speaker of an article that quotes only one. An event that names nobody
 * ("a US official said", « explique un diplomate ») is an answer too: no speaker.
 */
import type { Span } from '../types';
import { isSentenceEnd, isWord, tokenAt, type TextView } from './context';
import { paragraphOfToken, type Discourse } from './discourse';
import { sentenceSubject, type PlacedEvent, type SpeechEvent } from './events';
import { nameStartingAt } from './names';

/** The outcome for one quote. */
export interface Attribution {
  /** Entity ids; empty when nobody is named. */
  speakers: string[];
  /** The phrase naming the speaker, when there is one. */
  span?: Span;
  /** True when the quote's own context decided (even if it names nobody), false when carried over. */
  own: boolean;
}

/**
 * What a quote's own context decides, before speakers are resolved: the speech event it belongs to
 * (by index), or speakers named right there. A speaker given as a number is the result of the
 * `links[number]` call to `linkName`, made once the text's events are resolved (that is when the
 * whole-text analysis links names, and the order decides which spelling an unlinked id shows).
 */
export interface OwnDecision {
  event?: number;
  speakers?: (string | number)[];
  span?: Span;
  /** Every name this quote's rules linked, in order, kept even when the rule then failed. */
  links: [name: string, type: string][];
}

/** How many tokens after a quote an attribution may start ("“…,” supreme leader Ayatollah Ali Khamenei said"). */
const RIGHT_REACH = 6;
/** How far back in its sentence a quote looks for an introducing event. */
const LEFT_REACH = 60;

/** Speech events indexed for the rules: by first token and by cue (cues are sorted). */
export interface EventIndex {
  events: SpeechEvent[];
  byFirst: Map<number, number>;
  byCue: Map<number, number>;
  cues: number[];
}

export function indexEvents(events: SpeechEvent[]): EventIndex {
  const byFirst = new Map<number, number>();
  const byCue = new Map<number, number>();
  events.forEach((e, i) => {
    if (!byFirst.has(e.first)) byFirst.set(e.first, i);
    byCue.set(e.cue, i);
  });
  return { events, byFirst, byCue, cues: events.map(e => e.cue) };
}

/** Records the names a quote's rules link, standing in for `linkName` until the text's events are resolved. */
class Links {
  links: [string, string][] = [];
  link(name: string, type: string): number {
    return this.links.push([name, type]) - 1;
  }
}

interface Direct {
  speakers: (string | number)[];
  span?: Span;
}

const decided = (links: Links, found: Direct | null): OwnDecision | null => (found ? { speakers: found.speakers, span: found.span, links: links.links } : null);

/** The decision of quote `quotes[qi]` (sorted, top-level) from its own context; null when it has none. */
export function ownDecision(view: TextView, quotes: Span[], qi: number, index: EventIndex): OwnDecision | null {
  const links = new Links();
  const found = ownAttribution(view, quotes, qi, index, links);
  if (typeof found === 'number') return { event: found, links: links.links };
  if (found) return decided(links, found);
  return links.links.length ? { links: links.links } : null;
}

/** The event index or the named speakers of a quote; null when its own context names nobody. */
function ownAttribution(view: TextView, quotes: Span[], qi: number, index: EventIndex, links: Links): number | Direct | null {
  const { events, byFirst, byCue, cues } = index;
  const q = quotes[qi];
  const n = view.tokens.length;
  const first = tokenAt(view, q.start);
  const after = tokenAt(view, q.end);
  const endParagraph = first < n ? view.paragraphOf[Math.max(first, after - 1)] : -1;

  // 0. A transcript line: the speaker's label opens the quote ("\"PENCE: Well, look, …").
  const label = transcriptLabel(view, first, after, links);
  if (label) return label;

  // 1. Right after the quote: "“…,” he said", « », a déclaré Charles Michel ».
  let r = after;
  while (r < n && view.paragraphOf[r] === endParagraph && /^[,;—–―-]$/.test(view.tokens[r].text)) r++;
  // A byline after a dash: "“…” ― Sonya Herridge".
  if (r > after && /^[—–―-]$/.test(view.tokens[r - 1].text)) {
    const byline = bylineAt(view, r, links);
    if (byline) return byline;
  }
  for (let k = r; k < n && k - r <= RIGHT_REACH && view.paragraphOf[k] === endParagraph && view.quoteOf[k] < 0; k++) {
    const e = byFirst.get(k);
    if (e !== undefined && events[e].cue >= r) return e;
    if (!isWord(view, k) && view.tokens[k].text !== '.') break;
  }

  if (first >= n) return null;
  const paragraph = view.paragraphOf[first];
  // 1b. An incise inside the quote: « Nous devons, a-t-il dit, agir vite ».
  const inner = lastCueBefore(cues, after);
  for (let e = inner; e >= 0 && events[e].cue > first; e--) {
    if (events[e].inside) return e;
  }
  // 2a. A name right before the quote with only a dash or a colon between: "the former candidate Mitt Romney -- ''…''".
  let d = first - 1;
  while (d >= 0 && view.paragraphOf[d] === paragraph && /^[-—–―:]$/.test(view.tokens[d].text) && first - d <= 2) d--;
  if (d < first - 1 && d >= 0 && view.paragraphOf[d] === paragraph && view.mentionOf[d] >= 0 && view.quoteOf[d] < 0) {
    const m = view.mentions[view.mentionOf[d]];
    if (m.type !== 'LOCATION' && m.end === view.tokens[d].end) return { speakers: [m.entityId], span: { start: m.start, end: m.end } };
  }
  // 2. Earlier in the sentence (back to the previous quote): the nearest speech event.
  let left = first;
  while (left - 1 >= 0 && first - left < LEFT_REACH && view.paragraphOf[left - 1] === paragraph && view.quoteOf[left - 1] < 0 && !isSentenceEnd(view, left - 1)) left--;
  const nearest = lastCueBefore(cues, first);
  if (nearest >= 0 && events[nearest].cue >= left && events[nearest].last < first) return nearest;

  // 3. A colon or a name introducing the quote: "Kerry: « … »", « Adrien Rabiot (milieu) : » + new paragraph.
  const intro = introduction(view, left, first, links);
  if (intro) return intro;
  if (left === view.paragraphFirstToken[paragraph] && paragraph > 0) {
    const previousLast = view.paragraphFirstToken[paragraph] - 1;
    if (previousLast >= 0 && view.tokens[previousLast].text === ':' && view.paragraphOf[previousLast] === paragraph - 1) {
      let start = previousLast;
      while (start - 1 >= 0 && view.paragraphOf[start - 1] === paragraph - 1 && view.quoteOf[start - 1] < 0 && !isSentenceEnd(view, start - 1)) start--;
      const e = lastCueBefore(cues, previousLast);
      if (e >= 0 && events[e].cue >= start) return e;
      const named = introduction(view, start, previousLast + 1, links);
      if (named) return named;
    }
  }

  // 4. Later in the quote's sentence: "''I have admiration for the mechanics'' of the plan, Mr. Holtz-Eakin said."
  for (let k = after; k < n && k - after < 30 && view.paragraphOf[k] === endParagraph && view.quoteOf[k] < 0; k++) {
    const e = byCue.get(k);
    if (e !== undefined && events[e].first >= after) return e;
    if (isSentenceEnd(view, k)) break;
  }

  // 5. A person opening the sentence the quote sits in (« Sonia Lejeune, retraitée, défile "pour …" »).
  if (left < first) {
    const subject = sentenceSubject(view, first);
    if (subject && subject.kind === 'named' && view.entityById.get(subject.entityIds[0])?.type === 'PERSON') {
      let k = left;
      while (k < first && (view.mentionOf[k] < 0 || view.mentions[view.mentionOf[k]].entityId !== subject.entityIds[0])) k++;
      const m = k < first ? view.mentions[view.mentionOf[k]] : null;
      return { speakers: subject.entityIds, span: m ? { start: m.start, end: m.end } : undefined };
    }
  }
  return null;
}

// Module-level: the bundler rebuilds a `\p{…}` literal outside a character class at every call.
const CAPITALS_LABEL = /^\p{Lu}[\p{Lu}.'’-]+$/u;
const WORD_INITIAL = /(^|[\s'’-])\p{L}/gu;

/** An all-capitals name and a colon right after the opening mark: an interview transcript's speaker label. */
function transcriptLabel(view: TextView, first: number, after: number, links: Links): Direct | null {
  let k = first + 1;
  const start = k;
  while (k < after && k - start < 3 && CAPITALS_LABEL.test(view.tokens[k].text)) k++;
  if (k === start || k >= after || view.tokens[k].text !== ':') return null;
  const name = view.text.slice(view.tokens[start].start, view.tokens[k - 1].end);
  const speaker = links.link(name.toLowerCase().replace(WORD_INITIAL, c => c.toUpperCase()), 'PERSON');
  return { speakers: [speaker], span: { start: view.tokens[start].start, end: view.tokens[k].end } };
}

/** A name after a dash that ends the paragraph: the quote's byline ("― Sonya Herridge", "— Kerry, in a tweet"). */
function bylineAt(view: TextView, start: number, links: Links): Direct | null {
  const n = view.tokens.length;
  const paragraph = view.paragraphOf[start];
  const mi = start < n ? view.mentionOf[start] : -1;
  let end: number;
  let speaker: string | number;
  if (mi >= 0) {
    // Any type: after a dash at the end of a quote a name is a byline, even one the recognizer took for a place.
    end = start;
    while (end + 1 < n && view.mentionOf[end + 1] === mi) end++;
    speaker = view.mentions[mi].entityId;
  } else {
    const name = nameStartingAt(view, start);
    if (!name || name.first !== start) return null;
    end = name.last;
    speaker = links.link(name.name, name.type);
  }
  // The name ends the paragraph or is followed by a comma and a short description.
  const next = end + 1;
  if (next < n && view.paragraphOf[next] === paragraph && !/^[,(.]$/.test(view.tokens[next].text)) return null;
  return { speakers: [speaker], span: { start: view.tokens[start].start, end: view.tokens[end].end } };
}

/** Index of the last event whose cue is before token `token`, or -1 (cues are sorted). */
function lastCueBefore(cues: number[], token: number): number {
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid] < token) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * A name introducing a quote with only a colon or a parenthesis between: "Jagland: ‘…’",
 * « Charles Michel: «…» », « Didier Deschamps (sélectionneur …) « … » ». `[from, to)` are the
 * tokens before the quote.
 */
function introduction(view: TextView, from: number, to: number, links: Links): Direct | null {
  if (to <= from) return null;
  let k = from;
  while (k < to && /^[-—–•]$/.test(view.tokens[k].text)) k++;
  if (k >= to) return null;
  const mi = view.mentionOf[k];
  let speaker: string | number;
  let span: Span;
  if (mi >= 0) {
    if (view.mentions[mi].type === 'LOCATION') return null;
    while (k + 1 < to && view.mentionOf[k + 1] === mi) k++;
    speaker = view.mentions[mi].entityId;
    span = { start: view.mentions[mi].start, end: view.mentions[mi].end };
  } else {
    // A name the recognizer missed, alone before the colon ("Jagland: ‘…’").
    const name = nameStartingAt(view, k);
    if (!name || name.first !== k) return null;
    k = name.last;
    speaker = links.link(name.name, name.type);
    span = { start: view.tokens[name.first].start, end: view.tokens[name.last].end };
  }
  k++;
  if (k < to && view.tokens[k].text === '(') {
    let depth = 0;
    for (; k < to; k++) {
      if (view.tokens[k].text === '(') depth++;
      else if (view.tokens[k].text === ')' && --depth === 0) { k++; break; }
    }
  }
  if (k < to && /^[:—–-]$/.test(view.tokens[k].text)) k++;
  if (k !== to) return null;
  return { speakers: [speaker], span };
}

/** The attribution phrase of an event as a character span. */
export function eventSpan(event: PlacedEvent): Span {
  return { start: event.start, end: event.end };
}

/** The paragraph of each quote as the rules see it: that of its first token (or of the text's last token). */
function paragraphsOfQuotes(doc: Discourse, firstTokens: Int32Array): Int32Array {
  const { quoteStart } = doc.tables;
  const n = doc.tokens.length;
  const paragraphs = new Int32Array(firstTokens.length);
  for (let p = 0; p + 1 < quoteStart.length; p++) {
    for (let qi = quoteStart[p]; qi < quoteStart[p + 1]; qi++) {
      const first = firstTokens[qi];
      paragraphs[qi] = n === 0 ? 0 : first < doc.firstToken[p + 1] ? p : paragraphOfToken(doc, Math.min(first, n - 1));
    }
  }
  return paragraphs;
}

/** The key the one-speaker rule compares: the speakers as a set, written out only when it cannot tell otherwise. */
function sameSpeakers(a: string[], b: string[]): boolean {
  if (a === b) return true;
  if (a.length === 1 && b.length === 1) return a[0] === b[0];
  return [...a].sort().join('|') === [...b].sort().join('|');
}

/** Fill quotes without their own attribution from their neighbours (see the file comment). */
export function carryOver(doc: Discourse, own: (Attribution | null)[], firstTokens: Int32Array, events: PlacedEvent[], speakers: string[][]): Attribution[] {
  const result: Attribution[] = [];
  const { quoteStarts, quoteEnds, paragraphStarts, paragraphEnds } = doc.tables;
  const count = quoteStarts.length;
  const paragraphOfQuote = paragraphsOfQuotes(doc, firstTokens);
  const cues = events.map(e => e.cue);
  // The one speaker set of an article whose attributed quotes all name the same speakers.
  let single: Attribution | null = null;
  for (const a of own) {
    if (a === null || a.speakers.length === 0) continue;
    if (single === null) single = a;
    else if (!sameSpeakers(single.speakers, a.speakers)) {
      single = null;
      break;
    }
  }
  // The next quote of the same paragraph with its own attribution, computed right to left (linear).
  const nextOwnInParagraph: (Attribution | null)[] = new Array(count).fill(null);
  for (let i = count - 2; i >= 0; i--) {
    if (paragraphOfQuote[i + 1] !== paragraphOfQuote[i]) continue;
    nextOwnInParagraph[i] = own[i + 1] ?? nextOwnInParagraph[i + 1];
  }
  for (let i = 0; i < count; i++) {
    const mine = own[i];
    if (mine) {
      result.push(mine);
      continue;
    }
    const p = paragraphOfQuote[i];
    if (i > 0 && paragraphOfQuote[i - 1] === p) {
      const prev = result[i - 1];
      result.push({ speakers: prev.speakers, span: prev.span, own: false });
      continue;
    }
    const nextOwn = nextOwnInParagraph[i];
    if (nextOwn) {
      result.push({ speakers: nextOwn.speakers, span: nextOwn.span, own: false });
      continue;
    }
    // A quote left open at the end of its paragraph and continued by the next paragraph's quote
    // (the English multi-paragraph convention) belongs to whoever the continuation credits.
    if (i + 1 < count && paragraphOfQuote[i + 1] === p + 1 && own[i + 1] && p < paragraphEnds.length && quoteEnds[i] === paragraphEnds[p] && p + 1 < paragraphStarts.length && paragraphStarts[p + 1] === quoteStarts[i + 1]) {
      const continued = own[i + 1] as Attribution;
      result.push({ speakers: continued.speakers, span: continued.span, own: false });
      continue;
    }
    const e = lastCueBefore(cues, firstTokens[i]);
    if (e >= 0 && speakers[e].length && paragraphOfToken(doc, events[e].cue) >= p - 1) {
      result.push({ speakers: speakers[e], span: eventSpan(events[e]), own: false });
      continue;
    }
    if (single) {
      result.push({ speakers: single.speakers, span: single.span, own: false });
      continue;
    }
    result.push({ speakers: [], own: false });
  }
  return result;
}
