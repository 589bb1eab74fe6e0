/**
 * The statistical sequence tagger: an averaged perceptron over BILOU tags with greedy left-to-right
 * decoding, where the two previous predictions are features. Greedy decoding was kept over Viterbi
 * because the history features already capture most of the label dependencies (see the closing
 * note of issue 4 for the measurements), and it lets tagging sum cached per-word weight vectors,
 * which is what keeps the recognizer at several MB/s. Training is here too (pure, deterministic
 * given the sentence order) so tests can train on a tiny corpus; the repo's `scripts/train.ts`
 * drives it on the real corpora.
 */
import { AFTER, BEFORE, WINDOW, allFeatures, historyFeatures, visitWordFeatures, wordFacts, type Lexicon, type SentenceView } from './features';
import { PairTable } from './pairTable';
import { WORDS, recordsOf, type WordRecord } from './wordTable';

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

/** A tagger model: per-tag weights of feature strings. */
export interface TaggerModel {
  tags: string[];
  /** Free-form description (corpus, epochs, usually-lower-case words) kept with the model. */
  meta: Record<string, unknown>;
  /** Number of features with weights. */
  size: number;
  /** Add the weights of `feature` to `into[at … at + tags.length)`; false when the feature is unknown. */
  addWeights(feature: string, into: Float32Array, at?: number): boolean;
  /** False only when no feature starts with `prefix` (absent: assume some may). */
  hasPrefix?(prefix: string): boolean;
  /** `addWeights(template + value, into, at)` without building the string (absent: it is built). */
  addJoinedWeights?(template: string, value: string, into: Float32Array, at: number): boolean;
}

/** A model straight out of training: a feature index and a dense weight table. */
export interface TrainedModel extends TaggerModel {
  /** Feature string → row index into `weights`. */
  index: Map<string, number>;
  /** Row-major `index.size × tags.length` weights. */
  weights: Float32Array;
}

/** Wrap an index and a dense weight table as a model. */
export function denseModel(tags: string[], index: Map<string, number>, weights: Float32Array, meta: Record<string, unknown>): TrainedModel {
  const n = tags.length;
  return {
    tags,
    index,
    weights,
    meta,
    get size() {
      return index.size;
    },
    addWeights(feature, into, at = 0) {
      const row = index.get(feature);
      if (row === undefined) return false;
      for (let t = 0, o = row * n; t < n; t++, o++) into[at + t] += weights[o];
      return true;
    },
  };
}

/**
 * Per-model caches, so that tagging a token costs a few array additions instead of a dozen string
 * look-ups. Per word (indexed by its word-table id): the summed word-local weights at each window
 * offset; per short shape (by shape id): the weights of `ini|shape`, `ti|shape` and `t1|shape=tag`;
 * per pair of lower-case ids: the word-bigram weights; per pair of previous tags: the history
 * weights. Id-indexed caches belong to one generation of the word table and are emptied with it.
 */
interface Caches {
  /** The word table's generation the id-indexed caches below were filled in. */
  generation: number;
  /** Word-local weights at offsets −WINDOW … WINDOW, one block of n per offset: row `id` of this slab. */
  local: Float32Array;
  /** filled[id] = 1 once row `id` of `local` holds the word's weights. */
  filled: Uint8Array;
  /** `caps|lower` weights (headlines) by word id, computed on first use. */
  caps: (Float32Array | undefined)[];
  /** Shape-keyed weights by short-shape id (see `shapeEntry`). */
  shapes: (Float32Array | undefined)[];
  /** Per pair of adjacent words: `la` weights for the left one, then `lb` weights for the right one. */
  pairs: PairTable;
  /**
   * By lower-case id: which bigram features the model may have with that word on the left, so the
   * pairs of new text (mostly unknown to the model) skip both look-ups. See `leftPairKinds`.
   */
  leftPairs: Uint8Array;
  /** Scratch `la` + `lb` weights of one pair. */
  pairScores: Float32Array;
  /** `t1` + `t12` weights per (prev2, prev1) tag index pair; index n stands for the sentence start. */
  history: (Float32Array | undefined)[];
  /** allowed[prev * n + tag] = 1 when `tag` may follow `prev`; row n is the sentence start. */
  allowed: Uint8Array;
  /** Weights of the constant features: bias, caps, ti, ti-1 (one block each). */
  constants: Float32Array;
  /** Weights of the gazetteer-label features of each label ("LOC-U", …). */
  labels: Map<string, LabelWeights>;
  /** Scratch scores of one position (tagging never nests, and a typed array costs to allocate). */
  scores: Float32Array;
  /** Scratch slab offsets of one sentence's words and word pairs (grown as sentences need). */
  localAt: Int32Array;
  pairAt: Int32Array;
}

