/**
 * A background indexing thread: analyses article texts the main server thread sends and answers
 * with their compact summaries, so indexing a large workspace never blocks the editor's requests.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeText } from '../analysis/analyze';
import type { Annotations } from '../analysis/corrections/model';
import { loadEntityResources } from '../resources';
import { summarize } from './fileSummary';

export interface IndexJob { id: number; text: string; maxLength: number; annotations?: Annotations }
export type IndexJobResult = { id: number; summary: ReturnType<typeof summarize> } | { id: number; error: string };

parentPort?.on('message', (job: IndexJob) => {
  try {
    const analysis = analyzeText(job.text, { entityResources: loadEntityResources(), maxLength: job.maxLength, annotations: job.annotations });
    parentPort?.postMessage({ id: job.id, summary: summarize(job.text, analysis) } satisfies IndexJobResult);
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: (error as Error).message } satisfies IndexJobResult);
  }
});
