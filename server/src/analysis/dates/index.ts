/**
 * Date recognition for the analysis core: finds every date expression of an article and resolves it
 * against the article's reference date. Per paragraph it runs the cheap pre-filter, chrono-node on
 * windows around explicit dates and the rule table of the paragraph's language, drops what lies
 * inside URLs, assembles the spans (`spans.ts`), and resolves each with the tense of its sentence
 * (`tense.ts`, `resolve.ts`). Pure: the text is the only input; no clock, no I/O.
 */
import type { Layout } from '../layout';
import type { DateMention, Language, Paragraph, ReferenceDate, Sentence, Span } from '../types';
import { parseIsoDay, type Day } from './calendar';
import { datesContextEnd, datesContextStart } from './context';
import { chronoWindows, mayHoldDate } from './candidates';
import { chronoDates, forgetChronoMemo } from './chronoDates';
import { urlSpans } from './filters';
import { readsTense, resolve } from './resolve';
import { applyRules } from './rules';
import { attachAffixes, resolveOverlaps } from './spans';
import { EN_RULES } from './rulesEn';
import { FR_RULES } from './rulesFr';
import type { DateCandidate } from './spec';
import { tenseAt, type Tense } from './tense';
import type { AnalysisMemo, Memo } from '../memo';
import { ownCopy } from '../ownCopy';

export { findReferenceDate } from './reference';

const RULES = { en: EN_RULES, fr: FR_RULES };

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** All candidates of one paragraph, before overlap resolution. */
function paragraphCandidates(text: string, from: number, to: number, language: Language): DateCandidate[] {
  const found: DateCandidate[] = [];
  // Explicit dates in the other language too (an English caption in a French article): the month
  // names differ, so each language's anchors only fire on its own dates.
  for (const lang of language === 'fr' ? (['fr', 'en'] as const) : (['en', 'fr'] as const)) {
    for (const window of chronoWindows(text, from, to, lang)) found.push(...chronoDates(text, window.start, window.end, lang));
  }
  found.push(...applyRules(RULES[language], text, from, to));
  const urls = urlSpans(text, from, to);
  return urls.length ? found.filter(c => !urls.some(u => overlaps(u, c))) : found;
}

/** The sentence containing `offset` (binary search over sorted sentences). */
function sentenceAt(sentences: Sentence[], offset: number): Span | undefined {
  let lo = 0, hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The tense of the clause around `span`, inside its sentence. */
function tenseIn(layout: Layout, paragraph: Paragraph, span: Span): Tense {
  const sentence = sentenceAt(layout.sentences, span.start) ?? paragraph;
  return tenseAt(layout.text, sentence.start, sentence.end, span.start, span.end, paragraph.language);
}

/** The dates of one paragraph, in text offsets. */
function paragraphDates(layout: Layout, paragraph: Paragraph, referenceDay: Day | null): DateMention[] {
  const { text } = layout;
  const mentions: DateMention[] = [];
  const candidates = paragraphCandidates(text, paragraph.start, paragraph.end, paragraph.language);
  if (!candidates.length) return mentions;
  for (const c of resolveOverlaps(attachAffixes(text, candidates, paragraph.language))) {
    // The tense is not read for the rest, so any value does.
    const tense = readsTense(c.spec, referenceDay) ? tenseIn(layout, paragraph, c) : 'none';
    // A year after a name is an event ("RIMPAC 2016") near the article's time, or a product ("Mirage 2000").
    if (c.spec.kind === 'year' && c.spec.named && referenceDay && Math.abs(c.spec.year - referenceDay.year) > 5) continue;
    const { value, relative, how } = resolve(c.spec, referenceDay, tense);
    mentions.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), value, relative, resolution: how });
  }
  return mentions;
}

const shifted = (mention: DateMention, by: number): DateMention => ({ ...mention, start: mention.start + by, end: mention.end + by });

/**
 * A paragraph's dates as the memo keeps them, with everything their recognition read: the text of
 * the paragraph's context (`context.ts`), where the paragraph lies in it, its language and the
 * reference date. Offsets are relative to the paragraph's start, so an edit above it does not
 * invalidate them.
 */
interface KnownDates {
  /** An own copy (see `ownCopy`): entries outlive many versions of the text. */
  context: string;
  /** Where the context began in the text of the last analysis that used this entry. */
  contextStart: number;
  start: number;
  end: number;
  language: Language;
  reference: string | null;
  mentions: DateMention[];
}

/** The memo's one entry: the last analysis's text and paragraphs, in order. */
const LAST_ANALYSIS = 'paragraphs';

interface LastDates {
  text: string;
  paragraphs: KnownDates[];
}