const caches = new WeakMap<TaggerModel, Caches>();
// Two lower-case ids below 2^15 pack into one pair key (the word table keeps ids below it).
const PAIR_ID_LIMIT = 32768;
// Word-pair tables: 2^19 slots (cleared at half load).
const PAIR_BITS = 19;
// Gazetteer-label caches are cleared past this many labels.
const LABEL_LIMIT = 1024;
const EMPTY = new Float32Array(0);

function cachesOf(model: TaggerModel): Caches {
  let c = caches.get(model);
  if (!c) {
    const n = model.tags.length;
    c = {
      generation: WORDS.generation,
      local: new Float32Array(1024 * (2 * WINDOW + 1) * n),
      filled: new Uint8Array(1024),
      caps: [],
      shapes: [],
      pairs: new PairTable(2 * n, PAIR_BITS),
      leftPairs: new Uint8Array(1024),
      pairScores: new Float32Array(2 * n),
      history: new Array((n + 1) ** 2),
      allowed: new Uint8Array((n + 1) * n),
      constants: new Float32Array(4 * n),
      labels: new Map(),
      scores: new Float32Array(n),
      localAt: new Int32Array(256),
      pairAt: new Int32Array(256),
    };
    for (let p = 0; p <= n; p++) for (let t = 0; t < n; t++) c.allowed[p * n + t] = allowedAfter(p < n ? model.tags[p] : 'O', model.tags[t]) ? 1 : 0;
    ['bias', 'caps', 'ti', 'ti-1'].forEach((f, k) => model.addWeights(f, c!.constants, k * n));
    caches.set(model, c);
  }
  return c;
}

/** Empty the id-indexed caches when the word table has been emptied since they were filled. */
function followGeneration(c: Caches): void {
  if (c.generation === WORDS.generation) return;
  c.generation = WORDS.generation;
  c.filled.fill(0);
  c.caps = [];
  c.shapes = [];
  c.labels.clear(); // their shape-keyed weights go by shape id
  c.pairs.clear();
  c.leftPairs.fill(0);
}

/** Offset in `c.local` of the word's local weights, computed on first use. */
function localOffset(model: TaggerModel, c: Caches, lexicon: Lexicon, record: WordRecord): number {
  const n = model.tags.length;
  const width = (2 * WINDOW + 1) * n;
  const id = record.id;
  if (id < c.filled.length && c.filled[id]) return id * width;
  if (id >= c.filled.length) {
    const rows = Math.max(2 * c.filled.length, id + 1);
    const filled = new Uint8Array(rows);
    filled.set(c.filled);
    const local = new Float32Array(rows * width);
    local.set(c.local);
    c.filled = filled;
    c.local = local;
  }
  const at = id * width;
  c.local.fill(0, at, at + width);
  const facts = wordFacts(record.word, lexicon, record.lower, record.short);
  const local = c.local;
  for (let k = -WINDOW; k <= WINDOW; k++) {
    const block = at + (k + WINDOW) * n;
    visitWordFeatures(facts, k, (template, value) => {
      if (model.addJoinedWeights) model.addJoinedWeights(template, value, local, block);
      else model.addWeights(template + value, local, block);
    });
  }
  c.filled[id] = 1;
  return at;
}

/** Shape-keyed weights: block 0 `ini|shape`, block 1 `ti|shape`, block 2 + p `t1|shape=tag p` (p = n: sentence start). */
function shapeEntry(model: TaggerModel, c: Caches, record: WordRecord): Float32Array {
  let entry = c.shapes[record.shortId];
  if (entry) return entry;
  const n = model.tags.length;
  const short = record.short;
  entry = new Float32Array((n + 3) * n);
  model.addWeights(`ini|${short}`, entry, 0);
  model.addWeights(`ti|${short}`, entry, n);
  for (let p = 0; p <= n; p++) model.addWeights(`t1|${short}=${p < n ? model.tags[p] : BEFORE}`, entry, (p + 2) * n);
  c.shapes[record.shortId] = entry;
  return entry;
}

// leftPairs flags: computed, some `la=left|…` feature, some `lb=left|…` feature.
const PAIRS_CHECKED = 1;
const HAS_LA = 2;
const HAS_LB = 4;

/** `leftPairs` flags of the lower-case word `left` (by id), computed on first use. */
function leftPairKinds(model: TaggerModel, c: Caches, leftId: number, left: string): number {
  if (leftId >= c.leftPairs.length) {
    const grown = new Uint8Array(Math.max(2 * c.leftPairs.length, leftId + 1));
    grown.set(c.leftPairs);
    c.leftPairs = grown;
  }
  let kinds = c.leftPairs[leftId];
  if (kinds === 0) {
    kinds = PAIRS_CHECKED;
    if (!model.hasPrefix || model.hasPrefix(`la=${left}|`)) kinds |= HAS_LA;
    if (!model.hasPrefix || model.hasPrefix(`lb=${left}|`)) kinds |= HAS_LB;
    c.leftPairs[leftId] = kinds;
  }
  return kinds;
}

