/**
 * A hash index over the decoded model's feature names (UTF-8, joined by "\n", read in place), so
 * finding a feature costs a hash of its text and about one probe instead of a binary search. New
 * text is mostly words the tagger has not cached yet, each asking the model for two dozen
 * features, and a binary search over ~70 000 names misses the processor cache at most of its
 * ~17 steps. The hash table is built on the first look-up, not while decoding: the server decodes
 * both models at start and may never look anything up in the French one. A set per feature template
 * holds its names' distinct beginnings up to their first "|" ("la=new|"), so asking whether any
 * word pair starts with a word is one set look-up too.
 */

// FNV-1a over UTF-8 bytes: simple enough to hash a string's characters without encoding ASCII ones.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
// Fibonacci hashing spreads the hash's high bits over the slots.
const GOLDEN = 0x9e3779b1 | 0;
const BAR = 0x7c;
const SURROGATE = /[\uD800-\uDFFF]/;

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
  /** By feature template ("la="): the distinct beginnings through the first "|" of the names of that template, made on first need. */
  private readonly barsByTemplate = new Map<string, Set<string>>();
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
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    for (let row = 0; row < rows; row++) {
      let hash = FNV_OFFSET;
      for (let i = starts[row], end = starts[row + 1] - 1; i < end; i++) hash = Math.imul(hash ^ names[i], FNV_PRIME);
      insert(slots, row, hash, this.shift, this.mask);
    }
    return (this.slots = slots);
  }

  /** The first row whose name is not below the first `length` bytes of `bytes` in byte order. */
  private lowerBound(bytes: Uint8Array, length: number): number {
    const { names, starts } = this;
    let lo = 0;
    let hi = this.rows;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const from = starts[mid];
      const size = starts[mid + 1] - 1 - from;
      let i = 0;
      while (i < size && i < length && names[from + i] === bytes[i]) i++;
      const below = i < size && i < length ? names[from + i] < bytes[i] : size < length;
      if (below) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The distinct beginnings through "|" of the names starting with `template` (a feature template up to its "="). */
  private barsOf(template: string): Set<string> {
    let bars = this.barsByTemplate.get(template);
    if (bars) return bars;
    bars = new Set();
    const bytes = this.encoder.encode(template);
    const from = this.lowerBound(bytes, bytes.length);
    let to = this.rows;
    // Names are sorted: those starting with the template end before the template with its last byte raised ("la=" → "la>").
    if (bytes.length) {
      bytes[bytes.length - 1]++;
      to = this.lowerBound(bytes, bytes.length);
    }
    const { names, starts } = this;
    const decoder = new TextDecoder();
    let last = '';
    for (let row = from; row < to; row++) {
      const bar = names.subarray(starts[row], starts[row + 1] - 1).indexOf(BAR);
      if (bar < 0) continue;
      // Rows sharing a beginning are adjacent: decode it only when it changes.
      if (last.length === bar + 1 && this.startsWithText(starts[row], last)) continue;
      last = decoder.decode(names.subarray(starts[row], starts[row] + bar + 1));
      bars.add(last);
    }
    this.barsByTemplate.set(template, bars);
    return bars;
  }

  /** Whether the bytes at `from` spell the ASCII `text` (any other text answers false, costing only a decode). */
  private startsWithText(from: number, text: string): boolean {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80 || this.names[from + i] !== c) return false;
    }
    return true;
  }

  /**
   * Whether some name starts with `prefix`, when the prefix's only "|" is its last character
   * (`la=word|`); undefined for any other prefix (the caller searches the sorted names instead).
   */
  hasPrefixThroughBar(prefix: string): boolean | undefined {
    // A lone surrogate is looked up as the UTF-8 of U+FFFD by the search: surrogates are left to it.
    if (prefix.length === 0 || prefix.indexOf('|') !== prefix.length - 1 || SURROGATE.test(prefix)) return undefined;
    return this.barsOf(prefix.slice(0, prefix.indexOf('=') + 1)).has(prefix);
  }

  /** The row whose name is `text`, or −1. */
  find(text: string): number {
    return this.findJoined(text, '');
  }

  /** The row whose name is `head + tail`, or −1, without building that string (a feature is a template and a value). */
  findJoined(head: string, tail: string): number {
    const length = head.length + tail.length;
    if (this.scratch.length < length) this.scratch = new Uint8Array(2 * length);
    // ASCII is its own UTF-8: the characters are hashed and copied as bytes, with no encoding.
    const bytes = this.scratch;
    let hash = FNV_OFFSET;
    for (let i = 0; i < head.length; i++) {
      const c = head.charCodeAt(i);
      if (c >= 0x80) return this.findEncoded(head + tail);
      hash = Math.imul(hash ^ c, FNV_PRIME);
      bytes[i] = c;
    }
    for (let i = 0, at = head.length; i < tail.length; i++, at++) {
      const c = tail.charCodeAt(i);
      if (c >= 0x80) return this.findEncoded(head + tail);
      hash = Math.imul(hash ^ c, FNV_PRIME);
      bytes[at] = c;
    }
    return this.probe(hash, length);
  }

  /** `find` for a text with non-ASCII characters: hashed and compared as UTF-8 bytes. */
  private findEncoded(text: string): number {
    if (this.scratch.length < text.length * 3) this.scratch = new Uint8Array(text.length * 3);
    const length = this.encoder.encodeInto(text, this.scratch).written ?? 0;
    let hash = FNV_OFFSET;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ this.scratch[i], FNV_PRIME);
    return this.probe(hash, length);
  }

  /** The row whose name is the first `length` bytes of `scratch` (hashed to `hash`), or −1. */
  private probe(hash: number, length: number): number {
    const slots = this.slots ?? this.build();
    const { starts, names, scratch } = this;
    for (let s = Math.imul(hash, GOLDEN) >>> this.shift; ; s = (s + 1) & this.mask) {
      const row = slots[2 * s] - 1;
      if (row < 0) return -1;
      if (slots[2 * s + 1] !== hash) continue;
      const from = starts[row];
      if (starts[row + 1] - 1 - from !== length) continue;
      let i = 0;
      while (i < length && names[from + i] === scratch[i]) i++;
      if (i === length) return row;
    }
  }
}
