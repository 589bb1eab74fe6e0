/**
 * Quote and speaker evaluation harness. Runs the quote scanner and the attribution rules on
 * article folders and scores them the way `shared/eval/score.mjs` does (quote spans exact and
 * overlapping, speaker accuracy over gold quotes that a predicted quote overlaps). With `--gold-
 * mentions` (the default) attribution gets the GOLD entity mentions, so the rules can be measured
 * before the recognizer is ready; with `--e2e` it runs the whole `analyzeText` pipeline.
 *
 * usage: node dist/scripts/eval-quotes.js [--e2e] [--verbose] [--out DIR] [ARTICLES_DIR GOLD_DIR]...
 * default: ../shared/articles ../shared/gold and ../shared/dev-extra/articles ../shared/dev-extra/gold
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeText } from '../server/src/analysis/analyze';
import { entityIdOf } from '../server/src/analysis/entities/identity';
import { detectLanguage, languageScore } from '../server/src/analysis/language';
import { layoutText } from '../server/src/analysis/layout';
import { attributeSpeakers, scanQuotes } from '../server/src/analysis/quotes/index';
import { loadEntityResources } from '../server/src/resources';
import type { Entity, EntityType, Language, Mention, Quote } from '../server/src/analysis/types';

interface GoldMention { start: number; end: number; text: string; type: EntityType; canonical: string }
interface GoldQuote { start: number; end: number; text: string; speakers: string[] }
interface Gold { mentions: GoldMention[]; quotes: GoldQuote[] }

const args = process.argv.slice(2);
const e2e = args.includes('--e2e');
const verbose = args.includes('--verbose');
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 ? args[outIndex + 1] : null;
const positional = args.filter((a, i) => !a.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));
const pairs: [string, string][] = [];
for (let i = 0; i + 1 < positional.length; i += 2) pairs.push([positional[i], positional[i + 1]]);
if (!pairs.length) pairs.push(['../shared/articles', '../shared/gold'], ['../shared/dev-extra/articles', '../shared/dev-extra/gold']);

/** Mentions and entities straight from gold: ids from the gold canonical names. */
function goldEntities(gold: Gold): { mentions: Mention[]; entities: Entity[] } {
  const mentions: Mention[] = [];
  const byId = new Map<string, Entity>();
  for (const g of [...gold.mentions].sort((a, b) => a.start - b.start)) {
    const id = entityIdOf(g.type, g.canonical);
    let entity = byId.get(id);
    if (!entity) byId.set(id, (entity = { id, type: g.type, canonical: g.canonical, mentions: [], definition: mentions.length }));
    entity.mentions.push(mentions.length);
    mentions.push({ start: g.start, end: g.end, text: g.text, type: g.type, entityId: id, canonical: g.canonical });
  }
  return { mentions, entities: [...byId.values()] };
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
const lastWord = (s: string) => fold(s).split(' ').pop();
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const short = (s: string) => (s.length > 70 ? `${s.slice(0, 40)}…${s.slice(-25)}` : s).replace(/\n/g, '⏎');

function predict(text: string, gold: Gold): Quote[] {
  if (e2e) return analyzeText(text, { entityResources: loadEntityResources(path.resolve('data')) }).quotes;
  const main: Language = languageScore(text) < 0 ? 'fr' : 'en';
  const layout = layoutText(text, p => detectLanguage(p, main));
  const { mentions, entities } = goldEntities(gold);
  return attributeSpeakers(layout, scanQuotes(layout).quotes, mentions, entities);
}

let total = { exact: 0, loose: 0, predicted: 0, gold: 0, speakerOk: 0, speakerN: 0 };
for (const [articles, goldDir] of pairs) {
  const sum = { exact: 0, loose: 0, predicted: 0, gold: 0, speakerOk: 0, speakerN: 0 };
  for (const file of fs.readdirSync(goldDir).filter(f => f.endsWith('.json')).sort()) {
    const gold = JSON.parse(fs.readFileSync(path.join(goldDir, file), 'utf8')) as Gold;
    const text = fs.readFileSync(path.join(articles, file.replace(/\.json$/, '.txt')), 'utf8');
    const pred = predict(text, gold);
    if (outDir) {
      fs.mkdirSync(outDir, { recursive: true });
      fs.writeFileSync(path.join(outDir, file), JSON.stringify({ file: file.replace(/\.json$/, '.txt'), quotes: pred.map(q => ({ start: q.start, end: q.end, text: q.text, speakers: q.speakers })) }, null, 1));
    }
    const gq = gold.quotes ?? [];
    sum.predicted += pred.length;
    sum.gold += gq.length;
    sum.exact += pred.filter(p => gq.some(g => g.start === p.start && g.end === p.end)).length;
    sum.loose += pred.filter(p => gq.some(g => overlaps(g, p))).length;
    const surfaces = (c: string) => new Set([fold(c), ...gold.mentions.filter(m => m.canonical === c).map(m => fold(m.text))]);
    const lines: string[] = [];
    for (const g of gq) {
      const p = pred.find(q => overlaps(g, q));
      if (!p) { lines.push(`  MISSED  [${g.start},${g.end}) ${short(g.text)}  ${JSON.stringify(g.speakers)}`); continue; }
      sum.speakerN++;
      const ps = p.speakers;
      const ok = g.speakers.length === ps.length && g.speakers.every(c => ps.some(s => surfaces(c).has(fold(s)) || lastWord(s) === lastWord(c)));
      if (ok) sum.speakerOk++;
      const exact = p.start === g.start && p.end === g.end;
      if (!ok || !exact) {
        const phrase = p.attribution ? ` via "${short(text.slice(p.attribution.start, p.attribution.end))}"` : '';
        lines.push(`  ${exact ? 'SPEAKER' : ok ? 'SPAN   ' : 'BOTH   '} gold [${g.start},${g.end}) ${short(g.text)} ${JSON.stringify(g.speakers)}\n          pred [${p.start},${p.end}) ${short(p.text)} ${JSON.stringify(ps)}${phrase}`);
      }
    }
    for (const p of pred) if (!gq.some(g => overlaps(g, p))) lines.push(`  EXTRA   [${p.start},${p.end}) ${short(p.text)} ${JSON.stringify(p.speakers)}`);
    if (verbose && lines.length) console.log(`${file}\n${lines.join('\n')}`);
  }
  report(goldDir, sum);
  for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += sum[k];
}
if (pairs.length > 1) report('all', total);

function report(name: string, s: typeof total) {
  const f = (tp: number) => { const p = s.predicted ? tp / s.predicted : 0; const r = s.gold ? tp / s.gold : 0; return p + r ? (200 * p * r) / (p + r) : 0; };
  console.log(`${name.padEnd(30)} quotes exact F1 ${f(s.exact).toFixed(1)}  overlap F1 ${f(s.loose).toFixed(1)}  (gold ${s.gold}, predicted ${s.predicted})  speaker acc ${(s.speakerN ? (100 * s.speakerOk) / s.speakerN : 0).toFixed(1)} (${s.speakerOk}/${s.speakerN})`);
}
total = { ...total };
