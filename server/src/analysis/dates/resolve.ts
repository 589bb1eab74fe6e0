/**
 * Resolution: a `DateSpec`, the article's reference day and the tense of the clause become an ISO
 * 8601 value at the precision the text gives. News-style defaults: a bare weekday that is the
 * reference's own weekday is the reference day ("on Wednesday" in a Wednesday article), otherwise
 * the most recent one before it unless the clause is in the future; a month or day without a year
 * is the nearest one to the reference, leaning the way the tense points. Without a reference every
 * value that depends on it is null: a guess would look like a fact in an inlay hint.
 */
import { addDays, addMonths, dayNumber, formatDay, formatMonth, formatWeek, formatYear, isoWeekday, isValidDay, type Day } from './calendar';
import { holidayIn } from './holidays';
import type { Direction, DateSpec, Season } from './spec';
import type { Tense } from './tense';

/** The resolved value, whether it came from the reference date, and how. */
export interface Resolution {
  value: string | null;
  relative: boolean;
  /** A short explanation for hovers ("Monday before 2014-09-05 (past tense)"). */
  how: string;
}

/** True when the spec's value depends on the reference date. */
export function isRelative(spec: DateSpec): boolean {
  switch (spec.kind) {
    case 'day':
    case 'month':
      return spec.year === undefined;
    case 'year':
      return false;
    case 'season':
    case 'holiday':
      return spec.year === undefined;
    default:
      return true;
  }
}

/**
 * True when resolving `spec` against `reference` reads the clause's tense: relative expressions
 * that pick a side (a weekday, "Sept. 16", "next summer"), not counted offsets ("last week") nor
 * what the text states in full. Finding the tense costs two scans of the sentence, so it is only
 * looked for when it matters.
 */
export function readsTense(spec: DateSpec, reference: Day | null): boolean {
  if (!reference || !isRelative(spec)) return false;
  return spec.kind !== 'relativeDay' && spec.kind !== 'relativeWeek' && spec.kind !== 'relativeMonth' && spec.kind !== 'relativeYear';
}

/** The effective direction: explicit words win, then the tense. */
function lean(direction: Direction | undefined, tense: Tense): -1 | 1 {
  if (direction === -1 || direction === 1) return direction;
  return tense === 'future' ? 1 : -1;
}

/** Of the candidates (as sortable numbers), the nearest to `ref`, with the other side of the tense penalised. */
function nearestBiased(candidates: number[], ref: number, direction: Direction | undefined, tense: Tense): number {
  const side = lean(direction, tense);
  const strict = direction === -1 || direction === 1;
  let best = candidates[0];
  let bestCost = Infinity;
  for (const c of candidates) {
    const delta = c - ref;
    if (strict && (side < 0 ? delta >= 0 : delta <= 0)) continue;
    // A stated tense makes its side much likelier ("arrived Jan 20" in September is last January,
    // "stepped down in March" in February is last March); with no tense marker the past is only
    // slightly preferred ("the summit opens Sept. 16").
    const penalty = tense === 'none' ? 1.5 : 3;
    const cost = Math.abs(delta) * (delta === 0 || Math.sign(delta) === side ? 1 : penalty);
    if (cost < bestCost) {
      bestCost = cost;
      best = c;
    }
  }
  return best;
}

const SEASONS: Season[] = ['SP', 'SU', 'FA', 'WI'];

/** Season index (year * 4 + position) of a day; winter belongs to the year of its December. */
function seasonIndex(d: Day): number {
  if (d.month <= 2) return (d.year - 1) * 4 + 3;
  if (d.month === 12) return d.year * 4 + 3;
  return d.year * 4 + Math.floor((d.month - 3) / 3);
}

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const signed = (n: number, unit: string) => `${n < 0 ? '−' : '+'} ${Math.abs(n)} ${unit}${Math.abs(n) === 1 ? '' : 's'}`;

/** Why the tense or the text chose a side, for the explanation. */
function sideReason(direction: Direction | undefined, tense: Tense): string {
  if (direction === -1 || direction === 1) return 'as the text says';
  return tense === 'future' ? 'future tense' : tense === 'past' ? 'past tense' : 'news default';
}

/** The ISO value of `spec` given the reference day (or null) and the clause's tense. */
export function resolve(spec: DateSpec, reference: Day | null, tense: Tense): Resolution {
  const resolved = resolveValue(spec, reference, tense);
  return { ...resolved, how: explain(spec, reference, tense, resolved.value) };
}

/** A short explanation of a resolution, shown in hovers. */
function explain(spec: DateSpec, reference: Day | null, tense: Tense, value: string | null): string {
  if (!isRelative(spec)) return 'as written';
  if (!reference) return 'no reference date in the article';
  const ref = formatDay(reference);
  if (value === null) return `cannot be pinned down from ${ref}`;
  switch (spec.kind) {
    case 'weekday':
      if (value === ref) return `the reference day itself (${ref})`;
      return `${WEEKDAY_NAMES[spec.weekday]} ${value < ref ? 'before' : 'after'} ${ref} (${sideReason(spec.direction, tense)})`;
    case 'relativeDay':
      return spec.offset === 0 ? `the reference day (${ref})` : `${ref} ${signed(spec.offset, 'day')}`;
    case 'relativeWeek':
      return spec.offset === 0 ? `ISO week of ${ref}` : `ISO week of ${ref} ${signed(spec.offset, 'week')}`;
    case 'relativeMonth':
      return spec.offset === 0 ? `month of ${ref}` : `month of ${ref} ${signed(spec.offset, 'month')}`;
    case 'relativeYear':
      return spec.offset === 0 ? `year of ${ref}` : `year of ${ref} ${signed(spec.offset, 'year')}`;
    case 'weekend':
      return `the weekend nearest ${ref} (${sideReason(spec.direction, tense)}), as its ISO week`;
    default:
      return `year taken from ${ref} (${sideReason('direction' in spec ? spec.direction : undefined, tense)})`;
  }
}

