/**
 * Hover cards: for an entity its type, canonical name, mention count and attributed quotes; for a
 * date its ISO value and what it was resolved against; for a quote its speaker and attribution.
 * Entities and dates win over the quote around them, since they are the more specific answer.
 */
import type { CancellationToken, Hover, Position } from '../lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, DateMention, Mention, Quote } from '../analysis/types';
import { dateAt, entityOf, mentionAt, quoteAt, quotesBy } from './locate';

const TYPE_LABEL = { PERSON: 'Person', ORGANIZATION: 'Organization', LOCATION: 'Place' } as const;

function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Never cut an emoji (a surrogate pair) in half.
  const cut = /[\uD800-\uDBFF]/.test(flat[max - 2]) ? max - 2 : max - 1;
  return `${flat.slice(0, cut)}…`;
}

/** Markdown-escape text taken from the article so it cannot inject links or formatting. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}

function mentionHover(document: TextDocument, analysis: Analysis, mention: Mention): string {
  const entity = entityOf(analysis, mention);
  const count = entity?.mentions.length ?? 1;
  const lines = [`**${TYPE_LABEL[mention.type]}** · ${escape(mention.canonical)}`, '', `${count} mention${count === 1 ? '' : 's'} in this file`];
  if (mention.origin) lines.push('', mention.origin === 'correction' ? "_Your correction (kept in the article's .ann file)_" : '_From your watch-list_');
  const quotes = quotesBy(analysis, mention.entityId);
  if (quotes.length) {
    lines.push('', `**Quotes (${quotes.length})**`);
    for (const quote of quotes.slice(0, 5)) lines.push(`- ${escape(excerpt(quote.text))} (line ${document.positionAt(quote.start).line + 1})`);
    if (quotes.length > 5) lines.push(`- … and ${quotes.length - 5} more`);
  }
  return lines.join('\n');
}

function dateHover(document: TextDocument, analysis: Analysis, date: DateMention): string {
  const lines = [`**Date** · ${date.value ?? 'unresolved'}`, ''];
  const reference = analysis.referenceDate;
  if (!date.relative) lines.push('As written in the text.');
  else if (reference && date.value) lines.push(`Resolved against the article's date ${reference.value} ("${escape(excerpt(reference.text, 60))}", line ${document.positionAt(reference.start).line + 1}).`);
  else lines.push('Relative date: the article gives no date line to resolve it against.');
  if (date.origin) lines.push('', "_Marked as a date by you (the article's .ann file)_");
  if (date.resolution) lines.push('', `_${escape(date.resolution)}_`);
  return lines.join('\n');
}

function quoteHover(document: TextDocument, quote: Quote): string {
  const speaker = quote.speakers.length ? quote.speakers.map(escape).join(', ') : 'unknown';
  const lines = [`**Quote** · Speaker: ${speaker}`];
  if (quote.attribution) lines.push('', `Attribution: "${escape(excerpt(document.getText().slice(quote.attribution.start, quote.attribution.end), 80))}"`);
  if (quote.unbalanced) lines.push('', '_Unbalanced quotation mark: the quote was closed at the paragraph end._');
  if (quote.origin) lines.push('', "_Speakers chosen by you (the article's .ann file)_");
  return lines.join('\n');
}

/** The hover at `position`, or null when nothing recognized is there. */
export function provideHover(document: TextDocument, analysis: Analysis, position: Position, token?: CancellationToken): Hover | null {
  if (token?.isCancellationRequested) return null;
  const offset = document.offsetAt(position);
  const mention = mentionAt(analysis, offset);
  const date = mention ? undefined : dateAt(analysis, offset);
  const quote = mention || date ? undefined : quoteAt(analysis, offset);
  const target = mention ?? date ?? quote;
  if (!target) return null;
  const value = mention ? mentionHover(document, analysis, mention) : date ? dateHover(document, analysis, date) : quoteHover(document, quote!);
  return { contents: { kind: 'markdown', value }, range: { start: document.positionAt(target.start), end: document.positionAt(target.end) } };
}
