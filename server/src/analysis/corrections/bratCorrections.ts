/**
 * The sidecar file's meaning: user corrections stored as brat standoff. Only the user's decisions
 * are stored, never the recognizer's output (it is recomputed, and improves with new models):
 *   - a typed span: `T1<TAB>PERSON 10 20<TAB>Kerry`, with `N1<TAB>Reference T1 ArticleLens:John_Kerry<TAB>John Kerry`
 *     when the user gave its canonical name ("Merge with…"), and a note `value: 2014-09-01` for a dated DATE;
 *   - a negative: the span with attribute `A1<TAB>Rejected T2` and the note `not an entity`;
 *   - a quote's speakers: `T3<TAB>QUOTE 100 160<TAB>“…”` with the note `speakers: John Kerry; Laurent Fabius`;
 *   - a correction whose text vanished keeps its line, with the note `orphaned` and its old text.
 * Reading accepts files made elsewhere: the usual type names (PER, Person, ORG, GPE, LOC, Date,
 * TIMEX3…), speakers from relations between a quote and an entity, names from `Equiv` groups.
 * Spans of other types (MISC, events) and lines it does not use are written back unchanged. Pure.
 */
import { formatBrat, parseBrat, type BratSpan, type BratSpanOut } from '../export/brat';
import { sameText } from './anchor';
import type { CorrectionLabel, Correction } from './model';

const LABELS: Record<string, CorrectionLabel> = {
  person: 'PERSON', per: 'PERSON', pers: 'PERSON', people: 'PERSON',
  organization: 'ORGANIZATION', organisation: 'ORGANIZATION', org: 'ORGANIZATION',
  location: 'LOCATION', loc: 'LOCATION', gpe: 'LOCATION', place: 'LOCATION', geo: 'LOCATION',
  date: 'DATE', timex: 'DATE', timex3: 'DATE',
};
const QUOTE_TYPES = new Set(['quote', 'quotation', 'direct_speech', 'speech']);
const ORPHAN = 'orphaned';

/** The project's label for a brat type name, if it has one. */
export function labelOf(type: string): CorrectionLabel | undefined {
  return LABELS[type.toLowerCase()];
}

/** What a sidecar holds: the corrections, the lines kept for other tools, and what could not be read. */
export interface SidecarContent {
  corrections: Correction[];
  other: string[];
  problems: string[];
}

/** The text a span's correction must find again: the article's slice when it still matches. */
function rememberedText(text: string, span: BratSpan): string {
  const orphanNote = span.notes.find(n => n.startsWith(`${ORPHAN}:`));
  if (orphanNote) {
    try {
      return JSON.parse(orphanNote.slice(ORPHAN.length + 1).trim()) as string;
    } catch {
      /* fall through to the text column */
    }
  }
  const slice = text.slice(span.start, span.end);
  return !span.text || sameText(slice, span.text) ? slice : span.text;
}

/** Read a sidecar (or any brat `.ann`) for the article `text`. Never throws. */
export function correctionsFromBrat(text: string, ann: string): SidecarContent {
  const doc = parseBrat(text, ann);
  const byId = new Map(doc.spans.map(s => [s.id, s]));
  const corrections: Correction[] = [];
  const other: string[] = [];
  for (const span of doc.spans) {
    const base = { id: span.id, start: span.start, end: span.end, text: rememberedText(text, span) };
    const orphaned = span.notes.some(n => n === ORPHAN || n.startsWith(`${ORPHAN}:`)) ? { orphaned: true } : {};
    const label = labelOf(span.type);
    const rejected = span.attributes.includes('Rejected') || span.notes.includes('not an entity');
    if (rejected) {
      corrections.push({ kind: 'reject', ...base, ...orphaned });
    } else if (QUOTE_TYPES.has(span.type.toLowerCase())) {
      const note = span.notes.find(n => /^speakers?:/i.test(n));
      const related = span.relations.map(r => byId.get(r.other)).filter((s): s is BratSpan => !!s && !!labelOf(s.type));
      if (note !== undefined) {
        const speakers = note.replace(/^speakers?:/i, '').split(';').map(s => s.trim()).filter(Boolean);
        corrections.push({ kind: 'speakers', ...base, speakers, ...orphaned });
      } else if (related.length) {
        corrections.push({ kind: 'speakers', ...base, speakers: related.map(s => s.canonical ?? s.text), ...orphaned });
      } else {
        other.push(...span.lines); // a quote with nothing to say about its speaker: keep, do not override
      }
    } else if (label) {
      const value = span.notes.find(n => n.startsWith('value:'))?.slice(6).trim();
      corrections.push({
        kind: 'entity', ...base, label,
        ...(span.canonical && label !== 'DATE' ? { canonical: span.canonical } : {}),
        ...(value && label === 'DATE' ? { value } : {}),
        ...orphaned,
      });
    } else {
      other.push(...span.lines);
    }
  }
  return { corrections, other: [...other, ...doc.other], problems: doc.problems };
}

/** Write corrections (plus lines kept for other tools) as a brat sidecar for the article `text`. */
export function correctionsToBrat(text: string, corrections: readonly Correction[], other: readonly string[] = []): string {
  const spans: BratSpanOut[] = corrections.map(c => {
    const notes: string[] = [];
    const out: BratSpanOut = { id: c.id, type: 'ENTITY', start: c.start, end: c.end, notes };
    if (c.kind === 'entity') {
      out.type = c.label;
      if (c.canonical) out.canonical = c.canonical;
      if (c.value) notes.push(`value: ${c.value}`);
    } else if (c.kind === 'reject') {
      out.attributes = ['Rejected'];
      notes.push('not an entity');
    } else {
      out.type = 'QUOTE';
      notes.push(`speakers: ${c.speakers.join('; ')}`);
    }
    if (c.orphaned) {
      // The text column must still say what to look for; brat will show the line as a mismatch.
      notes.push(`${ORPHAN}: ${JSON.stringify(c.text)}`);
      out.text = c.text;
    }
    return out;
  });
  return formatBrat(text, spans, other);
}
