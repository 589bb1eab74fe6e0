/**
 * Annotating many files in parallel with worker threads (one per core, at most one per file),
 * delivering results in input order so output is deterministic whatever the scheduling.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { annotateFile, type AnnotationSource, type FileResult } from './annotateFile';

/** Annotate `files`, calling `onResult` in input order. Small batches stay on the main thread. */
export async function annotateAll(files: string[], onResult: (result: FileResult, done: number) => void, threads = os.availableParallelism?.() ?? os.cpus().length, source: AnnotationSource = {}): Promise<void> {
  const workerCount = Math.min(threads, Math.floor(files.length / 4));
  if (workerCount < 2) {
    files.forEach((file, i) => onResult(annotateFile(file, undefined, source), i + 1));
    return;
  }
  const results = new Array<FileResult | undefined>(files.length);
  let nextToSend = 0;
  let nextToDeliver = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    const deliver = () => {
      while (nextToDeliver < files.length && results[nextToDeliver]) {
        onResult(results[nextToDeliver]!, ++done);
        results[nextToDeliver++] = undefined;
      }
      if (nextToDeliver === files.length) {
        workers.forEach(w => void w.terminate());
        resolve();
      }
    };
    for (let w = 0; w < workerCount; w++) {
      const worker = new Worker(path.join(__dirname, 'worker.js'));
      const inFlight: number[] = [];
      const send = () => {
        if (nextToSend >= files.length) return;
        inFlight.push(nextToSend);
        worker.postMessage({ file: files[nextToSend++], source });
      };
      worker.on('message', (result: FileResult) => {
        results[inFlight.shift()!] = result;
        send();
        deliver();
      });
      worker.on('error', reject);
      workers.push(worker);
      send();
      send();
    }
  });
}
