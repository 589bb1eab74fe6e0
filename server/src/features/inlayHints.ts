/**
 * Inlay hints after relative dates ("Monday", "hier", "last year") showing the calendar value
 * they resolve to, so a reader sees *when* without hovering.
 */
import { InlayHintKind, type CancellationToken, type InlayHint, type Range } from '../lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis/types';

export function provideInlayHints(document: TextDocument, analysis: Analysis, range: Range, token?: CancellationToken): InlayHint[] {
  if (token?.isCancellationRequested) return [];
  const from = document.offsetAt(range.start);
  const to = document.offsetAt(range.end);
  return analysis.dates
    .filter(d => d.relative && d.value && d.end >= from && d.start <= to)
    .map(d => ({ position: document.positionAt(d.end), label: `= ${d.value}`, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: `"${d.text}" resolved against the article's date ${analysis.referenceDate?.value ?? ''}` }));
}
