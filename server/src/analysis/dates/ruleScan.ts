/**
 * The fast way to run a rule table over a paragraph: one scan finds the words where a rule can
 * start and the words it cannot match without, and each rule's pattern is then tried (sticky) only
 * at its own start words, in order, instead of searching the whole paragraph once per rule. The
 * matches are exactly those of the global search (`scanRule` in `rules.ts`), because every match
 * starts at one of the scanned words; `ruleScan.test.ts` checks it against the global search.
 *
 * Why every match is seen: a rule's start words and cue words are written so that each match of
 * its pattern begins with a start word, and contains a cue word, right after a character that is
 * not a letter (an ASCII non-word character for English rules, whose word edges are `\b`). The
 * scan's words are letters only (or digits only), so no earlier hit can cover such a position,
 * and longest words are tried first, so the hit found there begins with the start or cue word.
 * Hence "a hit has the cue word as a prefix" below. A start word is moreover followed by a
 * character that is not an ASCII letter, except in rules marked `gluedStarts` ("earlyspring"), so
 * elsewhere the hit must be the start word itself, not followed by a letter ("the", not "these").
 * And a match holds a cue at or after its start: no try after a rule's last cue.
 */
import type { DateRule } from './rules';

/** The cue a run of four digits that may be a year (1800–2099) stands for in `starts` and `cues`. */
export const YEAR_DIGITS = '#year';
/** The cue a run of one to three digits stands for (a count: "in 3 weeks"). */
export const COUNT_DIGITS = '#count';

