/**
 * The index's disk cache: file summaries keyed by content hash (plus the analyser's version, so a
 * new model invalidates everything), stored as JSON lines in the extension's storage folder,
 * never in the user's workspace. Written atomically (temp file + rename), so a crash mid-write
 * leaves the previous cache intact; an unreadable cache is simply ignored.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileSummary } from './fileSummary';

export class IndexCache {
  #entries = new Map<string, FileSummary>();
  #dirty = false;
  readonly file: string | undefined;

  constructor(storageDir: string | undefined, private readonly version: string) {
    this.file = storageDir ? path.join(storageDir, 'article-index.jsonl') : undefined;
  }

  /** Read the cache file, keeping only entries of this analyser version. Returns how many were loaded. */
  load(): number {
    if (!this.file || !fs.existsSync(this.file)) return 0;
    try {
      const lines = fs.readFileSync(this.file, 'utf8').split('\n');
      if (lines[0] !== JSON.stringify({ version: this.version })) return 0;
      for (const line of lines.slice(1)) {
        if (!line) continue;
        const { hash, summary } = JSON.parse(line) as { hash: string; summary: FileSummary };
        this.#entries.set(hash, summary);
      }
    } catch {
      this.#entries.clear(); // a damaged cache costs a re-index, never a failure
    }
    return this.#entries.size;
  }

  get(hash: string): FileSummary | undefined {
    return this.#entries.get(hash);
  }

  set(hash: string, summary: FileSummary): void {
    this.#entries.set(hash, summary);
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
    const lines = [JSON.stringify({ version: this.version })];
    for (const [hash, summary] of this.#entries) lines.push(JSON.stringify({ hash, summary }));
    fs.writeFileSync(temp, lines.join('\n') + '\n');
    fs.renameSync(temp, this.file);
    this.#dirty = false;
  }
}
