/**
 * Scores the date recognizer on the TimeML corpora in `shared/corpora/timeml`: converts TempEval-3
 * TBAQ (English) and the French TimeBank with `shared/eval/timeml2gold.mjs` (the document creation
 * time becomes a "Published:" first line, DATE and dated TIME expressions become gold dates,
 * durations, sets and vague references become ignore spans), annotates each text with `analyzeText`,
 * and reports date span F1 (exact and overlap) and value accuracy from `shared/eval/score.mjs`.
 * TimeML's conventions differ from the project's guidelines in places (it tags "now", "the past
 * year", quarters, and times of day), so these figures are a cross-check, not a target.
 * usage: node dist/scripts/eval-timeml.js [--shared DIR] [--out DIR] [--only en|fr] [--diff]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeText } from '../server/src/analysis/analyze';

interface Corpus {
  name: string;
  language: 'en' | 'fr';
  dirs: string[];
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function main(): void {
  const shared = path.resolve(option('--shared', path.join(process.cwd(), '..', 'shared')));
  const out = path.resolve(option('--out', path.join(os.tmpdir(), 'article-lens-timeml')));
  const only = option('--only', '');
  const diff = process.argv.includes('--diff');
  const timeml = path.join(shared, 'corpora', 'timeml');
  const corpora: Corpus[] = [
    { name: 'tempeval3-tbaq', language: 'en', dirs: ['tempeval3-tbaq/TimeBank', 'tempeval3-tbaq/AQUAINT'] },
    { name: 'fr-timebank', language: 'fr', dirs: ['fr-timebank/Data'] },
  ];
  for (const corpus of corpora) {
    if (only && corpus.language !== only) continue;
    const goldDir = path.join(out, corpus.name, 'gold');
    const predDir = path.join(out, corpus.name, 'pred');
    fs.rmSync(path.join(out, corpus.name), { recursive: true, force: true });
    fs.mkdirSync(predDir, { recursive: true });
    for (const dir of corpus.dirs) {
      execFileSync(process.execPath, [path.join(shared, 'eval', 'timeml2gold.mjs'), path.join(timeml, dir), goldDir, '--lang', corpus.language], { stdio: 'ignore' });
    }
    const files = fs.readdirSync(goldDir).filter(f => f.endsWith('.txt')).sort();
    let bytes = 0;
    const t0 = process.hrtime.bigint();
    for (const file of files) {
      const text = fs.readFileSync(path.join(goldDir, file), 'utf8');
      bytes += Buffer.byteLength(text);
      const analysis = analyzeText(text);
      const dates = analysis.dates.map(d => ({ start: d.start, end: d.end, text: d.text, value: d.value }));
      fs.writeFileSync(path.join(predDir, file.replace(/\.txt$/, '.json')), JSON.stringify({ file, language: corpus.language, mentions: [], dates, quotes: [] }));
      if (diff) printDiff(path.join(goldDir, file.replace(/\.txt$/, '.json')), dates, file);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const score = JSON.parse(execFileSync(process.execPath, [path.join(shared, 'eval', 'score.mjs'), goldDir, predDir, '--json'], { encoding: 'utf8' }));
    const pct = (x: number | null) => (x == null ? '-' : (100 * x).toFixed(1));
    const e = score.datesExact, o = score.datesOverlap;
    console.log(`${corpus.name} (${corpus.language}, ${files.length} docs, gold dates ${e.ng})`);
    console.log(`  span exact    P ${pct(e.p)} R ${pct(e.r)} F1 ${pct(e.f)}`);
    console.log(`  span overlap  P ${pct(o.p)} R ${pct(o.r)} F1 ${pct(o.f)}`);
    console.log(`  value accuracy (matched gold dates) ${pct(score.dateValueAccuracy)}`);
    console.log(`  full analysis ${(bytes / seconds / 1e6).toFixed(2)} MB/s`);
  }
}

interface GoldDate { start: number; end: number; text: string; value: string | null }

function printDiff(goldFile: string, dates: GoldDate[], name: string): void {
  const gold = JSON.parse(fs.readFileSync(goldFile, 'utf8'));
  const g: GoldDate[] = gold.dates ?? [];
  const ignore: GoldDate[] = gold.ignore ?? [];
  const overlaps = (a: GoldDate, b: GoldDate) => a.start < b.end && b.start < a.end;
  for (const x of g) {
    const p = dates.find(d => overlaps(d, x));
    if (!p) console.log(`MISS\t${name}\t${JSON.stringify(x.text)}\t${x.value}`);
    else if (p.start !== x.start || p.end !== x.end) console.log(`SPAN\t${name}\t${JSON.stringify(x.text)}\t${JSON.stringify(p.text)}`);
    if (p && p.value !== x.value) console.log(`VALUE\t${name}\t${JSON.stringify(x.text)}\t${x.value}\t${p.value}`);
  }
  for (const p of dates) {
    if (!g.some(x => overlaps(x, p)) && !ignore.some(x => overlaps(x, p))) console.log(`EXTRA\t${name}\t${JSON.stringify(p.text)}\t${p.value}`);
  }
}

main();
