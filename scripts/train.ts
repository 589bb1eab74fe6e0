/**
 * Trains the entity tagger models and writes them to `data/models/` (`ner-en.bin.gz`,
 * `ner-fr.bin.gz`). English: CoNLL-2003 `eng.train` (eng.testa is only ever scored, never trained
 * or tuned on). French: Europeana Newspapers (OCR, I- tags only, cut into pseudo-sentences) plus
 * WikiANN train (silver). The list of usually-lower-case words (for truecasing headlines) also
 * counts case in PolNeAR train texts (English news) and AADS + French TimeBank (French). Corpus tokens are re-tokenized with the project's tokenizer so training
 * and tagging see the same tokens. Deterministic: fixed corpus order, seeded shuffles, and gzip
 * output without timestamps, so re-running reproduces the committed files byte for byte.
 * usage: npm run train [-- --lang en|fr] [--eval] [--beam N]   (ARTICLE_LENS_CORPORA overrides ../shared/corpora)
 * --eval scores the held-out set (eng.testa, WikiANN dev: reporting only, never tuning);
 * --beam N also scores beam-search decoding of the same model, to compare with greedy decoding.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { tokenize } from '../server/src/analysis/layout';
import { addGazetteerText, emptyGazetteer, type Gazetteer } from '../server/src/analysis/entities/gazetteer';
import { encodeModel } from '../server/src/analysis/entities/modelFormat';
import { allowedAfter, scoreSlow, tagSentence, trainTagger, type TaggerModel, type TrainedModel, type TrainingSentence } from '../server/src/analysis/entities/perceptron';
import type { Lexicon, SentenceView } from '../server/src/analysis/entities/features';
import { buildView, makeLexicon } from '../server/src/analysis/entities/view';
import { GAZETTEER_FILES, spansFromTags } from '../server/src/analysis/entities/index';
import { prng } from './prng';

const root = path.join(__dirname, '..', '..');
const corpora = process.env.ARTICLE_LENS_CORPORA ?? path.join(root, '..', 'shared', 'corpora');
const dataDir = path.join(root, 'data');
const args = process.argv.slice(2);
// Asking for help must not overwrite the shipped models with a fresh training run.
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: npm run train [-- --lang en|fr] [--eval] [--beam N]   (ARTICLE_LENS_CORPORA overrides ../shared/corpora)\nTrains the entity models from the corpora and writes data/models/ner-<lang>.bin.gz.');
  process.exit(0);
}
const only = args.includes('--lang') ? args[args.indexOf('--lang') + 1] : undefined;
const evaluate = args.includes('--eval');
const BEAM = args.includes('--beam') ? Number(args[args.indexOf('--beam') + 1]) : 0;
const EPOCHS = Number(process.env.ARTICLE_LENS_EPOCHS ?? 10);
const MIN_WEIGHT = Number(process.env.ARTICLE_LENS_MIN_WEIGHT ?? 0.5);

/** A corpus sentence: tokens and IOB1/IOB2 tags as the corpus gives them. */
interface RawSentence {
  tokens: string[];
  tags: string[];
}

/** Entity spans `[start, end)` over tokens from IOB1 or IOB2 tags. */
function iobSpans(tags: string[]): { start: number; end: number; type: string }[] {
  const spans: { start: number; end: number; type: string }[] = [];
  let cur: { start: number; end: number; type: string } | null = null;
  tags.forEach((tag, i) => {
    if (tag === 'O' || !tag.includes('-')) {
      cur = null;
      return;
    }
    const [bio, type] = [tag[0], tag.slice(2)];
    if (cur && cur.type === type && bio === 'I') cur.end = i + 1;
    else spans.push((cur = { start: i, end: i + 1, type }));
  });
  return spans;
}

