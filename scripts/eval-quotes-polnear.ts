/**
 * Generality check of quotes and speakers on PolNeAR (English political news, brat attribution
 * relations, dev split) and of the scanner on AADS (French direct speech in novels, val split).
 * PolNeAR marks every attribution (direct or not) as Source/Cue/Content; it has no entity gold,
 * so this runs the whole pipeline (`analyzeText` with the shipped entity resources) and reports:
 * - quote recall: Content spans written entirely in quotation marks that a predicted quote overlaps;
 * - quote precision: predicted quotes that overlap some Content span;
 * - speaker name accuracy: for predicted quotes inside a Content whose Source contains a capitalised
 *   name, whether a predicted speaker's last name occurs in the Source (pronoun sources are not
 *   scored: PolNeAR does not resolve them);
 * - no-speaker agreement: for indefinite Sources ("a source", "officials"), whether we gave none.
 * AADS: exact and overlap F1 of quote spans against direct-speech labels (marks handled as in gold).
 *
 * usage: node dist/scripts/eval-quotes-polnear.js [--polnear DIR] [--aads FILE] [--verbose]
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeText } from '../server/src/analysis/analyze';
import { layoutText } from '../server/src/analysis/layout';
import { scanQuotes } from '../server/src/analysis/quotes/index';
import { loadEntityResources } from '../server/src/resources';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const verbose = args.includes('--verbose');
const polnearDir = option('--polnear', '../shared/corpora/quotes/polnear/dev');
const aadsFile = option('--aads', '../shared/corpora/quotes/aads-french/aggregated_corpus.train-val.json');

interface Span { start: number; end: number }
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** UTF-16 offset of each code-point offset of `text`. */
function codePointOffsets(text: string): number[] {
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return map;
}

