/**
 * One entry point for every export format, shared by the CLI (`--format`) and the editor's
 * "Export Annotations…" command (`articleLens/exportAnnotations`): brat standoff, CoNLL-2003
 * (IOB2), JSON lines for spaCy/doccano, and the project's gold-format JSON.
 */
import type { Analysis } from '../types';
import { toAnnotationJson } from './annotationJson';
import { analysisToBrat } from './brat';
import { toConll } from './conll';
import { toJsonl } from './jsonl';

/** The export formats, as `--format` and the editor's quick pick name them. */
export const EXPORT_FORMATS = ['brat', 'conll', 'jsonl', 'json'] as const;
/** One of `EXPORT_FORMATS`. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File extension for each format (the brat one must be `.ann` beside a `.txt` of the same name). */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { brat: '.ann', conll: '.conll', jsonl: '.jsonl', json: '.json' };

/** Whether untrusted input (a CLI flag, a request parameter) names an export format. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The article `file` (a base name) with text `text` and analysis `analysis`, written in `format`. */
export function exportAnnotations(format: ExportFormat, file: string, text: string, analysis: Analysis): string {
  switch (format) {
    case 'brat':
      return analysisToBrat(text, analysis);
    case 'conll':
      return toConll(text, analysis);
    case 'jsonl':
      return toJsonl(file, text, analysis);
    case 'json':
      return `${JSON.stringify(toAnnotationJson(file, analysis), null, 2)}\n`;
  }
}