/** A rule table prepared for the scan: the scanning regex, per scanned word the rules it concerns, each rule's sticky pattern. */
interface ScanIndex {
  scan: RegExp;
  /** Per scanned word (lower case): bit i set when rule i may start at it. */
  startsAt: Map<string, number>;
  /** The same for a hit followed by an ASCII letter: only rules whose start words may be glued to the next word. */
  gluedStartsAt: Map<string, number>;
  /** Per scanned word: bit i set when it is one of rule i's cue words. */
  cuedBy: Map<string, number>;
  /** Each rule's pattern (without the u flag where `plainTwin` allows), sticky; built at the rule's first try (see `stickyOf`). */
  sticky: Array<RegExp | undefined>;
  twin: (pattern: RegExp) => RegExp | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Per word (lower case) of the lists `listOf` gives, the bit mask of the rules whose list holds it. */
function masksByWord(rules: DateRule[], listOf: (rule: DateRule) => string[]): Map<string, number> {
  const masks = new Map<string, number>();
  rules.forEach((rule, i) => {
    for (const word of listOf(rule)) {
      const lower = word.toLowerCase();
      masks.set(lower, (masks.get(lower) ?? 0) | (1 << i));
    }
  });
  return masks;
}

/** The rules (bit mask) of `masks` listing a prefix of `word`, the empty prefix and `word` itself included. */
function prefixMask(word: string, masks: Map<string, number>): number {
  let mask = 0;
  for (let length = 0; length <= word.length; length++) mask |= masks.get(word.slice(0, length)) ?? 0;
  return mask;
}

const indexes = new WeakMap<DateRule[], ScanIndex>();

/** The scan index of a rule table, built on first use. */
function indexOf(rules: DateRule[], twin: (pattern: RegExp) => RegExp | null): ScanIndex {
  let index = indexes.get(rules);
  if (index) return index;
  if (rules.length > 30) throw new Error('a rule table holds at most 30 rules (bit masks)');
  const words = [...new Set(rules.flatMap(rule => [...rule.starts, ...rule.cues]).filter(w => !w.startsWith('#')).map(w => w.toLowerCase()))];
  for (const word of words) if (!/^\p{L}+$/u.test(word)) throw new Error(`scanned word "${word}" must be letters only`);
  const startsAt = new Map<string, number>();
  const gluedStartsAt = new Map<string, number>();
  const cuedBy = new Map<string, number>();
  // Masks per listed word, then per scanned word its prefixes looked up: a server's first analysis
  // built them by testing every word against every rule's lists (~50,000 interpreted calls, ~6 ms).
  const exactStarts = masksByWord(rules, rule => (rule.gluedStarts ? [] : rule.starts));
  const gluedStarts = masksByWord(rules, rule => (rule.gluedStarts ? rule.starts : []));
  const cues = masksByWord(rules, rule => rule.cues);
  for (const word of [...words, YEAR_DIGITS, COUNT_DIGITS]) {
    const glued = prefixMask(word, gluedStarts);
    startsAt.set(word, (exactStarts.get(word) ?? 0) | glued);
    gluedStartsAt.set(word, glued);
    cuedBy.set(word, prefixMask(word, cues));
  }
  // No u flag: several times faster; paragraphs with "ſ" or the Kelvin sign never come here. A
  // \b edge is twice as fast as a look-behind, and right for words that begin with an ASCII letter.
  const byLength = words.sort((a, b) => b.length - a.length);
  const asciiInitial = byLength.filter(w => /^[a-z]/.test(w)).map(escape).join('|');
  const otherInitial = byLength.filter(w => !/^[a-z]/.test(w)).map(escape).join('|');
  index = {
    scan: new RegExp(`\\b(?:${asciiInitial})|\\d+${otherInitial ? `|(?<![a-z])(?:${otherInitial})` : ''}`, 'gi'),
    startsAt,
    gluedStartsAt,
    cuedBy,
    sticky: new Array(rules.length),
    twin,
  };
  indexes.set(rules, index);
  return index;
}

/**
 * Rule i's sticky pattern, built when first tried: most rules of a table are never tried on an
 * article (no start and cue word), and building every one cost a server's first analysis ~3 ms.
 */
function stickyOf(index: ScanIndex, rules: DateRule[], i: number): RegExp {
  let sticky = index.sticky[i];
  if (!sticky) {
    const pattern = index.twin(rules[i].pattern) ?? rules[i].pattern;
    index.sticky[i] = sticky = new RegExp(pattern.source, pattern.flags + 'y');
  }
  return sticky;
}

/** The cue word a scanned hit stands for: a listed word (as written when it is in lower case), or a kind of digit run. */
function cueOf(hit: string, index: ScanIndex): string | null {
  const code = hit.charCodeAt(0);
  if (code < 48 || code > 57) return index.startsAt.has(hit) ? hit : hit.toLowerCase();
  if (hit.length <= 3) return COUNT_DIGITS;
  // 18xx, 19xx, 20xx.
  if (hit.length === 4 && (code === 49 ? hit.charCodeAt(1) >= 56 : code === 50 && hit.charCodeAt(1) === 48)) return YEAR_DIGITS;
  return null;
}

/**
 * Every match of every rule over `slice` (which must hold neither "ſ" nor the Kelvin sign), each
 * rule's matches in order, rules in table order: `onMatch(rule, match)` for each. `passes(i)` is
 * asked at most once per rule, before its first try (the rule's own cheap `needs` test).
 */
export function scanRules(
  rules: DateRule[],
  slice: string,
  twin: (pattern: RegExp) => RegExp | null,
  passes: (rule: DateRule) => boolean,
  onMatch: (ruleIndex: number, m: RegExpExecArray) => void,
): void {
  const index = indexOf(rules, twin);
  const positions: number[] = [];
  const startMasks: number[] = [];
  let cued = 0;
  // Per rule: where its last cue was seen.
  const lastCue: number[] = new Array(rules.length).fill(-1);
  const { scan } = index;
  scan.lastIndex = 0;
  for (let m = scan.exec(slice); m; m = scan.exec(slice)) {
    const cue = cueOf(m[0], index);
    if (cue === null) continue;
    // A hit that is no listed word (cannot happen with the case folding used) concerns every rule.
    const next = slice.charCodeAt(m.index + m[0].length) | 32;
    const starts = (next >= 97 && next <= 122 ? index.gluedStartsAt.get(cue) : index.startsAt.get(cue)) ?? -1;
    for (let mask = index.cuedBy.get(cue) ?? -1; mask; mask &= mask - 1) lastCue[31 - Math.clz32(mask & -mask)] = m.index;
    if (starts) {
      positions.push(m.index);
      startMasks.push(starts);
    }
  }
  for (let i = 0; i < rules.length; i++) if (lastCue[i] >= 0) cued |= 1 << i;
  if (!cued) return;
  // Per rule: where its last match ended (tries before it are skipped, as a global search would),
  // and whether its `needs` test passed (undefined: not asked yet).
  const matchedUpTo: number[] = new Array(rules.length).fill(0);
  const needed: Array<boolean | undefined> = new Array(rules.length);
  const found: Array<RegExpExecArray[] | undefined> = new Array(rules.length);
  for (let h = 0; h < positions.length; h++) {
    const at = positions[h];
    let mask = startMasks[h] & cued;
    while (mask) {
      const i = 31 - Math.clz32(mask & -mask);
      mask &= mask - 1;
      if (at < matchedUpTo[i] || at > lastCue[i]) continue;
      if (needed[i] === undefined) needed[i] = passes(rules[i]);
      if (!needed[i]) continue;
      const pattern = stickyOf(index, rules, i);
      pattern.lastIndex = at;
      const m = pattern.exec(slice);
      if (!m || m[0].length === 0) continue;
      matchedUpTo[i] = at + m[0].length;
      (found[i] ??= []).push(m);
    }
  }
  found.forEach((matches, i) => {
    if (matches) for (const m of matches) onMatch(i, m);
  });
}