/** Offset in `c.pairs.weights` of the weights of an adjacent word pair (0 for an unknown pair: zeros). */
function pairOffset(model: TaggerModel, c: Caches, leftId: number, rightId: number, left: string, right: string): number {
  const kinds = leftPairKinds(model, c, leftId, left);
  if (kinds === PAIRS_CHECKED) return 0;
  // Ids past the packing limit (only in a sentence of more than 30 000 new words) and pairs past a
  // full table (a sentence longer than its limit) go uncached.
  const cached = leftId < PAIR_ID_LIMIT && rightId < PAIR_ID_LIMIT && c.pairs.size < c.pairs.limit;
  const key = leftId * PAIR_ID_LIMIT + rightId;
  const found = cached ? c.pairs.find(key) : -1;
  if (found >= 0) return found;
  const n = model.tags.length;
  const scores = c.pairScores.fill(0);
  const known = (kinds & HAS_LA) !== 0 && model.addWeights(`la=${left}|${right}`, scores, 0);
  const offset = ((kinds & HAS_LB) !== 0 && model.addWeights(`lb=${left}|${right}`, scores, n)) || known ? c.pairs.addRow(scores) : 0;
  if (cached) c.pairs.set(key, offset);
  return offset;
}

/** Weights of one gazetteer label's features: `g0=`, `g-1=`, `g+1=` and `g0|shape=` (by short-shape id). */
interface LabelWeights {
  here: Float32Array;
  before: Float32Array;
  after: Float32Array;
  byShape: (Float32Array | undefined)[];
}

function weightsOf(model: TaggerModel, feature: string): Float32Array {
  const scores = new Float32Array(model.tags.length);
  return model.addWeights(feature, scores) ? scores : EMPTY;
}

function labelWeights(model: TaggerModel, c: Caches, label: string): LabelWeights {
  let entry = c.labels.get(label);
  if (!entry) {
    entry = { here: weightsOf(model, `g0=${label}`), before: weightsOf(model, `g-1=${label}`), after: weightsOf(model, `g+1=${label}`), byShape: [] };
    // Labels come from gazetteer types: a handful, unless a gazetteer has many types.
    if (c.labels.size >= LABEL_LIMIT) c.labels.clear();
    c.labels.set(label, entry);
  }
  return entry;
}

function labelShapeWeights(model: TaggerModel, c: Caches, label: string, record: WordRecord): Float32Array {
  const byShape = labelWeights(model, c, label).byShape;
  return (byShape[record.shortId] ??= weightsOf(model, `g0|${record.short}=${label}`));
}

function historyScores(model: TaggerModel, c: Caches, prev2: number, prev1: number): Float32Array {
  const n = model.tags.length;
  const key = prev2 * (n + 1) + prev1;
  let scores = c.history[key];
  if (!scores) {
    scores = new Float32Array(n);
    const p1 = prev1 < n ? model.tags[prev1] : BEFORE;
    const p2 = prev2 < n ? model.tags[prev2] : BEFORE;
    model.addWeights(`t1=${p1}`, scores);
    model.addWeights(`t12=${p2}|${p1}`, scores);
    c.history[key] = scores;
  }
  return scores;
}

function addBlock(into: Float32Array, from: Float32Array, at: number, n: number): void {
  if (from.length === 0) return;
  for (let t = 0; t < n; t++) into[t] += from[at + t];
}

/**
 * Greedy BILOU decoding of one sentence; returns one tag per token. Scores are exactly the sums
 * of `allFeatures` weights (the unit tests check it), computed through the caches above.
 */