function polnear() {
  const resources = loadEntityResources(path.resolve('data'));
  const annDir = path.join(polnearDir, 'attributions');
  const seen = new Set<string>();
  const t = { goldDirect: 0, recalled: 0, predicted: 0, inContent: 0, named: 0, nameOk: 0, unnamed: 0, unnamedOk: 0, pronoun: 0 };
  for (const ann of fs.readdirSync(annDir).filter(f => f.endsWith('.ann')).sort()) {
    const base = ann.replace(/_[^_]+\.ann$/, '');
    if (seen.has(base)) continue; // some articles are annotated twice: take the first annotator
    seen.add(base);
    const textFile = path.join(polnearDir, 'text', `${base}.txt`);
    if (!fs.existsSync(textFile)) continue;
    const text = fs.readFileSync(textFile, 'utf8');
    const cp = codePointOffsets(text);
    const spans = new Map<string, Span>();
    const relations: { content?: string; source?: string }[] = [];
    for (const line of fs.readFileSync(path.join(annDir, ann), 'utf8').split('\n')) {
      const cols = line.split('\t');
      if (cols[0]?.startsWith('T')) {
        const parts = cols[1].split(' ');
        const offsets = parts.slice(1).join(' ').split(';').flatMap(r => r.split(' ').map(Number));
        spans.set(cols[0], { start: cp[Math.min(...offsets)] ?? 0, end: cp[Math.max(...offsets)] ?? 0 });
      } else if (cols[0]?.startsWith('E')) {
        const rel: { content?: string; source?: string } = {};
        for (const part of cols[1].split(' ')) {
          const [role, id] = part.split(':');
          if (role.startsWith('Content')) rel.content = id;
          if (role.startsWith('Source')) rel.source = id;
        }
        relations.push(rel);
      }
    }
    const attributions = relations.filter(r => r.content && spans.has(r.content)).map(r => ({ content: spans.get(r.content as string) as Span, source: r.source ? spans.get(r.source) : undefined }));
    const analysis = analyzeText(text, { entityResources: resources });
    const quotes = analysis.quotes;
    const direct = attributions.filter(a => /^\s*[“"‘']/.test(text.slice(a.content.start, a.content.end)) && /[”"’'][\s.,;:!?]*$/.test(text.slice(a.content.start, a.content.end)));
    t.goldDirect += direct.length;
    t.recalled += direct.filter(a => quotes.some(q => overlaps(q, a.content))).length;
    if (verbose) for (const a of direct) if (!quotes.some(q => overlaps(q, a.content))) console.log(`MISSED ${base}: ${text.slice(a.content.start, a.content.end).slice(0, 100)}`);
    t.predicted += quotes.length;
    for (const q of quotes) {
      const a = attributions.find(x => overlaps(q, x.content));
      if (!a) {
        if (verbose) console.log(`EXTRA  ${base}: ${text.slice(q.start, q.end).slice(0, 80)}`);
        continue;
      }
      t.inContent++;
      if (!a.source) continue;
      const source = text.slice(a.source.start, a.source.end);
      const hasName = /(?:^|\s)\p{Lu}\p{Ll}+/u.test(source.replace(/^(?:The|A|An|He|She|It|They|I|We)\b/, ''));
      if (/^(?:he|she|they|it|i|we|you|his|her)$/i.test(source.trim())) { t.pronoun++; continue; }
      if (hasName) {
        t.named++;
        const ok = q.speakers.some(s => fold(source).includes(fold(s).split(/\s+/).pop() as string));
        if (ok) t.nameOk++;
        else if (verbose) console.log(`NAME   ${base}: source "${source}" predicted ${JSON.stringify(q.speakers)} for ${text.slice(q.start, q.end).slice(0, 60)}`);
      } else if (/^(?:a|an|some|several|many|most|other|one|two|three|few)\s/i.test(source.trim()) || /^\p{Ll}+s$/u.test(source.trim())) {
        // Only indefinite sources ("a source", "officials") name nobody; "the president" is somebody.
        t.unnamed++;
        if (q.speakers.length === 0) t.unnamedOk++;
        else if (verbose) console.log(`NONAME ${base}: source "${source}" predicted ${JSON.stringify(q.speakers)}`);
      }
    }
  }
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');
  console.log(`PolNeAR dev (${seen.size} articles): quote recall vs fully quoted Contents ${pct(t.recalled, t.goldDirect)} (${t.recalled}/${t.goldDirect}), quote precision vs any Content ${pct(t.inContent, t.predicted)} (${t.inContent}/${t.predicted})`);
  console.log(`  speaker name accuracy ${pct(t.nameOk, t.named)} (${t.nameOk}/${t.named}); indefinite sources with no speaker ${pct(t.unnamedOk, t.unnamed)} (${t.unnamedOk}/${t.unnamed}); pronoun sources not scored: ${t.pronoun}`);
}

function aads() {
  if (!fs.existsSync(aadsFile)) return;
  const corpus = JSON.parse(fs.readFileSync(aadsFile, 'utf8')) as Record<string, { text: string; labels: [number, number][]; split: string }>;
  const t = { gold: 0, predicted: 0, exact: 0, loose: 0, docs: 0, markedGold: 0 };
  for (const doc of Object.values(corpus)) {
    if (doc.split !== 'val') continue;
    t.docs++;
    const cp = codePointOffsets(doc.text);
    const gold = doc.labels.map(([s, e]) => ({ start: cp[s], end: cp[e] }));
    // Only speech written with quotation marks is in scope (novels also use dashes for dialogue).
    const marked = gold.filter(g => /[«“"]/.test(doc.text.slice(Math.max(0, g.start - 2), g.start + 2)));
    const quotes = scanQuotes(layoutText(doc.text, () => 'fr')).quotes;
    t.gold += gold.length;
    t.markedGold += marked.length;
    t.predicted += quotes.length;
    // Labels may or may not include the marks: compare with the marks trimmed from both.
    const inner = (s: Span) => {
      let { start, end } = s;
      while (start < end && /[\s«»“”"]/.test(doc.text[start])) start++;
      while (end > start && /[\s«»“”".,;:!?]/.test(doc.text[end - 1])) end--;
      return { start, end };
    };
    t.exact += quotes.filter(q => marked.some(g => { const a = inner(q), b = inner(g); return a.start === b.start && a.end === b.end; })).length;
    t.loose += quotes.filter(q => marked.some(g => overlaps(q, g))).length;
  }
  const f = (tp: number, np: number, ng: number) => { const p = np ? tp / np : 0, r = ng ? tp / ng : 0; return p + r ? ((200 * p * r) / (p + r)).toFixed(1) : '0.0'; };
  console.log(`AADS val (${t.docs} novels): ${t.gold} direct-speech spans, ${t.markedGold} opened by a quotation mark; predicted ${t.predicted}`);
  console.log(`  vs mark-delimited spans: exact (marks trimmed) F1 ${f(t.exact, t.predicted, t.markedGold)}, overlap F1 ${f(t.loose, t.predicted, t.markedGold)}`);
}

polnear();
aads();
