/**
 * Code actions for annotating: on a selection, a mention, a date or a word, "Mark as Person /
 * Organization / Place / Date" and "Not an entity"; on a quote, "Set speaker of this quote…"; on a
 * mention, "Merge with…"; where the user already corrected something, "Remove correction". Each
 * runs the server command `articleLens.applyCorrection`, which persists to the sidecar. The "…"
 * actions need a quick pick: with the Article Lens client they run its picker commands; for other
 * editors one action per choice is offered instead, so every LSP client can annotate.
 */
import { CodeActionKind, type CancellationToken, type CodeAction, type Diagnostic, type Range } from '../lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { wholeWordOccurrences } from '../analysis/corrections/apply';
import { overlaps, type Correction } from '../analysis/corrections/model';
import type { Analysis, Span } from '../analysis/types';
import { ApplyCorrectionCommand, type ApplyCorrectionArgs } from '../protocol';
import { dateAt, mentionAt, quoteAt } from './locate';

const LABELS = [
  { label: 'PERSON', title: 'Person' },
  { label: 'ORGANIZATION', title: 'Organization' },
  { label: 'LOCATION', title: 'Place' },
  { label: 'DATE', title: 'Date' },
] as const;

/** Client commands that show a quick pick, then run `articleLens.applyCorrection`. */
export const PICK_SPEAKER_COMMAND = 'articleLens.setQuoteSpeaker';
export const PICK_MERGE_COMMAND = 'articleLens.mergeWith';

/** At most this many one-per-choice actions for clients without pickers. */
const MAX_CHOICES = 8;

