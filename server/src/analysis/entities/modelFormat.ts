/**
 * The shipped model file format: a compact, pruned and quantized encoding of a trained tagger,
 * read in place so loading costs little more than decompression. Layout (little-endian): magic
 * "ALNER2\n"; u32 length + JSON header (tags, meta, row count, entry count, scale); u32 length +
 * UTF-8 feature strings joined by "\n", sorted by their bytes; one u8 per row (its non-zero
 * count); the u8 tag indexes of all non-zero entries; padding to an even offset; their i16
 * quantized weights. Weights below the pruning threshold are dropped, so rare features vanish.
 * A look-up goes through a hash index of the strings built while decoding (`nameIndex.ts`); the
 * tagger caches what it looks up, so this runs once per new word or word pair. Pure bytes in, bytes out: the host reads the file.
 */
import { NameIndex } from './nameIndex';
import { denseModel, type TaggerModel, type TrainedModel } from './perceptron';

const MAGIC = 'ALNER2\n';

export interface EncodeOptions {
  /** Entries with |weight| below this are dropped. */
  minWeight: number;
}

interface Header {
  tags: string[];
  meta: Record<string, unknown>;
  rows: number;
  entries: number;
  scale: number;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Encode a trained model; rows left without any weight are dropped. */
export function encodeModel(model: TrainedModel, options: EncodeOptions): Uint8Array {
  const encoder = new TextEncoder();
  const nTags = model.tags.length;
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / 32767 || 1;
  const kept: { name: Uint8Array; tags: number[]; values: number[] }[] = [];
  for (const [feature, row] of model.index) {
    const tags: number[] = [];
    const values: number[] = [];
    for (let t = 0; t < nTags; t++) {
      const w = model.weights[row * nTags + t];
      if (Math.abs(w) < options.minWeight) continue;
      const q = Math.round(w / scale);
      if (q === 0) continue;
      tags.push(t);
      values.push(q);
    }
    if (tags.length) kept.push({ name: encoder.encode(feature), tags, values });
  }
  kept.sort((a, b) => compareBytes(a.name, b.name));
  const entries = kept.reduce((n, k) => n + k.tags.length, 0);
  const header = encoder.encode(JSON.stringify({ tags: model.tags, meta: model.meta, rows: kept.length, entries, scale } satisfies Header));
  const namesLength = kept.reduce((n, k) => n + k.name.length, 0) + Math.max(0, kept.length - 1);
  const magic = encoder.encode(MAGIC);
  let size = magic.length + 4 + header.length + 4 + namesLength + kept.length + entries;
  const pad = size % 2;
  size += pad + 2 * entries;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let p = 0;
  out.set(magic, p);
  p += magic.length;
  view.setUint32(p, header.length, true);
  out.set(header, (p += 4));
  p += header.length;
  view.setUint32(p, namesLength, true);
  p += 4;
  kept.forEach((k, i) => {
    if (i) out[p++] = 10;
    out.set(k.name, p);
    p += k.name.length;
  });
  for (const k of kept) out[p++] = k.tags.length;
  for (const k of kept) for (const t of k.tags) out[p++] = t;
  p += pad;
  for (const k of kept) {
    for (const v of k.values) {
      view.setInt16(p, v, true);
      p += 2;
    }
  }
  return out;
}

/** Decode a model written by `encodeModel`, without copying its strings. Throws on a file that is not one. */
export function decodeModel(bytes: Uint8Array): TaggerModel {
  const decoder = new TextDecoder();
  if (bytes.length < MAGIC.length + 8 || decoder.decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new Error('not an Article Lens entity model');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = MAGIC.length;
  const headerLength = view.getUint32(p, true);
  p += 4;
  const header = JSON.parse(decoder.decode(bytes.subarray(p, p + headerLength))) as Header;
  p += headerLength;
  const namesLength = view.getUint32(p, true);
  p += 4;
  const names = bytes.subarray(p, p + namesLength);
  p += namesLength;
  const rows = header.rows;
  const index = new NameIndex(names, rows);
  const starts = index.starts;
  const counts = bytes.subarray(p, p + rows);
  p += rows;
  const offsets = new Uint32Array(rows + 1);
  for (let i = 0; i < rows; i++) offsets[i + 1] = offsets[i] + counts[i];
  const tagBytes = bytes.subarray(p, p + header.entries);
  p += header.entries;
  p += p % 2;
  const values = new Int16Array(header.entries);
  for (let i = 0; i < header.entries; i++) values[i] = view.getInt16(p + 2 * i, true);
  const scale = header.scale;
  const encoder = new TextEncoder();
  let scratch = new Uint8Array(256);

  /** `text` in UTF-8 at the start of `scratch`; returns its length in bytes. */
  function encode(text: string): number {
    if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
    return encoder.encodeInto(text, scratch).written ?? 0;
  }

  /** Bytes of row `row`'s name shared with the first `length` bytes of `scratch`. */
  function shared(row: number, length: number): number {
    const from = starts[row];
    const n = Math.min(starts[row + 1] - 1 - from, length);
    let i = 0;
    while (i < n && names[from + i] === scratch[i]) i++;
    return i;
  }

  /** Whether some row's name starts with `prefix`: then the first row not below it in byte order does. */
  function hasPrefix(prefix: string): boolean {
    const known = index.hasPrefixThroughBar(prefix);
    if (known !== undefined) return known;
    const length = encode(prefix);
    let lo = 0;
    let hi = rows;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const i = shared(mid, length);
      if (i === length) return true;
      const from = starts[mid];
      // Below the prefix: a smaller byte where they differ, or a proper prefix of it.
      if (from + i === starts[mid + 1] - 1 || names[from + i] < scratch[i]) lo = mid + 1;
      else hi = mid;
    }
    return lo < rows && shared(lo, length) === length;
  }

  function addRow(row: number, into: Float32Array, at: number): boolean {
    if (row < 0) return false;
    for (let e = offsets[row]; e < offsets[row + 1]; e++) into[at + tagBytes[e]] += values[e] * scale;
    return true;
  }

  return {
    tags: header.tags,
    meta: header.meta,
    size: rows,
    hasPrefix,
    addWeights(feature, into, at = 0) {
      return addRow(index.find(feature), into, at);
    },
    addJoinedWeights(template, value, into, at) {
      return addRow(index.findJoined(template, value), into, at);
    },
  };
}

/** Expand a decoded model into a dense one (tests and tools that need to enumerate features). */
export function expandModel(bytes: Uint8Array): TrainedModel {
  const model = decodeModel(bytes);
  const decoder = new TextDecoder();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(MAGIC.length, true);
  const namesAt = MAGIC.length + 4 + headerLength;
  const namesLength = view.getUint32(namesAt, true);
  const names = namesLength ? decoder.decode(bytes.subarray(namesAt + 4, namesAt + 4 + namesLength)).split('\n') : [];
  const n = model.tags.length;
  const weights = new Float32Array(names.length * n);
  const index = new Map<string, number>();
  names.forEach((name, row) => {
    index.set(name, row);
    model.addWeights(name, weights, row * n);
  });
  return denseModel(model.tags, index, weights, model.meta);
}
