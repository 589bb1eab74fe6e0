/**
 * Span assembly: turns the raw candidates of one paragraph into the final spans. Modifiers the
 * guidelines keep are attached (a weekday before its date, "Friday, November 19"; "ce" before a
 * French date; "dernier"/"prochain" after one; "of last year" after a month or day), and of
 * overlapping candidates the longest survives, explicit chrono dates winning ties.
 */
import type { Language, Span } from '../types';
import type { DateCandidate } from './spec';

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Words around "Sept. 11" / "11 septembre" that name the 2001 attacks rather than this year's day. */
const NINE_ELEVEN_AFTER = /^,?\s+(?:terror(?:ist)?\s+)?(?:attacks?|hijack\w*|commission)\b/iu;
const NINE_ELEVEN_BEFORE = /attentats?\s+du\s+$/iu;

/**
 * Joins a weekday to the explicit date right after it ("Friday, November 19"), and extends a
 * French day or month with a following "dernier"/"prochain" ("22 mars dernier").
 */
export function attachAffixes(text: string, candidates: DateCandidate[], language: Language): DateCandidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const weekdaysByEnd = new Map<number, DateCandidate>();
  for (const w of sorted) if (w.spec.kind === 'weekday' && !weekdaysByEnd.has(w.end)) weekdaysByEnd.set(w.end, w);
  // "between Jan. 3 and Feb. 5, 2015", "du 3 mars au 5 avril 2016": the first end takes the year
  // the second one states (the year before when its month comes later).
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i], b = sorted[i + 1];
    if ((a.spec.kind !== 'day' && a.spec.kind !== 'month') || (b.spec.kind !== 'day' && b.spec.kind !== 'month')) continue;
    if (a.spec.year !== undefined || b.spec.year === undefined || a.end > b.start) continue;
    if (!/^[ \t\u00a0]*(?:[-–—]|to|and|until|through|au|et|à|jusqu['’]au)[ \t\u00a0]*$/iu.test(text.slice(a.end, b.start))) continue;
    a.spec = { ...a.spec, year: a.spec.month > b.spec.month ? b.spec.year - 1 : b.spec.year };
  }
  for (const c of sorted) {
    if (c.spec.kind !== 'day' && c.spec.kind !== 'month') continue;
    if (language === 'fr' && c.spec.kind === 'day') {
      const tail = /^[ \t\u00a0]+(derniers?|derni[eè]res?|prochains?|prochaines?|pass[ée]e?s?)(?![\p{L}])/iu.exec(text.slice(c.end, c.end + 16));
      if (tail) {
        c.end += tail[0].length;
        if (c.spec.year === undefined) c.spec = { ...c.spec, direction: /^prochaine?s?$/i.test(tail[1]) ? 1 : -1 };
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
    // "the Sept. 11 attacks", "les attentats du 11 septembre": the date of the event is 2001.
    if (c.spec.year === undefined && c.spec.month === 9 && c.spec.day === 11 && (NINE_ELEVEN_AFTER.test(text.slice(c.end, c.end + 30)) || NINE_ELEVEN_BEFORE.test(text.slice(Math.max(0, c.start - 16), c.start)))) {
      c.spec = { ...c.spec, year: 2001 };
    }
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
export function resolveOverlaps(candidates: DateCandidate[]): DateCandidate[] {
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