/** The word around `offset` (letters, digits, inner hyphens and apostrophes), if any. */
function wordAt(text: string, offset: number): Span | undefined {
  const isWord = (i: number) => i >= 0 && i < text.length && /[\p{L}\p{N}\-'’]/u.test(text[i]);
  let start = offset;
  let end = offset;
  while (isWord(start - 1)) start--;
  while (isWord(end)) end++;
  while (start < end && /[-'’]/.test(text[start])) start++;
  while (end > start && /[-'’]/.test(text[end - 1])) end--;
  return end > start ? { start, end } : undefined;
}

/** The span a "Mark as…" applies to: the selection trimmed of white space, else the mention, date or word at the cursor. */
export function targetSpan(text: string, analysis: Analysis, start: number, end: number): Span | undefined {
  if (end > start) {
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return end > start ? { start, end } : undefined;
  }
  const mention = mentionAt(analysis, start);
  if (mention) return { start: mention.start, end: mention.end };
  const date = dateAt(analysis, start);
  if (date) return { start: date.start, end: date.end };
  return wordAt(text, start);
}

/** The code actions for `range` of `document`. */
export function provideCodeActions(
  document: TextDocument,
  analysis: Analysis,
  range: Range,
  corrections: readonly Correction[],
  options: { pickers: boolean; people?: readonly string[]; diagnostics?: readonly Diagnostic[] },
  token?: CancellationToken,
): CodeAction[] {
  if (token?.isCancellationRequested) return [];
  const text = document.getText();
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const uri = document.uri;
  const toRange = (s: Span) => ({ start: document.positionAt(s.start), end: document.positionAt(s.end) });
  const action = (title: string, args: ApplyCorrectionArgs, preferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    ...(preferred ? { isPreferred: true } : {}),
    command: { title, command: ApplyCorrectionCommand, arguments: [args] },
  });
  const actions: CodeAction[] = [];

  const span = targetSpan(text, analysis, start, end);
  if (span) {
    const excerpt = text.slice(span.start, span.end).replace(/\s+/g, ' ');
    const short = excerpt.length > 30 ? `${excerpt.slice(0, 29)}…` : excerpt;
    const exact = analysis.mentions.find(m => m.start === span.start && m.end === span.end);
    const exactDate = analysis.dates.find(d => d.start === span.start && d.end === span.end);
    const current = exact?.type ?? (exactDate ? 'DATE' : undefined);
    for (const { label, title } of LABELS) {
      if (label === current) continue;
      actions.push(action(`Mark "${short}" as ${title}`, { uri, range: toRange(span), action: 'mark', label }));
    }
    const tagged = analysis.mentions.some(m => overlaps(m, span)) || analysis.dates.some(d => overlaps(d, span));
    if (tagged) actions.push(action(`Not an entity: "${short}"`, { uri, range: toRange(span), action: 'reject' }));
    // The same words elsewhere in the file: one decision for all of them.
    const count = wholeWordOccurrences(text, text.slice(span.start, span.end)).length;
    if (count > 1) {
      for (const { label, title } of LABELS) actions.push(action(`Mark all ${count} "${short}" as ${title}`, { uri, range: toRange(span), action: 'mark', label, all: true }));
      actions.push(action(`Not an entity: all ${count} "${short}"`, { uri, range: toRange(span), action: 'reject', all: true }));
    }
  }

  const mention = mentionAt(analysis, start);
  if (mention && (end === start || (mention.start <= start && end <= mention.end))) {
    if (options.pickers) {
      actions.push({ title: `Merge "${mention.canonical}" with…`, kind: CodeActionKind.QuickFix, command: { title: 'Merge with…', command: PICK_MERGE_COMMAND, arguments: [{ uri, range: toRange(mention) }] } });
    } else {
      const others = analysis.entities.filter(e => e.type === mention.type && e.id !== mention.entityId).slice(0, MAX_CHOICES);
      for (const other of others) actions.push(action(`Merge "${mention.canonical}" with ${other.canonical}`, { uri, range: toRange(mention), action: 'merge', canonical: other.canonical }));
    }
  }

  const quote = quoteAt(analysis, start);
  if (quote) {
    const quoteRange = toRange(quote);
    if (options.pickers) {
      actions.push({ title: 'Set speaker of this quote…', kind: CodeActionKind.QuickFix, command: { title: 'Set speaker of this quote…', command: PICK_SPEAKER_COMMAND, arguments: [{ uri, range: quoteRange }] } });
    } else {
      const people = [...new Set([...analysis.entities.filter(e => e.type === 'PERSON').map(e => e.canonical), ...(options.people ?? [])])];
      for (const person of people.filter(p => !quote.speakers.includes(p)).slice(0, MAX_CHOICES)) {
        actions.push(action(`Set speaker: ${person}`, { uri, range: quoteRange, action: 'speakers', speakers: [person] }));
      }
      if (quote.speakers.length) actions.push(action('Set speaker: unknown', { uri, range: quoteRange, action: 'speakers', speakers: [] }));
    }
  }

  // A correction whose words vanished is reported at its last place: offer to forget it there.
  for (const diagnostic of options.diagnostics ?? []) {
    if (diagnostic.code !== 'correction-orphaned') continue;
    const at = document.offsetAt(diagnostic.range.start);
    for (const c of corrections) {
      if (c.orphaned && c.id && c.start === at) actions.push({ ...action(`Forget the lost correction ${JSON.stringify(c.text.length > 30 ? `${c.text.slice(0, 29)}…` : c.text)}`, { uri, range: diagnostic.range, action: 'remove', id: c.id }), diagnostics: [diagnostic] });
    }
  }

  const probe = span ?? { start, end: Math.max(end, start + 1) };
  const mine = corrections.filter(c => !c.orphaned && (overlaps(c, probe) || (c.kind === 'speakers' && c.start <= start && start <= c.end)));
  if (mine.length) {
    const cover = { start: Math.min(...mine.map(c => c.start)), end: Math.max(...mine.map(c => c.end)) };
    actions.push(action(`Remove correction${mine.length > 1 ? 's' : ''} here (use the recognizer's)`, { uri, range: toRange(cover), action: 'remove' }));
  }
  return actions;
}
