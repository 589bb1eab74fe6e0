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

/** The resolved value and whether it came from the reference date. */
export interface Resolution {
  value: string | null;
  relative: boolean;
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

/** The ISO value of `spec` given the reference day (or null) and the clause's tense. */
export function resolve(spec: DateSpec, reference: Day | null, tense: Tense): Resolution {
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
