/**
 * A pool of indexing worker threads (one per core). Jobs go to the least busy worker; a worker
 * that dies is replaced and its jobs fail with a message rather than hanging the indexer.
 */
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Annotations } from '../analysis/corrections/model';
import type { FileSummary } from './fileSummary';
import type { IndexJob, IndexJobResult } from './indexWorker';
import { onFirstUse } from '../onFirstUse';

/** node:worker_threads on first use: loading it costs a server's first answer ~2 ms, and only indexing starts workers. */
const workerThreads = onFirstUse(() => require('node:worker_threads') as typeof import('node:worker_threads'));

interface Slot { worker: Worker; pending: Map<number, (result: IndexJobResult) => void> }

export class AnalysisPool {
  #slots: Slot[] = [];
  #nextId = 0;
  readonly size: number;

  constructor(size = Math.max(1, os.availableParallelism?.() ?? os.cpus().length), private readonly script = path.join(__dirname, 'indexWorker.js')) {
    this.size = size;
  }

  #spawn(): Slot {
    const slot: Slot = { worker: new (workerThreads().Worker)(this.script), pending: new Map() };
    slot.worker.on('message', (result: IndexJobResult) => {
      const resolve = slot.pending.get(result.id);
      slot.pending.delete(result.id);
      resolve?.(result);
    });
    const fail = (why: string) => {
      for (const [id, resolve] of slot.pending) resolve({ id, error: why });
      slot.pending.clear();
      this.#slots = this.#slots.filter(s => s !== slot);
    };
    slot.worker.on('error', error => fail(`indexing worker failed: ${error.message}`));
    slot.worker.on('exit', code => fail(`indexing worker exited (${code})`));
    slot.worker.unref();
    this.#slots.push(slot);
    return slot;
  }

  /** Analyse `text` (with the user's `annotations` merged in) on a worker and return its summary. */
  summarize(text: string, maxLength: number, annotations?: Annotations): Promise<FileSummary> {
    while (this.#slots.length < this.size) this.#spawn();
    const slot = this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, result => ('summary' in result ? resolve(result.summary) : reject(new Error(result.error))));
      slot.worker.postMessage({ id, text, maxLength, annotations } satisfies IndexJob);
    });
  }

  async dispose(): Promise<void> {
    const slots = this.#slots;
    this.#slots = [];
    await Promise.all(slots.map(s => s.worker.terminate()));
  }
}
