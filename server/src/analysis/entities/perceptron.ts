/**
 * The statistical sequence tagger: an averaged perceptron over BILOU tags with greedy left-to-right
 * decoding, where the two previous predictions are features. Greedy decoding was kept over Viterbi
 * because the history features already capture most of the label dependencies (see the closing
 * note of issue 4 for the measurements), and it lets tagging sum cached per-word weight vectors,
 * which is what keeps the recognizer at several MB/s. Training is here too (pure, deterministic
 * given the sentence order) so tests can train on a tiny corpus; the repo's `scripts/train.ts`
 * drives it on the real corpora.
 */
import { AFTER, BEFORE, WINDOW, allFeatures, contextFeatures, historyFeatures, wordFeatures, type Lexicon, type SentenceView } from './features';

/** Tag set: "O" plus B/I/L/U for each type. */
export function bilouTags(types: string[]): string[] {
  const tags = ['O'];
  for (const type of types) for (const p of ['B', 'I', 'L', 'U']) tags.push(`${p}-${type}`);
  return tags;
}

/** Whether `tag` may follow `prev` in a well-formed BILOU sequence. */
export function allowedAfter(prev: string, tag: string): boolean {
  const open = prev[0] === 'B' || prev[0] === 'I';
  if (open) return (tag[0] === 'I' || tag[0] === 'L') && tag.slice(2) === prev.slice(2);
  return tag === 'O' || tag[0] === 'B' || tag[0] === 'U';
}

/** A trained tagger: feature → row of per-tag weights. */
export interface TaggerModel {
  tags: string[];
  /** Feature string → row index into `weights`. */
  index: Map<string, number>;
  /** Row-major `index.size × tags.length` weights. */
  weights: Float32Array;
  /** Free-form description (corpus, epochs) kept with the model. */
  meta: Record<string, unknown>;
}

/**
 * Per-model caches, so tagging a token costs a few array additions: word-local weight sums per
 * (offset, word), and the weights of the history features per previous tags. Bounded; a full
 * word cache is cleared.
 */
interface Caches {
  /** One map per offset −WINDOW … WINDOW; at offset 0 the vector also holds, per previous tag, the `t1|shape` weights. */
  words: Map<string, Float32Array>[];
  /** `t1` + `t12` weights per (prev2, prev1) tag index pair; prev index nTags stands for the sentence start. */
  history: (Float32Array | undefined)[];
  tagIndex: Map<string, number>;
  /** allowed[prev * n + tag] = 1 when `tag` may follow `prev`; row n is the sentence start. */
  allowed: Uint8Array;
}
const caches = new WeakMap<TaggerModel, Caches>();
const CACHE_LIMIT = 100_000;

function cachesOf(model: TaggerModel): Caches {
  let c = caches.get(model);
  if (!c) {
    c = {
      words: Array.from({ length: 2 * WINDOW + 1 }, () => new Map()),
      history: new Array((model.tags.length + 1) ** 2),
      tagIndex: new Map(model.tags.map((t, i) => [t, i])),
      allowed: new Uint8Array((model.tags.length + 1) * model.tags.length),
    };
    const n = model.tags.length;
    for (let p = 0; p <= n; p++) for (let t = 0; t < n; t++) c.allowed[p * n + t] = allowedAfter(p < n ? model.tags[p] : 'O', model.tags[t]) ? 1 : 0;
    caches.set(model, c);
  }
  return c;
}

function addRow(model: TaggerModel, feature: string, into: Float32Array, at = 0): void {
  const row = model.index.get(feature);
  if (row === undefined) return;
  const n = model.tags.length;
  const w = model.weights;
  for (let t = 0, o = row * n; t < n; t++, o++) into[at + t] += w[o];
}

function wordScores(model: TaggerModel, lexicon: Lexicon, word: string, offset: number, short: string): Float32Array {
  const cache = cachesOf(model).words[offset + WINDOW];
  let scores = cache.get(word);
  if (scores) return scores;
  const n = model.tags.length;
  scores = new Float32Array(offset === 0 ? n * (n + 2) : n);
  for (const f of wordFeatures(word, offset, lexicon)) addRow(model, f, scores);
  if (offset === 0) {
    // Block p+1 holds the weights of `t1|shape=tag p` (block n+1 for the sentence start).
    for (let p = 0; p <= n; p++) addRow(model, `t1|${short}=${p < n ? model.tags[p] : BEFORE}`, scores, (p + 1) * n);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, scores);
  return scores;
}

function historyScores(model: TaggerModel, prev2: number, prev1: number): Float32Array {
  const c = cachesOf(model);
  const n = model.tags.length;
  const key = prev2 * (n + 1) + prev1;
  let scores = c.history[key];
  if (!scores) {
    scores = new Float32Array(n);
    const p1 = prev1 < n ? model.tags[prev1] : BEFORE;
    const p2 = prev2 < n ? model.tags[prev2] : BEFORE;
    addRow(model, `t1=${p1}`, scores);
    addRow(model, `t12=${p2}|${p1}`, scores);
    c.history[key] = scores;
  }
  return scores;
}

