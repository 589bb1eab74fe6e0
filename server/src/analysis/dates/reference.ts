/**
 * The article's own date, against which "Monday", "hier" and "last year" resolve. Scraped articles
 * state it in many places, so every full date (day, month and year) of the first paragraphs is a
 * candidate, scored by where it sits: right after a publication cue ("Published", "Posted",
 * "Publié le", "date", also a compact "Published: 19980812") is best; then an uncued date on a line
 * that also carries an update cue ("Le Monde | 22.03.2017 • Mis à jour le 23.03.2017"); then a date
 * after an update cue ("Updated", "Latest update", "Mis à jour le"); then a short line that is
 * mostly the date (a byline or date line); then a dateline opening a paragraph ("Washington –
 * September 5, 2014 –"); then a date in the source URL (`/2014/06/27/`); last, the first full date
 * anywhere early on (a caption, or a body date when it is the only one). No candidate means no
 * reference: relative dates then stay unresolved rather than being guessed.
 */
import type { Layout } from '../layout';
import type { Language, Paragraph, ReferenceDate } from '../types';
import { formatDay, isValidDay } from './calendar';
import { chronoWindows } from './candidates';
import { chronoDates } from './chronoDates';
import type { AnalysisMemo } from '../memo';

/** Publication cues; the date must follow within a few words. */
const CUE = /(?:published|posted|date[ds]?|publi[ée]e?|cr[ée]{2}e?|paru)\b[^\p{L}\p{N}]{0,6}(?:(?:on|le|:)\s*)?(?:\p{L}+[,.]?\s+)?$/iu;
/** Update cues: the date of a later revision, second best after the publication date. */
const UPDATE_CUE = /(?:updated|latest\s+update|last\s+updated|last\s+modified|modified|mis\s+à\s+jour|mise\s+à\s+jour|modifi[ée]e?|actualis[ée]e?)\b[^\p{L}\p{N}]{0,6}(?:(?:on|le|:)\s*)?(?:\p{L}+[,.]?\s+)?$/iu;
/** Any cue anywhere on a line makes it a date line. */
const ANY_CUE = /\b(?:published|posted|updated|latest\s+update|publi[ée]e?|mis\s+à\s+jour|mise\s+à\s+jour|modifi[ée]e?|actualis[ée]e?)\b/iu;

/** A date in a URL path: /2014/06/27/, /2016-03-24/, -20140627-. */
const URL_DATE = /(?:https?:\/\/|www\.)\S*?[/_-]((?:19|20)\d\d)([/-])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)/i;