/** Re-tokenize a corpus sentence with the project tokenizer and return BILOU tags over the new tokens. */
function retokenize(raw: RawSentence, keepTypes: Set<string>): { words: string[]; tags: string[] } {
  const words: string[] = [];
  const first: number[] = [];
  for (const token of raw.tokens) {
    first.push(words.length);
    const parts = tokenize(token).map(t => t.text);
    for (const p of parts.length ? parts : [token]) words.push(p);
  }
  first.push(words.length);
  const tags = new Array<string>(words.length).fill('O');
  const outside = (w: string) => !/^[\p{Lu}\p{N}]/u.test(w);
  for (const span of iobSpans(raw.tags)) {
    if (!keepTypes.has(span.type)) continue;
    let start = first[span.start];
    let end = first[span.end];
    // Only pieces of a split corpus token are trimmed ("d'" of "d'Irak", "anti-" of "anti-Serb"):
    // a span may legitimately start with a lower-case word ("ministère du Commerce").
    while (start < end && start < first[span.start + 1] - 1 && outside(words[start])) start++;
    while (end > start && end > first[span.end - 1] + 1 && (/^['’]s$/.test(words[end - 1]) || !/[\p{L}\p{N}]/u.test(words[end - 1]))) end--;
    if (start >= end) continue;
    if (end - start === 1) tags[start] = `U-${span.type}`;
    else for (let k = start; k < end; k++) tags[k] = `${k === start ? 'B' : k === end - 1 ? 'L' : 'I'}-${span.type}`;
  }
  return { words, tags };
}

function readConll(file: string): RawSentence[][] {
  const docs: RawSentence[][] = [[]];
  let cur: RawSentence = { tokens: [], tags: [] };
  const flush = () => {
    if (cur.tokens.length) docs[docs.length - 1].push(cur);
    cur = { tokens: [], tags: [] };
  };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flush();
      if (docs[docs.length - 1].length) docs.push([]);
      continue;
    }
    const cols = line.trim().split(/\s+/);
    if (!line.trim()) {
      flush();
      continue;
    }
    cur.tokens.push(cols[0]);
    cur.tags.push(cols[cols.length - 1]);
  }
  flush();
  return docs.filter(d => d.length);
}

/** Europeana has no sentence breaks: cut after . ! ? before a capital, and every 60 tokens at worst. */
function readEuropeana(file: string): RawSentence[] {
  const sentences: RawSentence[] = [];
  let cur: RawSentence = { tokens: [], tags: [] };
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(l => l.trim() && !l.startsWith('#'));
  const items = lines.map(l => {
    const cut = l.lastIndexOf(' ');
    return { tok: l.slice(0, cut), tag: l.slice(cut + 1).trim() };
  });
  for (let i = 0; i < items.length; i++) {
    cur.tokens.push(items[i].tok);
    cur.tags.push(items[i].tag);
    const next = items[i + 1];
    const boundary = /^[.!?]$/.test(items[i].tok) && (!next || /^[\p{Lu}«"—-]/u.test(next.tok));
    if (boundary || cur.tokens.length >= 60) {
      sentences.push(cur);
      cur = { tokens: [], tags: [] };
    }
  }
  if (cur.tokens.length) sentences.push(cur);
  return sentences;
}

function readWikiann(file: string): RawSentence[] {
  const sentences: RawSentence[] = [];
  for (const block of fs.readFileSync(file, 'utf8').split(/\n\s*\n/)) {
    const s: RawSentence = { tokens: [], tags: [] };
    for (const line of block.split('\n')) {
      if (!line.trim()) continue;
      const [tok, tag] = line.split('\t');
      s.tokens.push(tok);
      s.tags.push(tag.trim());
    }
    if (s.tokens.length && s.tokens[0] !== 'REDIRECTION') sentences.push(s);
  }
  return sentences;
}


function shuffler(seed: number) {
  return (epoch: number, count: number) => {
    const random = prng(seed + epoch * 7919);
    const order = Array.from({ length: count }, (_, i) => i);
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  };
}

function loadGazetteer(): Gazetteer {
  const g = emptyGazetteer();
  for (const name of GAZETTEER_FILES) {
    const file = path.join(dataDir, 'gazetteers', name);
    if (fs.existsSync(file)) addGazetteerText(g, fs.readFileSync(file, 'utf8'));
  }
  return g;
}

/**
 * Words usually written in lower case: seen in lower case at least twice and at least as often as
 * capitalized inside a sentence. Headlines are truecased with this list (see `view.ts`).
 */
function commonLowercase(sentences: { words: string[] }[]): string[] {
  const lower = new Map<string, number>();
  const upper = new Map<string, number>();
  for (const { words } of sentences) {
    if (words.filter(w => /^\p{Ll}/u.test(w)).length < 3) continue; // skip headlines and lists
    words.forEach((w, i) => {
      const l = w.toLowerCase();
      if (w === l && /^\p{L}/u.test(w)) lower.set(l, (lower.get(l) ?? 0) + 1);
      else if (i > 0 && /^\p{Lu}/u.test(w)) upper.set(l, (upper.get(l) ?? 0) + 1);
    });
  }
  return [...lower.entries()].filter(([w, n]) => n >= 2 && n >= (upper.get(w) ?? 0)).map(([w]) => w).sort();
}

/** Plain news and prose text for the usually-lower-case word list (case statistics only, no labels). */
function extraText(lang: 'en' | 'fr'): { words: string[] }[] {
  const texts: string[] = [];
  if (lang === 'en') {
    const dir = path.join(corpora, 'quotes', 'polnear', 'train', 'text');
    if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir).sort()) texts.push(fs.readFileSync(path.join(dir, f), 'utf8'));
  } else {
    const aads = path.join(corpora, 'quotes', 'aads-french', 'aggregated_corpus.train-val.json');
    if (fs.existsSync(aads)) {
      const docs = JSON.parse(fs.readFileSync(aads, 'utf8')) as Record<string, { text: string }>;
      for (const id of Object.keys(docs).sort()) texts.push(docs[id].text);
    }
    const ftb = path.join(corpora, 'timeml', 'fr-timebank', 'Data');
    if (fs.existsSync(ftb)) for (const f of fs.readdirSync(ftb).sort()) texts.push(fs.readFileSync(path.join(ftb, f), 'utf8').replace(/<[^>]*>/g, ' '));
  }
  return texts.flatMap(t => t.split(/\n+|(?<=[.!?])\s+/)).map(line => ({ words: tokenize(line).map(tok => tok.text) }));
}

function toTraining(raws: RawSentence[], types: Set<string>, gazetteer: Gazetteer, common: ReadonlySet<string>): TrainingSentence[] {
  return raws.map(raw => {
    const { words, tags } = retokenize(raw, types);
    return { view: buildView(words, gazetteer, common).view, tags };
  });
}

/** Beam-search decoding over summed perceptron scores (measurement only: the shipped tagger is greedy). */
function beamTag(model: TaggerModel, view: SentenceView, lexicon: Lexicon, width: number): string[] {
  let beam: { score: number; tags: string[] }[] = [{ score: 0, tags: [] }];
  for (let i = 0; i < view.words.length; i++) {
    const next: { score: number; tags: string[] }[] = [];
    for (const item of beam) {
      const prev1 = i > 0 ? item.tags[i - 1] : '<S>';
      const prev2 = i > 1 ? item.tags[i - 2] : '<S>';
      const scores = scoreSlow(model, view, i, prev1, prev2, lexicon);
      model.tags.forEach((tag, t) => {
        if (allowedAfter(i > 0 ? prev1 : 'O', tag)) next.push({ score: item.score + scores[t], tags: [...item.tags, tag] });
      });
    }
    beam = next.sort((a, b) => b.score - a.score).slice(0, width);
  }
  return beam[0].tags;
}

/** Span-level P/R/F1 per type of a model on sentences with gold tags. */
function score(model: TaggerModel, sentences: TrainingSentence[], gazetteer: Gazetteer, beam = 0): string {
  const lexicon = makeLexicon(gazetteer);
  const counts: Record<string, [number, number, number]> = {};
  for (const s of sentences) {
    const gold = spansFromTags(s.tags);
    const pred = spansFromTags(beam ? beamTag(model, s.view, lexicon, beam) : tagSentence(model, s.view, lexicon));
    const key = (x: { start: number; end: number; type: string }) => `${x.start}:${x.end}:${x.type}`;
    const goldKeys = new Set(gold.map(key));
    for (const type of ['PER', 'ORG', 'LOC', 'ALL']) {
      const c = (counts[type] ??= [0, 0, 0]);
      const p = pred.filter(x => x.type === type || (type === 'ALL' && x.type !== 'MISC'));
      c[0] += p.filter(x => goldKeys.has(key(x))).length;
      c[1] += p.length;
      c[2] += gold.filter(x => x.type === type || (type === 'ALL' && x.type !== 'MISC')).length;
    }
  }
  return Object.entries(counts)
    .map(([type, [tp, np, ng]]) => {
      const p = np ? tp / np : 0;
      const r = ng ? tp / ng : 0;
      return `${type} P ${(100 * p).toFixed(1)} R ${(100 * r).toFixed(1)} F1 ${((200 * p * r) / (p + r || 1)).toFixed(1)}`;
    })
    .join(' | ');
}

function save(model: TrainedModel, name: string): void {
  const bytes = encodeModel(model, { minWeight: MIN_WEIGHT });
  const gz = zlib.gzipSync(bytes, { level: 9 });
  fs.mkdirSync(path.join(dataDir, 'models'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'models', name), gz);
  console.log(`${name}: ${model.index.size} features before pruning, ${(bytes.length / 1e6).toFixed(1)} MB raw, ${(gz.length / 1e6).toFixed(1)} MB gzipped`);
}

function train(lang: 'en' | 'fr', gazetteer: Gazetteer): void {
  const t0 = Date.now();
  const lexicon = makeLexicon(gazetteer);
  let training: TrainingSentence[];
  let heldOut: TrainingSentence[] = [];
  let types: string[];
  let corpusNames: string[];
  let common: string[];
  if (lang === 'en') {
    types = ['PER', 'ORG', 'LOC', 'MISC'];
    const typeSet = new Set(types);
    const raws = readConll(path.join(corpora, 'conll2003-en', 'eng.train')).flat();
    common = commonLowercase([...raws.map(raw => retokenize(raw, typeSet)), ...extraText('en')]);
    training = toTraining(raws, typeSet, gazetteer, new Set(common));
    if (evaluate) heldOut = toTraining(readConll(path.join(corpora, 'conll2003-en', 'eng.testa')).flat(), typeSet, gazetteer, new Set(common));
    corpusNames = ['conll2003-en/eng.train'];
  } else {
    types = ['PER', 'ORG', 'LOC'];
    const typeSet = new Set(types);
    const europeana = readEuropeana(path.join(corpora, 'fr-ner', 'europeana-enp-fr', 'enp_FR.bnf.bio'));
    const wikiann = readWikiann(path.join(corpora, 'fr-ner', 'wikiann-panx-fr', 'train-fr.tsv'));
    // English news (CoNLL train, MISC as O) teaches the French model news style, acronyms and
    // bylines that the 1906 OCR pages and Wikipedia fragments lack: +3 F1 on the French dev articles.
    const english = readConll(path.join(corpora, 'conll2003-en', 'eng.train')).flat();
    common = commonLowercase([...[...europeana, ...wikiann, ...english].map(raw => retokenize(raw, typeSet)), ...extraText('fr')]);
    training = toTraining([...europeana, ...wikiann, ...english], typeSet, gazetteer, new Set(common));
    if (evaluate) heldOut = toTraining(readWikiann(path.join(corpora, 'fr-ner', 'wikiann-panx-fr', 'dev-fr.tsv')), typeSet, gazetteer, new Set(common));
    corpusNames = ['fr-ner/europeana-enp-fr', 'fr-ner/wikiann-panx-fr/train-fr.tsv', 'conll2003-en/eng.train (MISC as O)'];
  }
  console.log(`${lang}: ${training.length} sentences, ${training.reduce((n, s) => n + s.tags.length, 0)} tokens (${Date.now() - t0} ms to read)`);
  const model = trainTagger(training, {
    types,
    epochs: EPOCHS,
    lexicon,
    order: shuffler(lang === 'en' ? 2003 : 1906),
    onEpoch: (epoch, mistakes, tokens) => console.log(`  epoch ${epoch + 1}: ${mistakes} mistakes / ${tokens} tokens (${Date.now() - t0} ms)`),
  });
  model.meta = { ...model.meta, language: lang, corpora: corpusNames, lowercase: common };
  if (evaluate) {
    let t = Date.now();
    console.log(`  held-out, greedy: ${score(model, heldOut, gazetteer)} (${Date.now() - t} ms)`);
    if (BEAM) {
      t = Date.now();
      console.log(`  held-out, beam ${BEAM}: ${score(model, heldOut, gazetteer, BEAM)} (${Date.now() - t} ms)`);
    }
  }
  save(model, `ner-${lang}.bin.gz`);
}

const gazetteer = loadGazetteer();
for (const lang of ['en', 'fr'] as const) if (!only || only === lang) train(lang, gazetteer);
