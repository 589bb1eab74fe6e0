/**
 * Annotating one file for the CLI: read and decode it, analyse it, and return either the analysis
 * or the one-line reason it could not be annotated. Shared by the main thread and the workers.
 */
import { analyzeText } from '../../server/src/analysis/analyze';
import type { Analysis } from '../../server/src/analysis/types';
import { readArticle } from '../../server/src/articleFile';
import { loadEntityResources } from '../../server/src/resources';

export type FileResult =
  | { file: string; ok: true; analysis: Analysis; warning?: string }
  | { file: string; ok: false; reason: string };

/** Annotate the file at `file`; never throws. */
export function annotateFile(file: string, maxBytes?: number): FileResult {
  try {
    const read = readArticle(file, maxBytes);
    if (!read.ok) return { file, ok: false, reason: read.reason };
    const analysis = analyzeText(read.text, { entityResources: loadEntityResources() });
    return { file, ok: true, analysis, warning: read.warning };
  } catch (error) {
    return { file, ok: false, reason: `internal error: ${(error as Error).message}` };
  }
}