/** Greedy BILOU decoding of one sentence; returns one tag per token. */
export function tagSentence(model: TaggerModel, view: SentenceView, lexicon: Lexicon): string[] {
  const n = view.words.length;
  const nTags = model.tags.length;
  const out: string[] = new Array(n);
  const scores = new Float32Array(nTags);
  const start = nTags;
  // Word-local sums of every token at every offset, looked up once per token.
  const local: Float32Array[][] = [];
  for (let k = -WINDOW; k <= WINDOW; k++) {
    const row: Float32Array[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const j = i + k;
      const word = j < 0 ? BEFORE : j >= n ? AFTER : view.words[j];
      row[i] = wordScores(model, lexicon, word, k, k === 0 ? view.shorts[i] : '');
    }
    local.push(row);
  }
  const allowed = cachesOf(model).allowed;
  let prev1 = start;
  let prev2 = start;
  for (let i = 0; i < n; i++) {
    scores.fill(0);
    for (let k = 0; k <= 2 * WINDOW; k++) {
      const s = local[k][i];
      for (let t = 0; t < nTags; t++) scores[t] += s[t];
    }
    const own = local[WINDOW][i];
    const shaped = (prev1 + 1) * nTags;
    for (let t = 0; t < nTags; t++) scores[t] += own[shaped + t];
    const h = historyScores(model, prev2, prev1);
    for (let t = 0; t < nTags; t++) scores[t] += h[t];
    for (const f of contextFeatures(view, i)) addRow(model, f, scores);
    let best = -1;
    for (let t = 0, a = prev1 * nTags; t < nTags; t++) {
      if (!allowed[a + t]) continue;
      if (best < 0 || scores[t] > scores[best]) best = t;
    }
    out[i] = model.tags[best];
    prev2 = prev1;
    prev1 = best;
  }
  return out;
}

/** One training sentence: its view and its gold BILOU tags. */
export interface TrainingSentence {
  view: SentenceView;
  tags: string[];
}

export interface TrainOptions {
  /** Entity types, e.g. ["PER", "ORG", "LOC", "MISC"]. */
  types: string[];
  epochs: number;
  lexicon: Lexicon;
  /** Sentence order for each epoch (a deterministic shuffle supplied by the caller); default: as given. */
  order?: (epoch: number, count: number) => number[];
  /** Called after each epoch, e.g. to report progress or evaluate. */
  onEpoch?: (epoch: number, mistakes: number, tokens: number) => void;
}

/** Growable weight table used while training. */
class Table {
  rows = 0;
  w: Float64Array;
  u: Float64Array;
  constructor(readonly width: number) {
    this.w = new Float64Array(width * 1024);
    this.u = new Float64Array(width * 1024);
  }
  addRow(): number {
    if ((this.rows + 1) * this.width > this.w.length) {
      const w = new Float64Array(this.w.length * 2);
      const u = new Float64Array(this.u.length * 2);
      w.set(this.w);
      u.set(this.u);
      this.w = w;
      this.u = u;
    }
    return this.rows++;
  }
}

/**
 * Train an averaged perceptron with greedy decoding on predicted history. Deterministic for a
 * given sentence order. Features seen only after the gold tags are wrong still enter the table.
 */
export function trainTagger(sentences: TrainingSentence[], options: TrainOptions): TaggerModel {
  const tags = bilouTags(options.types);
  const nTags = tags.length;
  const tagIndex = new Map(tags.map((t, i) => [t, i]));
  const index = new Map<string, number>();
  const table = new Table(nTags);
  const rowOf = (f: string): number => {
    let row = index.get(f);
    if (row === undefined) {
      row = table.addRow();
      index.set(f, row);
    }
    return row;
  };
  // Word-local and context features do not depend on predictions: index them once.
  const staticRows: Int32Array[][] = sentences.map(({ view }) =>
    view.words.map((_, i) => {
      const fs = allFeatures(view, i, '', '', options.lexicon).filter(f => !f.startsWith('t1') && !f.startsWith('t12'));
      return Int32Array.from(fs, rowOf);
    }),
  );
  let c = 1;
  const scores = new Float64Array(nTags);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = options.order ? options.order(epoch, sentences.length) : sentences.map((_, i) => i);
    let mistakes = 0;
    let tokens = 0;
    for (const s of order) {
      const { view, tags: gold } = sentences[s];
      let prev1 = BEFORE;
      let prev2 = BEFORE;
      let prevTag = 'O';
      for (let i = 0; i < view.words.length; i++) {
        const rows = [...staticRows[s][i], ...historyFeatures(prev1, prev2, view, i).map(rowOf)];
        scores.fill(0);
        const w = table.w;
        for (const row of rows) for (let t = 0, o = row * nTags; t < nTags; t++, o++) scores[t] += w[o];
        let best = -1;
        for (let t = 0; t < nTags; t++) {
          if (!allowedAfter(prevTag, tags[t])) continue;
          if (best < 0 || scores[t] > scores[best]) best = t;
        }
        const truth = tagIndex.get(gold[i]) ?? 0;
        if (best !== truth) {
          mistakes++;
          const ww = table.w;
          const uu = table.u;
          for (const row of rows) {
            ww[row * nTags + truth] += 1;
            uu[row * nTags + truth] += c;
            ww[row * nTags + best] -= 1;
            uu[row * nTags + best] -= c;
          }
        }
        c++;
        tokens++;
        prev2 = prev1;
        prev1 = tags[best];
        prevTag = tags[best];
      }
    }
    options.onEpoch?.(epoch, mistakes, tokens);
  }
  const weights = new Float32Array(table.rows * nTags);
  for (let k = 0; k < weights.length; k++) weights[k] = table.w[k] - table.u[k] / c;
  return { tags, index, weights, meta: { types: options.types, epochs: options.epochs } };
}
