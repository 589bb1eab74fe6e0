/**
 * Dates-only annotator for measuring the date recognizer on its own: reads every `.txt` of a folder
 * and writes gold-format JSON (dates filled, other layers empty) so `shared/eval/score.mjs` can score
 * it, prints a per-file diff against a gold folder when given one, and reports dates-only throughput.
 * usage: node dist/scripts/annotate-dates.js IN_DIR OUT_DIR [GOLD_DIR] [--diff] [--bench]
 */
import fs from 'node:fs';
import path from 'node:path';
import { detectLanguage, languageScore } from '../server/src/analysis/language';
import { layoutText } from '../server/src/analysis/layout';
import { findReferenceDate, recognizeDates } from '../server/src/analysis/dates/index';

interface GoldDate { start: number; end: number; text: string; value: string | null }

function main(): void {
  const args = process.argv.slice(2).filter(a => !a.startsWith('--'));
  const [inDir, outDir, goldDir] = args;
  const diff = process.argv.includes('--diff');
  const bench = process.argv.includes('--bench');
  if (!inDir || !outDir) {
    console.error('usage: annotate-dates.js IN_DIR OUT_DIR [GOLD_DIR] [--diff] [--bench]');
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const files = fs.readdirSync(inDir).filter(f => f.endsWith('.txt')).sort();
  const texts = files.map(f => fs.readFileSync(path.join(inDir, f), 'utf8'));
  for (let i = 0; i < files.length; i++) {
    const text = texts[i];
    const language = languageScore(text) < 0 ? 'fr' : 'en';
    const layout = layoutText(text, p => detectLanguage(p, language));
    const reference = findReferenceDate(layout);
    const dates = recognizeDates(layout, reference).map(d => ({ start: d.start, end: d.end, text: d.text, value: d.value }));
    const name = files[i].replace(/\.txt$/, '.json');
    fs.writeFileSync(path.join(outDir, name), JSON.stringify({ file: files[i], language, mentions: [], dates, quotes: [] }, null, 1));
    if (diff && goldDir && fs.existsSync(path.join(goldDir, name))) {
      const gold: GoldDate[] = JSON.parse(fs.readFileSync(path.join(goldDir, name), 'utf8')).dates ?? [];
      const key = (d: GoldDate) => `${d.start}:${d.end}`;
      const predicted = new Map(dates.map(d => [key(d), d]));
      const golden = new Map(gold.map(d => [key(d), d]));
      const lines: string[] = [];
      for (const g of gold) {
        const p = predicted.get(key(g));
        if (!p) lines.push(`  MISS ${g.start} ${JSON.stringify(g.text)} ${g.value}`);
        else if (p.value !== g.value) lines.push(`  VALUE ${g.start} ${JSON.stringify(g.text)} gold ${g.value} got ${p.value}`);
      }
      for (const p of dates) if (!golden.has(key(p))) lines.push(`  EXTRA ${p.start} ${JSON.stringify(p.text)} ${p.value}`);
      console.log(`${files[i]} ref=${reference ? `${reference.value} ${JSON.stringify(reference.text)}` : 'none'}`);
      for (const l of lines) console.log(l);
    }
  }
  if (bench) {
    const layouts = texts.map(text => layoutText(text, p => detectLanguage(p, languageScore(text) < 0 ? 'fr' : 'en')));
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    // Best round of several, in wall time and in CPU time: the machine is shared, and CPU time
    // shows what the code costs when other processes take turns on the cores.
    let bestWall = Infinity, bestCpu = Infinity, rounds = 0;
    const t0 = process.hrtime.bigint();
    while (Number(process.hrtime.bigint() - t0) < 3e9 || rounds < 3) {
      const w0 = process.hrtime.bigint(), c0 = process.cpuUsage();
      for (const layout of layouts) recognizeDates(layout, findReferenceDate(layout));
      const c = process.cpuUsage(c0);
      bestWall = Math.min(bestWall, Number(process.hrtime.bigint() - w0) / 1e9);
      bestCpu = Math.min(bestCpu, (c.user + c.system) / 1e6);
      rounds++;
    }
    console.log(`dates only: ${(bytes / bestWall / 1e6).toFixed(2)} MB/s wall, ${(bytes / bestCpu / 1e6).toFixed(2)} MB/s CPU (best of ${rounds} rounds over ${bytes} bytes, layout excluded)`);
  }
}

main();