export function tagSentence(model: TaggerModel, view: SentenceView, lexicon: Lexicon): string[] {
  const n = view.words.length;
  const nTags = model.tags.length;
  const records = recordsOf(view);
  const c = cachesOf(model);
  followGeneration(c);
  const out: string[] = new Array(n);
  const scores = c.scores;
  // WINDOW = 2 is written into the scoring loop's five blocks below.
  // locals[j + WINDOW]: offset in the local slab of word j's weights, padding words included.
  if (c.localAt.length < n + 2 * WINDOW) {
    c.localAt = new Int32Array(2 * (n + 2 * WINDOW));
    c.pairAt = new Int32Array(2 * (n + 2 * WINDOW));
  }
  const locals = c.localAt;
  for (let i = 0; i < n; i++) locals[i + WINDOW] = localOffset(model, c, lexicon, records[i]);
  const before = localOffset(model, c, lexicon, WORDS.record(BEFORE));
  const after = localOffset(model, c, lexicon, WORDS.record(AFTER));
  for (let k = 0; k < WINDOW; k++) {
    locals[k] = before;
    locals[n + WINDOW + k] = after;
  }
  // pairs[j]: offset in the pair slab of the adjacent pair (j - 1, j), with −1 and n standing for the padding words (lower ids 0 and 1).
  const pairs = c.pairAt;
  c.pairs.reserve(n + 1);
  for (let j = 0; j <= n; j++) {
    const leftId = j > 0 ? records[j - 1].lowerId : 0;
    const rightId = j < n ? records[j].lowerId : 1;
    pairs[j] = pairOffset(model, c, leftId, rightId, j > 0 ? view.lowers[j - 1] : BEFORE, j < n ? view.lowers[j] : AFTER);
  }
  // Both slabs are read only after every row was added: adding may have grown (replaced) them.
  const local = c.local;
  const pairWeights = c.pairs.weights;
  const k0 = c.constants;
  const start = nTags;
  let prev1 = start;
  let prev2 = start;
  // An unknown word pair adds row 0 of the pair slab, zeros: the loop below stays free of branches
  // (adding +0 changes no score but the sign of a zero, which no comparison sees).
  for (let i = 0; i < n; i++) {
    // Padding words contribute their own offset's block, like any other word. The five (WINDOW = 2)
    // window blocks (block k of word i - 2 + k), the bias and the two word-pair blocks are summed in
    // one pass, rounding to float32 after each addition in the order adding block by block into
    // `scores` would (so the scores are bit-identical).
    const w0 = locals[i];
    const w1 = locals[i + 1] + nTags;
    const w2 = locals[i + 2] + 2 * nTags;
    const w3 = locals[i + 3] + 3 * nTags;
    const w4 = locals[i + 4] + 4 * nTags;
    const pairBefore = pairs[i] + nTags;
    const pairAfter = pairs[i + 1];
    for (let t = 0; t < nTags; t++) {
      let s = local[w0 + t];
      s = Math.fround(s + local[w1 + t]);
      s = Math.fround(s + local[w2 + t]);
      s = Math.fround(s + local[w3 + t]);
      s = Math.fround(s + local[w4 + t]);
      s = Math.fround(s + k0[t]);
      s = Math.fround(s + pairWeights[pairBefore + t]);
      scores[t] = s + pairWeights[pairAfter + t];
    }
    // Context features (see `contextFeatures`); bias and word pairs were added above.
    const shape = shapeEntry(model, c, records[i]);
    if (view.initial[i]) addBlock(scores, shape, 0, nTags);
    if (view.allCaps) {
      addBlock(scores, k0, nTags, nTags);
      const id = records[i].id;
      const caps = (c.caps[id] ??= weightsOf(model, `caps|${view.lowers[i]}`));
      addBlock(scores, caps, 0, nTags);
    }
    const g = view.gazetteer;
    if (g[i]) {
      addBlock(scores, labelWeights(model, c, g[i]).here, 0, nTags);
      addBlock(scores, labelShapeWeights(model, c, g[i], records[i]), 0, nTags);
    }
    if (i > 0 && g[i - 1]) addBlock(scores, labelWeights(model, c, g[i - 1]).before, 0, nTags);
    if (i + 1 < n && g[i + 1]) addBlock(scores, labelWeights(model, c, g[i + 1]).after, 0, nTags);
    if (view.afterTitle[i]) {
      addBlock(scores, k0, 2 * nTags, nTags);
      addBlock(scores, shape, nTags, nTags);
    }
    if (i > 0 && view.afterTitle[i - 1]) addBlock(scores, k0, 3 * nTags, nTags);
    // History features (see `historyFeatures`), added while picking the best allowed tag.
    const history = historyScores(model, c, prev2, prev1);
    let best = -1;
    let bestScore = 0;
    for (let t = 0, a = prev1 * nTags, h = (prev1 + 2) * nTags; t < nTags; t++, h++) {
      if (!c.allowed[a + t]) continue;
      const score = Math.fround(Math.fround(scores[t] + history[t]) + shape[h]);
      if (best < 0 || score > bestScore) {
        best = t;
        bestScore = score;
      }
    }
    out[i] = model.tags[best];
    prev2 = prev1;
    prev1 = best;
  }
  return out;
}

/** Scores of every tag at position `i` given previous tags, summed feature by feature (the reference the cached path must equal). */
export function scoreSlow(model: TaggerModel, view: SentenceView, i: number, prev1: string, prev2: string, lexicon: Lexicon): Float32Array {
  const scores = new Float32Array(model.tags.length);
  for (const f of allFeatures(view, i, prev1, prev2, lexicon)) model.addWeights(f, scores);
  return scores;
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
export function trainTagger(sentences: TrainingSentence[], options: TrainOptions): TrainedModel {
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
  return denseModel(tags, index, weights, { types: options.types, epochs: options.epochs });
}
