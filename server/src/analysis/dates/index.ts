/**
 * Date recognition for the analysis core: finds every date expression of an article and resolves it
 * against the article's reference date. Per paragraph it runs the cheap pre-filter, chrono-node on
 * windows around explicit dates and the rule table of the paragraph's language, drops what lies
 * inside URLs, assembles the spans (`spans.ts`), and resolves each with the tense of its sentence
 * (`tense.ts`, `resolve.ts`). Pure: the text is the only input; no clock, no I/O.
 */
import type { Layout } from '../layout';
import type { DateMention, Language, ReferenceDate, Sentence, Span } from '../types';
import { parseIsoDay } from './calendar';
import { chronoWindows, mayHoldDate } from './candidates';
import { chronoDates, forgetChronoMemo } from './chronoDates';
import { urlSpans } from './filters';
import { resolve } from './resolve';
import { applyRules } from './rules';
import { attachAffixes, resolveOverlaps } from './spans';
import { EN_RULES } from './rulesEn';
import { FR_RULES } from './rulesFr';
import type { DateCandidate } from './spec';
import { tenseAt } from './tense';
import type { AnalysisMemo } from '../memo';

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

/**
 * Every date expression of the text, sorted by start, with values resolved against `reference`
 * (null values for relative expressions when there is no reference). Spans are UTF-16 offsets,
 * end exclusive.
 */
export function recognizeDates(layout: Layout, reference: ReferenceDate | null, memo?: AnalysisMemo): DateMention[] {
  const { text } = layout;
  const referenceDay = reference ? parseIsoDay(reference.value) : null;
  const mentions: DateMention[] = [];
  for (const paragraph of layout.paragraphs) {
    if (!mayHoldDate(text, paragraph.start, paragraph.end)) continue;
    const candidates = paragraphCandidates(text, paragraph.start, paragraph.end, paragraph.language);
    if (!candidates.length) continue;
    for (const c of resolveOverlaps(attachAffixes(text, candidates, paragraph.language))) {
      const sentence = sentenceAt(layout.sentences, c.start) ?? paragraph;
      const tense = tenseAt(text, sentence.start, sentence.end, c.start, c.end, paragraph.language);
      // A year after a name is an event ("RIMPAC 2016") near the article's time, or a product ("Mirage 2000").
      if (c.spec.kind === 'year' && c.spec.named && referenceDay && Math.abs(c.spec.year - referenceDay.year) > 5) continue;
      const { value, relative, how } = resolve(c.spec, referenceDay, tense);
      mentions.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), value, relative, resolution: how });
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
