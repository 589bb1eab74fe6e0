/**
 * Reading article files from disk for the CLI and the workspace index: decoding (UTF-8, UTF-16
 * with a byte-order mark), and a clear reason instead of an exception for files that cannot be
 * articles (missing, binary, too large). Invalid UTF-8 is decoded with replacement characters and
 * reported, so one bad byte never costs the user the rest of the file.
 */
import fs from 'node:fs';

export type ArticleRead =
  | { ok: true; text: string; warning?: string }
  | { ok: false; reason: string };

/** Default largest file analysed, in bytes. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

function tooLarge(size: number, maxBytes: number): ArticleRead {
  const mb = (n: number) => (n / 1048576).toFixed(1);
  return { ok: false, reason: `too large (${mb(size)} MB; the limit is ${mb(maxBytes)} MB, setting articleLens.maxFileSize)` };
}

/** Decode raw bytes as article text, or say why they are not one. */
export function decodeArticle(bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): ArticleRead {
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes), warning: 'invalid UTF-8: undecodable bytes were replaced with U+FFFD' };
  }
}

/** Read and decode one article file. */
export function readArticle(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ArticleRead {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    return { ok: false, reason: 'no such file' };
  }
  if (stat.isDirectory()) return { ok: false, reason: 'is a directory' };
  // A FIFO, socket or device (or a link to one: x.txt → /dev/zero) would block or never end.
  if (!stat.isFile()) return { ok: false, reason: 'not a regular file (a pipe, socket or device)' };
  if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
  try {
    return decodeArticle(fs.readFileSync(path), maxBytes);
  } catch (error) {
    return { ok: false, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}