/** The dates of `paragraph`, found afresh, as the memo keeps them. */
function knownDates(layout: Layout, paragraph: Paragraph, referenceDay: Day | null, reference: string | null): KnownDates {
  const { text } = layout;
  const found = mayHoldDate(text, paragraph.start, paragraph.end) ? paragraphDates(layout, paragraph, referenceDay) : [];
  const contextStart = datesContextStart(text, paragraph.start);
  return {
    // Kept across edits: the context and the dates' texts must not be slices that hold this version of the document alive.
    context: ownCopy(text.slice(contextStart, datesContextEnd(text, paragraph.end))),
    contextStart,
    start: paragraph.start - contextStart,
    end: paragraph.end - contextStart,
    language: paragraph.language,
    reference,
    // (Offsets are subtracted, not shifted by `-paragraph.start`: a -0 would box every span's offsets, see smallIntegerOffsets.test.ts.)
    mentions: found.map(m => ({ ...m, start: m.start - paragraph.start, end: m.end - paragraph.start, text: ownCopy(m.text) })),
  };
}

/**
 * Each paragraph's dates, reusing what the last analysis found. An edit changes a paragraph or two
 * and shifts the rest, so the last analysis's paragraphs are matched in order from the front, then
 * from the back; only those in between are recognized again. A paragraph matches when its
 * language, the reference date, its place in its context and the context's text are the same;
 * only contexts near the edit the layout found are read and compared.
 */
function datesWithMemo(layout: Layout, referenceDay: Day | null, reference: string | null, known: Memo<LastDates>): KnownDates[] {
  const { text, paragraphs } = layout;
  const lastDates = known.get(LAST_ANALYSIS);
  const last = lastDates?.paragraphs ?? [];
  // The edit from the last analysis's text (the same string: compared by reference), if the layout knows it.
  const edit = lastDates && layout.edit && layout.edit.previous === lastDates.text ? layout.edit : undefined;
  const shift = edit ? edit.newEnd - edit.oldEnd : 0;
  const current: KnownDates[] = new Array(paragraphs.length);
  const reuse = (entry: KnownDates, index: number): boolean => {
    const paragraph = paragraphs[index];
    if (entry.language !== paragraph.language || entry.reference !== reference) return false;
    // Finding a paragraph's context reads only the characters in it. A context that lay wholly in the
    // text before the edit, or after it (not at the start of the text), is the same text now, moved
    // by the edit's length or not at all: if the paragraph lies in it where it lay, nothing is read.
    const contextEnd = entry.contextStart + entry.context.length;
    const moved = edit === undefined ? -1 : contextEnd < edit.start ? entry.contextStart : entry.contextStart > edit.oldEnd ? entry.contextStart + shift : -1;
    if (moved >= 0 && paragraph.start === moved + entry.start && paragraph.end === moved + entry.end) {
      entry.contextStart = moved;
      current[index] = entry;
      return true;
    }
    const contextStart = datesContextStart(text, paragraph.start);
    const contextText = text.slice(contextStart, datesContextEnd(text, paragraph.end));
    if (entry.start !== paragraph.start - contextStart || entry.end !== paragraph.end - contextStart || entry.context !== contextText) return false;
    entry.contextStart = contextStart;
    current[index] = entry;
    return true;
  };
  let front = 0;
  while (front < paragraphs.length && front < last.length && reuse(last[front], front)) front++;
  // An edit shifts what follows it: match from the back too.
  let back = 0;
  while (front + back < paragraphs.length && front + back < last.length && reuse(last[last.length - 1 - back], paragraphs.length - 1 - back)) back++;
  for (let i = front; i < paragraphs.length - back; i++) current[i] = knownDates(layout, paragraphs[i], referenceDay, reference);
  known.set(LAST_ANALYSIS, { text, paragraphs: current });
  return current;
}

/**
 * Every date expression of the text, sorted by start, with values resolved against `reference`
 * (null values for relative expressions when there is no reference). Spans are UTF-16 offsets,
 * end exclusive. With a memo, a paragraph whose text, surroundings, language and reference date
 * are unchanged reuses its dates from the last analysis.
 */
export function recognizeDates(layout: Layout, reference: ReferenceDate | null, memo?: AnalysisMemo): DateMention[] {
  const { text } = layout;
  const referenceDay = reference ? parseIsoDay(reference.value) : null;
  const mentions: DateMention[] = [];
  if (memo) {
    const known = datesWithMemo(layout, referenceDay, reference ? reference.value : null, memo.stage<LastDates>('dates'));
    known.forEach((dates, i) => {
      for (const mention of dates.mentions) mentions.push(shifted(mention, layout.paragraphs[i].start));
    });
  } else {
    for (const paragraph of layout.paragraphs) {
      if (mayHoldDate(text, paragraph.start, paragraph.end)) for (const mention of paragraphDates(layout, paragraph, referenceDay)) mentions.push(mention);
    }
  }
  // A compact date line ("Published: 19980812") is only read as a date where it gives the reference.
  if (reference && /^\d{6}(?:\d\d)?$/.test(reference.text) && !mentions.some(m => overlaps(m, reference))) {
    mentions.push({ start: reference.start, end: reference.end, text: reference.text, value: reference.value, relative: false, resolution: 'the article\'s date line' });
    mentions.sort((a, b) => a.start - b.start);
  }
  // The reference finder ran before this: both have used the memo, which may now let the text go.
  forgetChronoMemo();
  return mentions;
}
