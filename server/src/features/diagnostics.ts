/**
 * Diagnostics from the analysis' problems: unbalanced quote marks, quotes with no speaker, files
 * too large or binary to analyse. All are information-level: they inform a reader, they are not
 * errors in the article.
 */
import { DiagnosticSeverity, type Diagnostic } from '../lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, ProblemSeverity } from '../analysis/types';

const SEVERITY: Record<ProblemSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/** More than this many diagnostics help nobody and slow the Problems panel down. */
export const MAX_DIAGNOSTICS = 1000;

/** Diagnostics for the problems of `analysis`; `quoteChecks` false keeps only file-level problems. */
export function provideDiagnostics(document: TextDocument, analysis: Analysis, quoteChecks: boolean): Diagnostic[] {
  const problems = analysis.problems.filter(p => quoteChecks || (p.code !== 'unbalanced-quote' && p.code !== 'quote-without-speaker'));
  const diagnostics: Diagnostic[] = problems.slice(0, MAX_DIAGNOSTICS).map(p => ({
      range: { start: document.positionAt(p.start), end: document.positionAt(p.end) },
      severity: SEVERITY[p.severity],
      code: p.code,
      source: 'Article Lens',
      message: p.message,
    }));
  if (problems.length > MAX_DIAGNOSTICS) {
    diagnostics.push({
      range: { start: document.positionAt(0), end: document.positionAt(0) },
      severity: DiagnosticSeverity.Information,
      code: 'too-many-problems',
      source: 'Article Lens',
      message: `Only the first ${MAX_DIAGNOSTICS} of ${problems.length} quotation notes are shown.`,
    });
  }
  return diagnostics;
}
