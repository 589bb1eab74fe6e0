/**
 * A hash index over the decoded model's feature names (UTF-8, joined by "\n", read in place), so
 * finding a feature costs a hash of its text and about one probe instead of a binary search. New
 * text is mostly words the tagger has not cached yet, each asking the model for two dozen
 * features, and a binary search over ~70 000 names misses the processor cache at most of its
 * ~17 steps. The hash table is built on the first look-up, not while decoding: the server decodes
 * both models at start and may never look anything up in the French one. A second table holds the
 * names' distinct beginnings up to their first "|" ("la=new|"), so asking whether any word pair
 * starts with a word is one probe too.
 */

// FNV-1a over UTF-8 bytes: simple enough to hash a string's characters without encoding ASCII ones.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
// Fibonacci hashing spreads the hash's high bits over the slots.
const GOLDEN = 0x9e3779b1 | 0;
const BAR = 0x7c;

/** Put `row` (with its name's hash) in the first free slot of its probe sequence. */
function insert(slots: Int32Array, row: number, hash: number, shift: number, mask: number): void {
  let s = Math.imul(hash, GOLDEN) >>> shift;
  while (slots[2 * s] !== 0) s = (s + 1) & mask;
  slots[2 * s] = row + 1;
  slots[2 * s + 1] = hash;
}

export class NameIndex {
  /** starts[r] … starts[r + 1] − 1 is the name of row r (its "\n" excluded). */
  readonly starts: Uint32Array;
  /** [row + 1, hash of its name] per slot, 0 marking an empty slot; at most half full, so probes stay short. Built on first use. */
  private slots: Int32Array | undefined;
  private shift = 0;
  private mask = 0;
  /** [row + 1, hash] per distinct name beginning through its first "|", the row being one that starts so. */
  private bars = new Int32Array(0);
  private readonly encoder = new TextEncoder();
  private scratch = new Uint8Array(256);

  /** Index the `rows` names in `names` (separated by single "\n" bytes). */
  constructor(
    private readonly names: Uint8Array,
    private readonly rows: number,
  ) {
    const starts = new Uint32Array(rows + 1);
    let r = 1;
    for (let i = 0; i < names.length && r < rows; i++) if (names[i] === 10) starts[r++] = i + 1;
    starts[rows] = names.length + 1;
    this.starts = starts;
  }

  private build(): Int32Array {
    const { names, rows, starts } = this;
    let bits = 4;
    while (1 << bits < 2 * rows) bits++;
    const slots = new Int32Array(2 << bits);
    this.bars = new Int32Array(2 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    // The previous row's beginning through "|" (start, length; length 0: none): names are sorted, so rows sharing one are adjacent.
    let barFrom = 0;
    let barLength = 0;
    for (let row = 0; row < rows; row++) {
      let hash = FNV_OFFSET;
      const from = starts[row];
      let bar = -1;
      for (let i = from, end = starts[row + 1] - 1; i < end; i++) {
        const byte = names[i];
        hash = Math.imul(hash ^ byte, FNV_PRIME);
        if (byte === BAR && bar < 0) {
          bar = i + 1 - from;
          if (bar !== barLength || !this.sameBytes(from, barFrom, bar)) insert(this.bars, row, hash, this.shift, this.mask);
          barFrom = from;
          barLength = bar;
        }
      }
      insert(slots, row, hash, this.shift, this.mask);
    }
    return (this.slots = slots);
  }

  private sameBytes(a: number, b: number, length: number): boolean {
    for (let i = 0; i < length; i++) if (this.names[a + i] !== this.names[b + i]) return false;
    return true;
  }

  /**
   * Whether some name starts with `prefix`, when the prefix's only "|" is its last character
   * (`la=word|`); undefined for any other prefix (the caller searches the sorted names instead).
   */
  hasPrefixThroughBar(prefix: string): boolean | undefined {
    if (prefix.length === 0 || prefix.indexOf('|') !== prefix.length - 1) return undefined;
    if (!this.slots) this.build();
    if (this.scratch.length < prefix.length * 3) this.scratch = new Uint8Array(prefix.length * 3);
    const bytes = this.scratch;
    const length = this.encoder.encodeInto(prefix, bytes).written ?? 0;
    let hash = FNV_OFFSET;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ bytes[i], FNV_PRIME);
    const { bars, starts, names } = this;
    for (let s = Math.imul(hash, GOLDEN) >>> this.shift; ; s = (s + 1) & this.mask) {
      const row = bars[2 * s] - 1;
      if (row < 0) return false;
      if (bars[2 * s + 1] !== hash) continue;
      const from = starts[row];
      if (starts[row + 1] - 1 - from < length) continue;
      let i = 0;
      while (i < length && names[from + i] === bytes[i]) i++;
      if (i === length) return true;
    }
  }

  /** The row whose name is `text`, or −1. */
  find(text: string): number {
    return this.findJoined(text, '');
  }

  /** The row whose name is `head + tail`, or −1, without building that string (a feature is a template and a value). */
  findJoined(head: string, tail: string): number {
    let hash = FNV_OFFSET;
    for (let i = 0; i < head.length; i++) {
      const c = head.charCodeAt(i);
      if (c >= 0x80) return this.findEncoded(head + tail);
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    for (let i = 0; i < tail.length; i++) {
      const c = tail.charCodeAt(i);
      if (c >= 0x80) return this.findEncoded(head + tail);
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    const slots = this.slots ?? this.build();
    const { starts, names } = this;
    const split = head.length;
    const length = split + tail.length;
    for (let s = Math.imul(hash, GOLDEN) >>> this.shift; ; s = (s + 1) & this.mask) {
      const row = slots[2 * s] - 1;
      if (row < 0) return -1;
      if (slots[2 * s + 1] !== hash) continue;
      const from = starts[row];
      if (starts[row + 1] - 1 - from !== length) continue;
      let i = 0;
      while (i < split && names[from + i] === head.charCodeAt(i)) i++;
      if (i < split) continue;
      while (i < length && names[from + i] === tail.charCodeAt(i - split)) i++;
      if (i === length) return row;
    }
  }

  /** `find` for a text with non-ASCII characters: hashed and compared as UTF-8 bytes. */
  private findEncoded(text: string): number {
    if (this.scratch.length < text.length * 3) this.scratch = new Uint8Array(text.length * 3);
    const bytes = this.scratch;
    const length = this.encoder.encodeInto(text, bytes).written ?? 0;
    let hash = FNV_OFFSET;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ bytes[i], FNV_PRIME);
    const slots = this.slots ?? this.build();
    const { starts, names } = this;
    for (let s = Math.imul(hash, GOLDEN) >>> this.shift; ; s = (s + 1) & this.mask) {
      const row = slots[2 * s] - 1;
      if (row < 0) return -1;
      if (slots[2 * s + 1] !== hash) continue;
      const from = starts[row];
      if (starts[row + 1] - 1 - from !== length) continue;
      let i = 0;
      while (i < length && names[from + i] === bytes[i]) i++;
      if (i === length) return row;
    }
  }
}