function resolveValue(spec: DateSpec, reference: Day | null, tense: Tense): Omit<Resolution, 'how'> {
  const relative = isRelative(spec);
  if (!relative) {
    switch (spec.kind) {
      case 'day':
        return { value: isValidDay(spec.year!, spec.month, spec.day) ? formatDay({ year: spec.year!, month: spec.month, day: spec.day }) : null, relative };
      case 'month':
        return { value: formatMonth(spec.year!, spec.month), relative };
      case 'year':
        return { value: formatYear(spec.year), relative };
      case 'season':
        return { value: `${formatYear(spec.year!)}-${spec.season}`, relative };
      case 'holiday':
        return { value: formatDay(holidayIn(spec.key, spec.year!)), relative };
    }
  }
  if (!reference) return { value: null, relative };
  const ref = reference;
  switch (spec.kind) {
    case 'day': {
      if (spec.yearOffset !== undefined) {
        const year = ref.year + spec.yearOffset;
        return { value: isValidDay(year, spec.month, spec.day) ? formatDay({ year, month: spec.month, day: spec.day }) : null, relative };
      }
      const options = [ref.year - 1, ref.year, ref.year + 1].filter(y => isValidDay(y, spec.month, spec.day)).map(y => dayNumber({ year: y, month: spec.month, day: spec.day }));
      if (!options.length) return { value: null, relative };
      const chosen = nearestBiased(options, dayNumber(ref), spec.direction, tense);
      return { value: formatDay(addDays({ year: 1970, month: 1, day: 1 }, chosen)), relative };
    }
    case 'holiday': {
      const options = [ref.year - 1, ref.year, ref.year + 1].map(y => dayNumber(holidayIn(spec.key, y)));
      const chosen = nearestBiased(options, dayNumber(ref), spec.direction, tense);
      return { value: formatDay(addDays({ year: 1970, month: 1, day: 1 }, chosen)), relative };
    }
    case 'month': {
      if (spec.yearOffset !== undefined) return { value: formatMonth(ref.year + spec.yearOffset, spec.month), relative };
      const options = [ref.year - 1, ref.year, ref.year + 1].map(y => y * 12 + spec.month - 1);
      const chosen = nearestBiased(options, ref.year * 12 + ref.month - 1, spec.direction, tense);
      return { value: formatMonth(Math.floor(chosen / 12), (chosen % 12) + 1), relative };
    }
    case 'weekday': {
      const today = isoWeekday(ref);
      if (spec.direction === 'auto' && today === spec.weekday) return { value: formatDay(ref), relative };
      const side = lean(spec.direction, tense);
      const back = ((today - spec.weekday + 7) % 7) || 7;
      const ahead = ((spec.weekday - today + 7) % 7) || 7;
      return { value: formatDay(addDays(ref, side < 0 ? -back : ahead)), relative };
    }
    case 'relativeDay':
      return { value: formatDay(addDays(ref, spec.offset)), relative };
    case 'relativeWeek':
      return { value: formatWeek(addDays(ref, 7 * spec.offset)), relative };
    case 'weekend': {
      const today = isoWeekday(ref);
      const inWeekend = today >= 6;
      const side = spec.direction === 'auto' ? (inWeekend ? 0 : lean('auto', tense)) : spec.direction;
      // Saturday and Sunday belong to the ISO week of the Monday before them.
      const shift = side === 0 ? 0 : side < 0 ? (inWeekend ? -7 : -today) : inWeekend ? 7 : 6 - today;
      return { value: formatWeek(addDays(ref, shift)), relative };
    }
    case 'relativeMonth': {
      const m = addMonths(ref.year, ref.month, spec.offset);
      return { value: formatMonth(m.year, m.month), relative };
    }
    case 'relativeYear':
      return { value: formatYear(ref.year + spec.offset), relative };
    case 'season': {
      const current = seasonIndex(ref);
      const target = SEASONS.indexOf(spec.season);
      const side = lean(spec.direction, tense);
      const strict = spec.direction === -1 || spec.direction === 1;
      let index = current - ((current % 4) - target + 4) % 4; // latest ≤ current
      if (strict && side < 0 && index === current) index -= 4;
      if (side > 0 && (index < current || (strict && index === current))) index += 4;
      // No tense at all ("this fall" in June): the nearest occurrence, the past one on a tie.
      if (!strict && tense === 'none' && index < current && index + 4 - current < current - index) index += 4;
      return { value: `${formatYear(Math.floor(index / 4))}-${spec.season}`, relative };
    }
  }
  return { value: null, relative };
}
