/**
 * Named days of the calendar that news refers to by name: Christmas, New Year's Day, Thanksgiving,
 * Election Day, Easter and the feasts that hang on it, Bastille Day; Noël, le jour de l'An, la
 * Toussaint, Pâques, la Pentecôte. Each name maps to a function from a year to the day, so a
 * holiday resolves like a day without a year: the occurrence nearest the reference date, leaning
 * the way the tense points, or the year written after it ("Christmas 2015").
 */
import { addDays, isoWeekday, type Day } from './calendar';
import { foldAccents } from '../fold';

/** Easter Sunday of `year` (anonymous Gregorian algorithm). */
export function easter(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** The `n`-th (1-based) ISO weekday `weekday` of a month; `n = -1` for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): Day {
  if (n > 0) {
    const first = { year, month, day: 1 };
    const shift = (weekday - isoWeekday(first) + 7) % 7;
    return addDays(first, shift + 7 * (n - 1));
  }
  const last = addDays(month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 }, -1);
  return addDays(last, -((isoWeekday(last) - weekday + 7) % 7));
}

const fixed = (month: number, day: number) => (year: number): Day => ({ year, month, day });

/** Holiday keys (folded names) and the day each falls on in a given year. */
const HOLIDAYS: Record<string, (year: number) => Day> = {
  'christmas': fixed(12, 25),
  'christmas day': fixed(12, 25),
  'christmas eve': fixed(12, 24),
  "new year's day": fixed(1, 1),
  "new year's eve": fixed(12, 31),
  'halloween': fixed(10, 31),
  "valentine's day": fixed(2, 14),
  'bastille day': fixed(7, 14),
  'thanksgiving': year => nthWeekday(year, 11, 4, 4),
  'thanksgiving day': year => nthWeekday(year, 11, 4, 4),
  'memorial day': year => nthWeekday(year, 5, 1, -1),
  'labor day': year => nthWeekday(year, 9, 1, 1),
  // The Tuesday after the first Monday of November.
  'election day': year => addDays(nthWeekday(year, 11, 1, 1), 1),
  'easter': easter,
  'easter sunday': easter,
  'easter monday': year => addDays(easter(year), 1),
  'good friday': year => addDays(easter(year), -2),
  'noel': fixed(12, 25),
  "jour de l'an": fixed(1, 1),
  'saint-sylvestre': fixed(12, 31),
  'toussaint': fixed(11, 1),
  'saint-valentin': fixed(2, 14),
  'paques': easter,
  'lundi de paques': year => addDays(easter(year), 1),
  'pentecote': year => addDays(easter(year), 49),
  'lundi de pentecote': year => addDays(easter(year), 50),
  'ascension': year => addDays(easter(year), 39),
};

/** The folded key of a holiday name as written ("New Year’s Day" → "new year's day"), or ''. */
export function holidayKey(name: string): string {
  const key = foldAccents(name).replace(/[’]/g, "'").replace(/\s+/g, ' ').replace(/^l'/, '').trim();
  return key in HOLIDAYS ? key : '';
}

/** The day holiday `key` falls on in `year`. */
export function holidayIn(key: string, year: number): Day {
  return HOLIDAYS[key](year);
}
