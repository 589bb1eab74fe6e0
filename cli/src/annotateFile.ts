/**
 * Annotating one file for the CLI: read and decode it, analyse it with the user's corrections
 * (its sidecar `NAME.ann`) and the nearest watch-list, and return either the analysis or the
 * one-line reason it could not be annotated. Shared by the main thread and the workers.
 */
import { analyzeText } from '../../server/src/analysis/analyze';
import type { Analysis } from '../../server/src/analysis/types';
import { readArticle } from '../../server/src/articleFile';
import { loadArticleAnnotations } from '../../server/src/annotations/articleAnnotations';
import { loadEntityResources } from '../../server/src/resources';

export type FileResult =
  | { file: string; ok: true; analysis: Analysis; text: string; warning?: string }
  | { file: string; ok: false; reason: string };

/** How the user's annotations are found: beside each article (default), in a folder of sidecars, or not at all. */
export interface AnnotationSource {
  /** Read `NAME.ann` from this folder instead of beside the article. */
  sidecarDir?: string;
  /** Ignore sidecars and watch-lists: the recognizers' output alone. */
  ignore?: boolean;
}

/** Annotate the file at `file`; never throws. */
export function annotateFile(file: string, maxBytes?: number, source: AnnotationSource = {}): FileResult {
  try {
    const read = readArticle(file, maxBytes);
    if (!read.ok) return { file, ok: false, reason: read.reason };
    const loaded = source.ignore ? undefined : loadArticleAnnotations(file, read.text, source.sidecarDir);
    const analysis = analyzeText(read.text, { entityResources: loadEntityResources(), annotations: loaded?.annotations });
    const warning = [read.warning, ...(loaded?.problems ?? [])].filter(Boolean).join('; ') || undefined;
    return { file, ok: true, analysis, text: read.text, warning };
  } catch (error) {
    return { file, ok: false, reason: `internal error: ${(error as Error).message}` };
  }
}
