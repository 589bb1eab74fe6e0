/**
 * Pathological-input benchmark for quotes: 10,000 (and 100,000) unmatched marks of each kind, and
 * one 1 MB (and 4 MB) paragraph full of quotes and speech verbs, through the scanner and the
 * attribution. Prints wall-clock time and the scanner's step count at two sizes, so linear
 * scaling shows as a ~10x (or ~4x) ratio. `npm run bench` can call `benchQuotes()`.
 *
 * usage: node dist/scripts/bench-quotes.js
 */
import { linkMentions } from '../server/src/analysis/entities/identity';
import { layoutText } from '../server/src/analysis/layout';
import { attributeSpeakers, scanQuotes } from '../server/src/analysis/quotes/index';
import type { ScanStats } from '../server/src/analysis/quotes/scanner';

interface Row { name: string; chars: number; quotes: number; steps: number; scanMs: number; attributionMs: number }

function measure(name: string, text: string): Row {
  const layout = layoutText(text, () => 'en');
  const raw = [...text.matchAll(/\bKerry\b/g)].map(m => ({ start: m.index as number, end: (m.index as number) + 5, type: 'PERSON' as const }));
  const { mentions, entities } = linkMentions(text, raw);
  const stats: ScanStats = { steps: 0 };
  const t0 = performance.now();
  const { quotes } = scanQuotes(layout, stats);
  const t1 = performance.now();
  attributeSpeakers(layout, quotes, mentions, entities);
  const t2 = performance.now();
  return { name, chars: text.length, quotes: quotes.length, steps: stats.steps, scanMs: t1 - t0, attributionMs: t2 - t1 };
}

/** Run the pathological cases at two sizes each and return the rows. */
export function benchQuotes(): Row[] {
  const rows: Row[] = [];
  const marks: [string, string][] = [['«', '« mot '], ['“', '“word '], ['”', 'word” '], ['"', '"word '], ['wrong-direction «', 'a « , '], ['’', 'x’ ']];
  for (const [name, unit] of marks) {
    for (const n of [10_000, 100_000]) rows.push(measure(`${n} unmatched ${name}`, unit.repeat(n)));
  }
  const unit = '“We will degrade and destroy them,” Kerry said, and the secretary added that “the plan is good for now” while he said it. ';
  for (const size of [1_000_000, 4_000_000]) rows.push(measure(`${size / 1e6} MB one paragraph`, unit.repeat(Math.ceil(size / unit.length))));
  return rows;
}

// Run as its own script (dist/scripts/bench-quotes.js), not when bundled into the main bench.
if (require.main === module && /bench-quotes\.js$/.test(process.argv[1] ?? '')) {
  measure('warm-up', '“We will go on,” Kerry said. '.repeat(1000));
  for (const r of benchQuotes()) {
    console.log(`${r.name.padEnd(32)} ${String(r.chars).padStart(9)} chars ${String(r.quotes).padStart(6)} quotes ${String(r.steps).padStart(8)} steps  scan ${r.scanMs.toFixed(0).padStart(5)} ms  attribution ${r.attributionMs.toFixed(0).padStart(5)} ms`);
  }
}
