/**
 * The tagger's cache of word-pair weights (the `la`/`lb` bigram features of adjacent words), keyed
 * by a pair of lower-case ids from the word table. Every token looks up one pair, so a look-up
 * must cost little more than one memory access.
 */

/**
 * Open-addressing hash table from a pair of lower-case ids to the pair's weights, kept in one
 * slab: a key and its row's offset sit side by side (a look-up touches one cache line, and the
 * weights are not a heap object each), and every unknown pair shares row 0, all zeros, so the
 * scoring loop adds it without a branch. Rows are only added between `reserve` calls, which may
 * empty the table, so offsets stay valid for a whole sentence.
 */
const MIN_BITS = 12;

export class PairTable {
  /** [key, offset] per slot; key −1 marks an empty slot. Starts small and doubles at half load, so a small working set stays in cache. */
  private slots = new Int32Array(0);
  private shift = 0;
  private mask = 0;
  /** Pairs (and rows) allowed before the table empties itself: half of the largest table's slots, so probes stay short. */
  readonly limit: number;
  /** Row 0 is zeros; other rows hold `la` weights for the left word, then `lb` weights for the right one. */
  weights: Float32Array;
  private rows = 1;
  size = 0;
  /** `width` floats per row; at most 2^`bits` slots. */
  constructor(readonly width: number, bits: number) {
    this.limit = 1 << (bits - 1);
    this.weights = new Float32Array(1024 * width);
    // Set through clear() rather than initialized in place: V8 then knows from the start that these
    // fields change, and the first growth does not throw away the tagger's optimized code.
    this.clear();
  }
  /** Make room for `count` new pairs (emptying the table when it would pass its load limit). */
  reserve(count: number): void {
    if (this.size + count > this.limit || this.rows + count > this.limit) this.clear();
  }
  /** The offset of `key`'s row (a non-negative integer key), or −1. */
  find(key: number): number {
    const slots = this.slots;
    for (let h = Math.imul(key, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & this.mask) {
      const k = slots[2 * h];
      if (k === key) return slots[2 * h + 1];
      if (k === -1) return -1;
    }
  }
  set(key: number, offset: number): void {
    if (2 * (this.size + 1) > this.slots.length >> 1) this.grow();
    this.place(key, offset);
    this.size++;
  }
  private place(key: number, offset: number): void {
    const slots = this.slots;
    for (let h = Math.imul(key, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & this.mask) {
      if (slots[2 * h] === -1) {
        slots[2 * h] = key;
        slots[2 * h + 1] = offset;
        return;
      }
    }
  }
  private grow(): void {
    const old = this.slots;
    const bits = 32 - this.shift + 1;
    this.slots = new Int32Array(2 << bits).fill(-1);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    for (let k = 0; k < old.length; k += 2) if (old[k] !== -1) this.place(old[k], old[k + 1]);
  }
  /** A new row holding `values`; returns its offset. */
  addRow(values: Float32Array): number {
    const at = this.rows * this.width;
    if (at + this.width > this.weights.length) {
      const grown = new Float32Array(2 * this.weights.length);
      grown.set(this.weights);
      this.weights = grown;
    }
    this.weights.set(values, at);
    this.rows++;
    return at;
  }
  clear(): void {
    this.slots = new Int32Array(2 << MIN_BITS).fill(-1);
    this.shift = 32 - MIN_BITS;
    this.mask = (1 << MIN_BITS) - 1;
    this.rows = 1;
    this.size = 0;
  }
}

