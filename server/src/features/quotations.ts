/**
 * The `articleLens/quotations` request: a document's quotes grouped by speaker, for the
 * Quotations view. Groups are ordered by number of quotes, unattributed quotes last.
 */
import type { CancellationToken } from '../lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Span } from '../analysis/types';
import type { QuotationGroup, QuotationsResult } from '../protocol';

export function provideQuotations(document: TextDocument, analysis: Analysis, token?: CancellationToken): QuotationsResult {
  const result: QuotationsResult = { uri: document.uri, date: analysis.referenceDate?.value ?? null, groups: [] };
  if (token?.isCancellationRequested) return result;
  const range = (span: Span) => ({ start: document.positionAt(span.start), end: document.positionAt(span.end) });
  const groups = new Map<string, QuotationGroup>();
  for (const quote of analysis.quotes) {
    const key = quote.speakerIds.join('+');
    let group = groups.get(key);
    if (!group) {
      group = { speaker: quote.speakers.join(' & '), entityId: quote.speakerIds.length === 1 ? quote.speakerIds[0] : quote.speakerIds.length ? key : null, quotes: [] };
      groups.set(key, group);
    }
    group.quotes.push({ text: quote.text, range: range(quote), attributionRange: quote.attribution && range(quote.attribution), unbalanced: quote.unbalanced });
  }
  result.groups = [...groups.values()].sort((a, b) => Number(!a.speaker) - Number(!b.speaker) || b.quotes.length - a.quotes.length || a.speaker.localeCompare(b.speaker));
  return result;
}
