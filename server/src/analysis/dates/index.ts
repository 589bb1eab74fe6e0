/**
 * Date recognition for the analysis core: finds every date expression of an article and resolves it
 * against the article's reference date. Per paragraph it runs the cheap pre-filter, chrono-node on
 * windows around explicit dates, and the rule table of the paragraph's language; then it joins
 * weekdays to the dates they introduce ("Friday, November 19, 2010", "vendredi 22 septembre") and
 * French "dernier"/"prochain" to the date before them, keeps the longest of overlapping candidates,
 * and resolves each with the tense of its sentence. Pure: the text is the only input.
 */
import type { Layout } from '../layout';
import type { DateMention, Language, ReferenceDate, Sentence, Span } from '../types';
import { parseIsoDay } from './calendar';
import { chronoWindows, mayHoldDate } from './candidates';
import { chronoDates } from './chronoDates';
import { urlSpans } from './filters';
import { resolve } from './resolve';
import { applyRules } from './rules';
import { EN_RULES } from './rulesEn';
import { FR_RULES } from './rulesFr';
import type { DateCandidate } from './spec';
import { tenseAt } from './tense';

export { findReferenceDate } from './reference';

const RULES = { en: EN_RULES, fr: FR_RULES };

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** All candidates of one paragraph, before overlap resolution. */
function paragraphCandidates(text: string, from: number, to: number, language: Language): DateCandidate[] {
  const found: DateCandidate[] = [];
  for (const window of chronoWindows(text, from, to, language)) found.push(...chronoDates(text, window.start, window.end, language));
  found.push(...applyRules(RULES[language], text, from, to));
  const urls = urlSpans(text, from, to);
  return urls.length ? found.filter(c => !urls.some(u => overlaps(u, c))) : found;
}

/**
 * Joins a weekday to the explicit date right after it ("Friday, November 19"), and extends a
 * French day or month with a following "dernier"/"prochain" ("22 mars dernier").
 */
function attachAffixes(text: string, candidates: DateCandidate[], language: Language): DateCandidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const weekdaysByEnd = new Map<number, DateCandidate>();
  for (const w of sorted) if (w.spec.kind === 'weekday' && !weekdaysByEnd.has(w.end)) weekdaysByEnd.set(w.end, w);
  for (const c of sorted) {
    if (c.spec.kind !== 'day' && c.spec.kind !== 'month') continue;
    if (language === 'fr' && c.spec.kind === 'day') {
      const tail = /^[ \t\u00a0]+(dernier|derni[eè]re|prochain|prochaine|pass[ée]e?)(?![\p{L}])/iu.exec(text.slice(c.end, c.end + 16));
      if (tail) {
        c.end += tail[0].length;
        if (c.spec.year === undefined) c.spec = { ...c.spec, direction: /^(?:prochaine?)$/i.test(tail[1]) ? 1 : -1 };
      }
    }
    // "June 16th of last year", "mars de l'année dernière": the year is relative.
    if (c.spec.year === undefined) {
      const ofYear = /^,?[ \t\u00a0]+(?:of[ \t\u00a0]+(last|this|next)[ \t\u00a0]+year|de[ \t\u00a0]+l['’]an(?:née)?[ \t\u00a0]+(derni[eè]re?|pass[ée]e?|prochaine?))(?![\p{L}])/iu.exec(text.slice(c.end, c.end + 32));
      if (ofYear) {
        const word = (ofYear[1] ?? ofYear[2]).toLowerCase();
        c.end += ofYear[0].length;
        c.spec = { ...c.spec, yearOffset: /^(?:this)$/.test(word) ? 0 : /^(?:next|prochaine?)$/.test(word) ? 1 : -1 };
      }
    }
    if (c.spec.kind !== 'day') continue;
    // "ce 22 mars": the demonstrative stays, like in "ce mercredi".
    if (language === 'fr') {
      const ce = /(?<![\p{L}])ce[ \t\u00a0]+$/iu.exec(text.slice(Math.max(0, c.start - 4), c.start));
      if (ce) c.start -= ce[0].length;
    }
    // The weekday ends at most a comma and a few spaces before the date.
    for (let gap = 0; gap <= 4; gap++) {
      const weekday = weekdaysByEnd.get(c.start - gap);
      if (weekday && /^,?[ \t\u00a0]*$/.test(text.slice(weekday.end, c.start))) {
        c.start = weekday.start;
        break;
      }
    }
  }
  return sorted;
}

/**
 * Keeps the longest of overlapping candidates; on equal length, the lower priority number. Works
 * cluster by cluster (runs of mutually reachable overlaps), so the cost stays linear in practice.
 */
function resolveOverlaps(candidates: DateCandidate[]): DateCandidate[] {
  const byStart = [...candidates].sort((a, b) => a.start - b.start);
  const kept: DateCandidate[] = [];
  const rank = (a: DateCandidate, b: DateCandidate) => b.end - b.start - (a.end - a.start) || (a.priority ?? 1) - (b.priority ?? 1) || a.start - b.start;
  for (let i = 0; i < byStart.length; ) {
    let j = i + 1;
    let clusterEnd = byStart[i].end;
    while (j < byStart.length && byStart[j].start < clusterEnd) clusterEnd = Math.max(clusterEnd, byStart[j++].end);
    const cluster = byStart.slice(i, j).sort(rank);
    const chosen: DateCandidate[] = [];
    for (const c of cluster) if (!chosen.some(k => overlaps(k, c))) chosen.push(c);
    kept.push(...chosen.sort((a, b) => a.start - b.start));
    i = j;
  }
  return kept;
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
export function recognizeDates(layout: Layout, reference: ReferenceDate | null): DateMention[] {
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
      const { value, relative } = resolve(c.spec, referenceDay, tense);
      mentions.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), value, relative });
    }
  }
  // A compact date line ("Published: 19980812") is only read as a date where it gives the reference.
  if (reference && /^\d{6}(?:\d\d)?$/.test(reference.text) && !mentions.some(m => overlaps(m, reference))) {
    mentions.push({ start: reference.start, end: reference.end, text: reference.text, value: reference.value, relative: false });
    mentions.sort((a, b) => a.start - b.start);
  }
  return mentions;
}