/** A compact YYYYMMDD or YYMMDD date. */
const COMPACT_DATE = /(?<!\d)((?:19|20)?\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/;

/** How many paragraphs from the top may hold a dateline or a fallback date. */
const EARLY_PARAGRAPHS = 40;

/** How much of each paragraph is searched (UTF-16 units). */
const SEARCHED_HEAD = 1000;

interface Scored extends ReferenceDate {
  score: number;
}

/** The best score a date in paragraph `index` can get: only early paragraphs count uncued dates. */
const bestPossible = (index: number) => (index < EARLY_PARAGRAPHS ? 100 : 95) - index * 0.01;

/** Words one of the cues needs (same flags, so the same case folding): a later paragraph without one holds no candidate. */
const CUE_WORD = /published|posted|date|publi|cr[ée]{2}|paru|update|modifi|mise?\s+à\s+jour|actualis/iu;

/**
 * The article's reference date, or null. Pure: it reads only the text.
 * The returned span is the date as written (inside the URL for URL dates).
 * With a memo, the candidates of a paragraph whose head is unchanged are reused.
 */
export function findReferenceDate(layout: Layout, memo?: AnalysisMemo): ReferenceDate | null {
  const { text, paragraphs } = layout;
  const known = memo?.stage<Scored[]>('reference-date');
  let best: Scored | null = null;
  const limit = Math.min(paragraphs.length, 200);
  for (let i = 0; i < limit; i++) {
    // Scores fall with the paragraph's index: once nothing further down can win, stop looking.
    if (best && best.score >= bestPossible(i)) break;
    const p = paragraphs[i];
    const early = i < EARLY_PARAGRAPHS;
    let candidates: Scored[];
    if (!known) candidates = dateLineCandidates(text, p, early);
    else {
      // What the candidates read: the paragraph's head and the few characters after it (see `isDateline`).
      const headEnd = Math.min(p.end, p.start + SEARCHED_HEAD);
      const key = `${early ? 'early' : 'late'}|${p.language}|${Math.min(p.end - p.start, SEARCHED_HEAD + 1)}|${text.slice(p.start, headEnd + 4)}`;
      let relative = known.get(key);
      if (!relative) {
        relative = dateLineCandidates(text, p, early).map(c => ({ ...c, start: c.start - p.start, end: c.end - p.start }));
        known.set(key, relative);
      }
      candidates = relative.map(c => ({ ...c, start: c.start + p.start, end: c.end + p.start }));
    }
    for (const candidate of candidates) {
      const score = candidate.score - i * 0.01;
      if (!best || score > best.score) best = { ...candidate, score };
    }
  }
  if (!best) return null;
  const { start, end, text: span, value } = best as Scored;
  return { start, end, text: span, value };
}

/**
 * The reference date candidates of paragraph `p`, in the order they are considered, each scored
 * by where it sits (before the paragraph index is taken off). `early` for the first paragraphs.
 */
function dateLineCandidates(text: string, p: Paragraph, early: boolean): Scored[] {
  const found: Scored[] = [];
  // A date line states its date early: only the head of a long paragraph is searched.
  const end = Math.min(p.end, p.start + SEARCHED_HEAD);
  const line = text.slice(p.start, end);
  if (!/\d/.test(line)) return found;
  // Further down only a cued date counts.
  if (!early && !CUE_WORD.test(line)) return found;
  const url = URL_DATE.exec(line);
  if (url && early && isValidDay(+url[1], +url[3], +url[4])) {
    const start = p.start + url.index + url[0].length - 10;
    found.push({ start, end: start + 10, text: text.slice(start, start + 10), value: `${url[1]}-${url[3]}-${url[4]}`, score: 60 });
  }
  // "Published: 19980812": a compact date counts only right after a publication cue.
  const compact = COMPACT_DATE.exec(line);
  // Two-digit years pivot at 50: "980120" is 1998, "050120" is 2005.
  const compactYear = compact ? (compact[1].length === 4 ? +compact[1] : +compact[1] + (+compact[1] >= 50 ? 1900 : 2000)) : 0;
  if (compact && early && CUE.test(line.slice(Math.max(0, compact.index - 40), compact.index)) && isValidDay(compactYear, +compact[2], +compact[3])) {
    const start = p.start + compact.index;
    found.push({ start, end: start + compact[0].length, text: compact[0], value: `${compactYear}-${compact[2]}-${compact[3]}`, score: 100 });
  }
  for (const date of fullDates(text, p.start, end, p.language)) {
    const before = text.slice(Math.max(p.start, date.start - 40), date.start);
    const short = p.end - p.start <= 160;
    const rest = short ? (text.slice(p.start, date.start) + text.slice(date.end, p.end)).replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : line;
    let score: number;
    if (CUE.test(before)) score = early ? 100 : 95;
    // On a line that also says "Mis à jour le …", an uncued first date is the publication date.
    else if (ANY_CUE.test(line) && !UPDATE_CUE.test(before) && early) score = 97;
    else if (UPDATE_CUE.test(before)) score = early ? 96 : 94;
    // A short line that is mostly the date (a byline, a date line), unless a preposition makes
    // the date part of a sentence ("On Jan. 20, 2016, they met.").
    else if (rest.length <= 40 && early && !/(?:^|\s)(?:on|in|at|since|by|until|from|le|du|au|depuis|en|à|dès)\s+$/i.test(before)) score = 90;
    else if (early && isDateline(text, p.start, p.end, date.start, date.end)) score = 70;
    else if (early) score = 30;
    else continue;
    found.push({ ...date, score });
  }
  return found;
}

/**
 * True when the date at `[start, end)` opens its paragraph as a dateline does: within the first 60
 * characters, after a place or an agency and a dash, colon or parenthesis ("Washington – (DoD News) –
 * September 5, 2014 –"), and followed by a dash, a bar, a parenthesis or the end of the line, not
 * by running text ("On Sept. 5, 2014, the ministers met").
 */
function isDateline(text: string, paragraphStart: number, paragraphEnd: number, start: number, end: number): boolean {
  const before = text.slice(paragraphStart, start);
  if (before.length > 60) return false;
  if (before.trim() && !/[–—:|(),-]\s*$/.test(before)) return false;
  return end === paragraphEnd || /^\s*(?:[–—|(:-]|$)/.test(text.slice(end, end + 4));
}

/** Full dates (day, month, year) in `text[from, to)`, trying both languages' month names. */
function fullDates(text: string, from: number, to: number, language: Language): ReferenceDate[] {
  const out: ReferenceDate[] = [];
  const seen = new Set<number>();
  for (const lang of language === 'fr' ? (['fr', 'en'] as const) : (['en', 'fr'] as const)) {
    for (const window of chronoWindows(text, from, to, lang)) {
      for (const c of chronoDates(text, window.start, window.end, lang)) {
        const s = c.spec;
        if (s.kind !== 'day' || s.year === undefined || !isValidDay(s.year, s.month, s.day) || seen.has(c.start)) continue;
        seen.add(c.start);
        out.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), value: formatDay({ year: s.year, month: s.month, day: s.day }) });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
