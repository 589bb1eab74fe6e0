/**
 * The outline: People, Organizations, Places (each entity once, its mentions as children), Dates
 * (chronological) and Quotations (speaker and first words). Groups with nothing in them are left
 * out so the outline stays short on small files.
 */
import { SymbolKind, type CancellationToken, type DocumentSymbol } from '../lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, EntityType, Span } from '../analysis/types';

const GROUPS: Array<[EntityType, string, SymbolKind]> = [
  ['PERSON', 'People', SymbolKind.Class],
  ['ORGANIZATION', 'Organizations', SymbolKind.Module],
  ['LOCATION', 'Places', SymbolKind.Namespace],
];

function firstWords(text: string, words = 6): string {
  const flat = text.replace(/\s+/g, ' ').trim().split(' ');
  return flat.slice(0, words).join(' ') + (flat.length > words ? ' …' : '');
}

const SEASON_START: Record<string, string> = { SP: '03-20', SU: '06-21', FA: '09-22', AU: '09-22', WI: '12-21' };

/**
 * A sortable first day for an ISO value at any precision: `2014` → `2014-01-01`, `2014-09` →
 * `2014-09-01`, `2014-W36` → that week's Monday, `2013-WI` → the season's start. Unresolved last.
 */
export function firstDay(value: string | null): string {
  if (!value) return '\uffff';
  const week = /^(\d{4})-W(\d{2})$/.exec(value);
  if (week) {
    // ISO week 1 holds January 4th; its Monday is the start of week 1.
    const jan4 = Date.UTC(Number(week[1]), 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86400000 + (Number(week[2]) - 1) * 7 * 86400000;
    return new Date(monday).toISOString().slice(0, 10);
  }
  const season = /^(\d{4})-(SP|SU|FA|AU|WI)$/.exec(value);
  if (season) return `${season[1]}-${SEASON_START[season[2]]}`;
  if (/^\d{4}$/.test(value)) return `${value}-01-01`;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
  return value;
}

/** Children per outline group; beyond it the outline would be unusable and slow to render. */
export const MAX_SYMBOLS_PER_GROUP = 1000;

/** Cap a group's children, ending with a note of how many were left out. */
function capped(children: DocumentSymbol[]): DocumentSymbol[] {
  if (children.length <= MAX_SYMBOLS_PER_GROUP) return children;
  const kept = children.slice(0, MAX_SYMBOLS_PER_GROUP);
  const last = kept[kept.length - 1];
  kept.push({ name: `… ${children.length - MAX_SYMBOLS_PER_GROUP} more`, kind: SymbolKind.Null, range: last.range, selectionRange: last.selectionRange });
  return kept;
}

/** Document symbols for the outline, breadcrumbs and "Go to Symbol in Editor". */
export function provideDocumentSymbols(document: TextDocument, analysis: Analysis, token?: CancellationToken): DocumentSymbol[] {
  if (token?.isCancellationRequested) return [];
  const range = (span: Span) => ({ start: document.positionAt(span.start), end: document.positionAt(span.end) });
  const group = (name: string, kind: SymbolKind, children: DocumentSymbol[]): DocumentSymbol => {
    const first = children[0].range.start;
    const last = children.reduce((end, c) => (c.range.end.line > end.line || (c.range.end.line === end.line && c.range.end.character > end.character) ? c.range.end : end), children[0].range.end);
    return { name, kind, range: { start: first, end: last }, selectionRange: children[0].selectionRange, children: capped(children) };
  };
  const symbols: DocumentSymbol[] = [];
  for (const [type, name, kind] of GROUPS) {
    const entities = analysis.entities.filter(e => e.type === type);
    if (!entities.length) continue;
    const children = entities.map(entity => {
      const mentions = entity.mentions.map(i => analysis.mentions[i]);
      const first = mentions[0];
      const definition = analysis.mentions[entity.definition] ?? first;
      const last = mentions[mentions.length - 1];
      return {
        name: entity.canonical,
        detail: `${mentions.length} mention${mentions.length === 1 ? '' : 's'}`,
        kind,
        range: range({ start: first.start, end: last.end }),
        selectionRange: range(definition),
        children: mentions.map(m => ({ name: m.text, kind: SymbolKind.Field, range: range(m), selectionRange: range(m) })),
      } satisfies DocumentSymbol;
    });
    children.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    symbols.push(group(name, kind, children));
  }
  if (analysis.dates.length) {
    const dates = [...analysis.dates].sort((a, b) => firstDay(a.value).localeCompare(firstDay(b.value)) || a.start - b.start);
    symbols.push(group('Dates', SymbolKind.Event, dates.map(d => ({ name: d.text.replace(/\s+/g, ' '), detail: d.value ?? 'unresolved', kind: SymbolKind.Event, range: range(d), selectionRange: range(d) }))));
  }
  if (analysis.quotes.length) {
    symbols.push(group('Quotations', SymbolKind.String, analysis.quotes.map(q => ({
      name: `${q.speakers.join(' & ') || 'Unattributed'}: ${firstWords(q.text)}`,
      kind: SymbolKind.String,
      range: range(q),
      selectionRange: range(q),
    }))));
  }
  return symbols;
}
