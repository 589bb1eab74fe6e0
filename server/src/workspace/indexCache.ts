/**
 * The index's disk cache: file summaries keyed by content hash (plus the analyser's version, so a
 * new model invalidates everything), stored as JSON lines in the extension's storage folder,
 * never in the user's workspace. Written atomically (temp file + rename), so a crash mid-write
 * leaves the previous cache intact; an unreadable cache is simply ignored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { internSummary, type FileSummary } from './fileSummary';

export class IndexCache {
  #entries = new Map<string, FileSummary>();
  #dirty = false;
  /** Strings shared by all summaries (see `internSummary`). */
  readonly strings = new Map<string, string>();
  readonly file: string | undefined;
  #version: string | undefined;

  /**
   * `versionOf` is asked only when the cache is first read or written: it hashes the model files,
   * which a server with no workspace folder (or one still answering its first requests) never needs.
   */
  constructor(storageDir: string | undefined, private readonly versionOf: () => string) {
    this.file = storageDir ? path.join(storageDir, 'article-index.jsonl') : undefined;
  }

  get version(): string {
    return (this.#version ??= this.versionOf());
  }

  /**
   * Read the cache file, keeping only entries of this analyser version. Returns how many were
   * loaded. Read line by line in chunks: the whole file as one string would double the peak
   * memory of a start with a large workspace.
   */
  load(): number {
    if (!this.file || !fs.existsSync(this.file)) return 0;
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.file, 'r');
      const header = JSON.stringify({ version: this.version });
      let first = true;
      for (const line of readLines(fd)) {
        if (first) {
          if (line !== header) return 0;
          first = false;
        } else if (line) {
          const { hash, summary } = JSON.parse(line) as { hash: string; summary: FileSummary };
          this.#entries.set(hash, internSummary(summary, this.strings));
        }
      }
    } catch {
      this.#entries.clear(); // a damaged cache costs a re-index, never a failure
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    return this.#entries.size;
  }

  get(hash: string): FileSummary | undefined {
    return this.#entries.get(hash);
  }

  set(hash: string, summary: FileSummary): void {
    this.#entries.set(hash, internSummary(summary, this.strings));
    this.#dirty = true;
  }

  /** Keep only the hashes still in use, then write if anything changed. */
  save(inUse?: Set<string>): void {
    if (inUse) {
      for (const hash of this.#entries.keys()) {
        if (!inUse.has(hash)) {
          this.#entries.delete(hash);
          this.#dirty = true;
        }
      }
    }
    if (!this.file || !this.#dirty) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    // Written in batches of lines, never as one string: memory stays flat whatever the workspace size.
    const fd = fs.openSync(temp, 'w');
    try {
      let batch = JSON.stringify({ version: this.version }) + '\n';
      for (const [hash, summary] of this.#entries) {
        batch += JSON.stringify({ hash, summary }) + '\n';
        if (batch.length > 1 << 20) {
          fs.writeSync(fd, batch);
          batch = '';
        }
      }
      fs.writeSync(fd, batch);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, this.file);
    this.#dirty = false;
  }
}

/** The lines of an open file, read in 1 MB chunks (UTF-8 safe: lines split on the byte 0x0A). */
function* readLines(fd: number): Generator<string> {
  const chunk = Buffer.alloc(1 << 20);
  let carry = Buffer.alloc(0);
  for (;;) {
    const read = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    let data = Buffer.concat([carry, chunk.subarray(0, read)]);
    let newline = data.indexOf(10);
    while (newline >= 0) {
      yield data.toString('utf8', 0, newline);
      data = data.subarray(newline + 1);
      newline = data.indexOf(10);
    }
    carry = Buffer.from(data);
  }
  if (carry.length) yield carry.toString('utf8');
}
