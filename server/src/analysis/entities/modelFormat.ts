/**
 * The shipped model file format: a compact, pruned and quantized encoding of a `TaggerModel`.
 * Layout (little-endian): magic "ALNER1\n"; u32 length + JSON header (tags, meta, row count,
 * scale); u32 length + UTF-8 feature strings joined by "\n"; one u8 per row (its non-zero count);
 * then u8 tag indexes and i16 quantized weights of all non-zero entries. Weights whose magnitude
 * is below the pruning threshold are dropped, so rare features vanish. Pure bytes in, bytes out:
 * the host reads and decompresses the file.
 */
import type { TaggerModel } from './perceptron';

const MAGIC = 'ALNER1\n';

export interface EncodeOptions {
  /** Entries with |weight| below this are dropped. */
  minWeight: number;
}

/** Encode a model; rows left without any weight are dropped. */
export function encodeModel(model: TaggerModel, options: EncodeOptions): Uint8Array {
  const nTags = model.tags.length;
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / 32767 || 1;
  const features: string[] = [];
  const counts: number[] = [];
  const tagBytes: number[] = [];
  const values: number[] = [];
  const rows = [...model.index.entries()].sort((a, b) => a[1] - b[1]);
  for (const [feature, row] of rows) {
    let nnz = 0;
    for (let t = 0; t < nTags; t++) {
      const w = model.weights[row * nTags + t];
      if (Math.abs(w) < options.minWeight) continue;
      const q = Math.round(w / scale);
      if (q === 0) continue;
      tagBytes.push(t);
      values.push(q);
      nnz++;
    }
    if (!nnz) continue;
    features.push(feature);
    counts.push(nnz);
  }
  const header = new TextEncoder().encode(JSON.stringify({ tags: model.tags, meta: model.meta, rows: features.length, scale }));
  const names = new TextEncoder().encode(features.join('\n'));
  const magic = new TextEncoder().encode(MAGIC);
  const total = magic.length + 4 + header.length + 4 + names.length + counts.length + tagBytes.length + values.length * 2;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let p = 0;
  out.set(magic, p);
  p += magic.length;
  view.setUint32(p, header.length, true);
  out.set(header, (p += 4));
  p += header.length;
  view.setUint32(p, names.length, true);
  out.set(names, (p += 4));
  p += names.length;
  out.set(counts, p);
  p += counts.length;
  out.set(tagBytes, p);
  p += tagBytes.length;
  for (const v of values) {
    view.setInt16(p, v, true);
    p += 2;
  }
  return out;
}

/** Decode a model written by `encodeModel`. Throws on a file that is not one. */
export function decodeModel(bytes: Uint8Array): TaggerModel {
  const decoder = new TextDecoder();
  if (decoder.decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new Error('not an Article Lens entity model');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = MAGIC.length;
  const headerLength = view.getUint32(p, true);
  p += 4;
  const header = JSON.parse(decoder.decode(bytes.subarray(p, p + headerLength))) as { tags: string[]; meta: Record<string, unknown>; rows: number; scale: number };
  p += headerLength;
  const namesLength = view.getUint32(p, true);
  p += 4;
  const features = decoder.decode(bytes.subarray(p, p + namesLength)).split('\n');
  p += namesLength;
  const counts = bytes.subarray(p, p + header.rows);
  p += header.rows;
  let nnzTotal = 0;
  for (const c of counts) nnzTotal += c;
  const tagBytes = bytes.subarray(p, p + nnzTotal);
  p += nnzTotal;
  const nTags = header.tags.length;
  const weights = new Float32Array(header.rows * nTags);
  const index = new Map<string, number>();
  let k = 0;
  for (let row = 0; row < header.rows; row++) {
    index.set(features[row], row);
    for (let e = 0; e < counts[row]; e++, k++) {
      weights[row * nTags + tagBytes[k]] = view.getInt16(p + 2 * k, true) * header.scale;
    }
  }
  return { tags: header.tags, index, weights, meta: header.meta };
}
