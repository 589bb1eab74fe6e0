/**
 * brat standoff (`NAME.ann` beside `NAME.txt`), read and written in brat's own syntax so brat and
 * INCEpTION open the files: text-bound annotations `T1<TAB>PERSON 10 20<TAB>John Kerry`
 * (fragments `0 5;6 10` where a span crosses a line break), notes `#1<TAB>AnnotatorNotes T1<TAB>…`,
 * attributes `A1<TAB>Rejected T1`, normalizations `N1<TAB>Reference T1 ArticleLens:John_Kerry<TAB>John Kerry`,
 * relations `R1<TAB>Speaker Arg1:T3 Arg2:T1` and equivalences `*<TAB>Equiv T1 T2`. brat counts
 * offsets in code points (Python strings); this module converts to and from the core's UTF-16
 * offsets. Lines it does not understand (events, unknown kinds) are kept verbatim so rewriting a
 * file made elsewhere loses nothing. Pure.
 */
import type { Analysis } from '../types';
import { offsetMap, type OffsetMap } from './codePoints';

/** One text-bound annotation (`T` line) with everything attached to it. UTF-16 offsets, end exclusive. */
export interface BratSpan {
  id: string;
  type: string;
  start: number;
  end: number;
  /** The text column (fragments joined by a space). */
  text: string;
  /** Notes (`#` lines), split on ` | ` into separate directives. */
  notes: string[];
  /** Attribute names and values (`A` lines): `Rejected`, `Confidence=High`. */
  attributes: string[];
  /** Name given by a normalization (`N` line) or an equivalence group (`*` line). */
  canonical?: string;
  /** Relations (`R` lines) this span takes part in, with the other span's id. */
  relations: Array<{ type: string; other: string; role: 'Arg1' | 'Arg2' }>;
  /** The original `T` line and the `#`, `A`, `N` lines attached to it, to write back unchanged. */
  lines: string[];
}

/** A parsed `.ann` file. */
export interface BratDocument {
  spans: BratSpan[];
  /** Lines kept verbatim: events, modifiers, relations between foreign spans, anything unknown. */
  other: string[];
  /** Lines that could not be read, with the reason (reported, never fatal). */
  problems: string[];
}

/**
 * brat's `annotation.conf` for a folder of Article Lens exports and sidecars: the entity types,
 * `QUOTE` spans, the `ENTITY` type of negatives and their `Rejected` attribute, and the `Speaker`
 * relation other tools may use. brat shows unconfigured types with a warning without it.
 */
export const BRAT_ANNOTATION_CONF = `[entities]
PERSON
ORGANIZATION
LOCATION
DATE
QUOTE
ENTITY

[relations]
Speaker Arg1:QUOTE, Arg2:PERSON|ORGANIZATION
<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]

[attributes]
Rejected Arg:<ENTITY>
`;

/** Read a brat `.ann` file for the article `text`. Never throws. */
export function parseBrat(text: string, ann: string): BratDocument {
  // Built at the first span: a server opening an article with no sidecar parses an empty one, and
  // walking the whole text for surrogate pairs cost its first answer ~3 ms (more in a long article).
  let codePoints: OffsetMap | undefined;
  const map = { toUtf16: (codePoint: number) => (codePoints ??= offsetMap(text)).toUtf16(codePoint) };
  const spans: BratSpan[] = [];
  const byId = new Map<string, BratSpan>();
  const other: string[] = [];
  const problems: string[] = [];
  const attached: string[] = [];
  const lines = ann.split(/\r?\n/);
  for (const line of lines) {
    if (!line.trim()) continue;
    const m = /^T(\d+\S*)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$/.exec(line);
    if (m) {
      const fragments = m[3].split(';').map(f => f.split(' ').map(Number));
      const start = map.toUtf16(Math.min(...fragments.map(f => f[0])));
      const end = map.toUtf16(Math.max(...fragments.map(f => f[1])));
      if (end < start) {
        problems.push(`reversed span: ${line}`);
        other.push(line);
        continue;
      }
      const span: BratSpan = { id: `T${m[1]}`, type: m[2], start, end, text: m[4], notes: [], attributes: [], relations: [], lines: [line] };
      spans.push(span);
      byId.set(span.id, span);
    } else if (/^T\d/.test(line)) {
      problems.push(`unreadable text-bound annotation: ${line}`);
      other.push(line);
    } else {
      attached.push(line);
    }
  }
  // Second pass: lines that refer to spans, whichever order the file has them in.
  for (const line of attached) {
    const fields = line.split('\t');
    const head = (fields[1] ?? '').split(' ');
    const target = byId.get(head[1] ?? '');
    if (target && /^[#AN]/.test(line)) target.lines.push(line);
    if (/^#/.test(line) && head[0] === 'AnnotatorNotes' && target) {
      target.notes.push(...(fields.slice(2).join('\t')).split(' | ').map(n => n.trim()).filter(Boolean));
    } else if (/^A/.test(line) && target && head.length >= 2) {
      target.attributes.push(head.length > 2 ? `${head[0]}=${head.slice(2).join(' ')}` : head[0]);
    } else if (/^N/.test(line) && target && fields[2]) {
      target.canonical = fields.slice(2).join('\t').trim();
    } else if (/^R/.test(line) && head.length === 3) {
      const arg1 = byId.get(head[1].replace(/^[^:]*:/, ''));
      const arg2 = byId.get(head[2].replace(/^[^:]*:/, ''));
      if (arg1 && arg2) {
        arg1.relations.push({ type: head[0], other: arg2.id, role: 'Arg1' });
        arg2.relations.push({ type: head[0], other: arg1.id, role: 'Arg2' });
      }
      other.push(line);
    } else if (/^\*/.test(line) && head[0] === 'Equiv') {
      // Equivalent spans name one entity: the fullest text names it.
      const members = head.slice(1).map(id => byId.get(id)).filter((s): s is BratSpan => !!s);
      const fullest = members.map(s => s.canonical ?? s.text).sort((a, b) => b.length - a.length)[0];
      for (const s of members) if (!s.canonical) s.canonical = fullest;
      other.push(line);
    } else {
      other.push(line);
    }
  }
  return { spans, other, problems };
}

/** Fragments of `[start, end)` that do not cross line breaks (brat shows one box per line). UTF-16. */
function fragmentsOf(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === '\n' || text[i] === '\r') {
      let a = from;
      let b = i;
      while (a < b && /\s/.test(text[a])) a++;
      while (b > a && /\s/.test(text[b - 1])) b--;
      if (b > a) out.push([a, b]);
      from = i + 1;
    }
  }
  return out.length ? out : [[start, end]];
}

/** What to write for one span: its line plus the lines attached to it. */
export interface BratSpanOut {
  id?: string;
  type: string;
  start: number;
  end: number;
  notes?: string[];
  attributes?: string[];
  canonical?: string;
  /** Text column to write instead of the article's slice (a correction whose text is no longer there). */
  text?: string;
}

/**
 * Write a brat `.ann` for the article `text`: one `T` line per span (ids kept when given and free,
 * else numbered after the highest in use), then its normalization, attributes and notes, then the
 * `other` lines verbatim. UTF-16 offsets in, code points out.
 */
export function formatBrat(text: string, spans: readonly BratSpanOut[], other: readonly string[] = []): string {
  const map = offsetMap(text);
  const counters: Record<string, number> = { T: 0, N: 0, A: 0, '#': 0 };
  const bump = (kind: string, id: string) => {
    const n = Number(/^\D*(\d+)/.exec(id)?.[1] ?? 0);
    if (n > counters[kind]) counters[kind] = n;
  };
  for (const line of other) {
    const kind = line[0];
    if (kind in counters) bump(kind, line.split('\t')[0]);
  }
  const used = new Set<string>();
  for (const s of spans) if (s.id && /^T\d+$/.test(s.id) && !used.has(s.id)) { used.add(s.id); bump('T', s.id); }
  const taken = new Set<string>();
  const lines: string[] = [];
  for (const s of spans) {
    let id = s.id && /^T\d+$/.test(s.id) && !taken.has(s.id) ? s.id : '';
    if (!id) id = `T${++counters.T}`;
    taken.add(id);
    const fragments = fragmentsOf(text, s.start, s.end);
    const offsets = fragments.map(([a, b]) => `${map.toCodePoint(a)} ${map.toCodePoint(b)}`).join(';');
    const covered = (s.text ?? fragments.map(([a, b]) => text.slice(a, b)).join(' ')).replace(/[\t\r\n]/g, ' ');
    lines.push(`T${id.slice(1)}\t${s.type} ${offsets}\t${covered}`);
    if (s.canonical) lines.push(`N${++counters.N}\tReference ${id} ArticleLens:${s.canonical.replace(/\s+/g, '_')}\t${s.canonical.replace(/[\t\r\n]/g, ' ')}`);
    for (const attribute of s.attributes ?? []) {
      const [name, value] = attribute.split('=');
      lines.push(`A${++counters.A}\t${name} ${id}${value ? ` ${value}` : ''}`);
    }
    if (s.notes?.length) lines.push(`#${++counters['#']}\tAnnotatorNotes ${id}\t${s.notes.join(' | ').replace(/[\t\r\n]/g, ' ')}`);
  }
  return [...lines, ...other].map(l => `${l}\n`).join('');
}

/**
 * The whole analysis as brat: every mention with its canonical name (a normalization), every date
 * with its value (a note), every quote with its speakers (a note, `speakers: A; B`). Read back by
 * `parseBrat`, it gives the same annotations (see `test/unit/annotationsExport.test.ts`).
 */
export function analysisToBrat(text: string, analysis: Analysis): string {
  const spans: BratSpanOut[] = [
    ...analysis.mentions.map(m => ({ type: m.type, start: m.start, end: m.end, canonical: m.canonical })),
    ...analysis.dates.map(d => ({ type: 'DATE', start: d.start, end: d.end, notes: d.value ? [`value: ${d.value}`] : [] })),
    ...analysis.quotes.map(q => ({ type: 'QUOTE', start: q.start, end: q.end, notes: [`speakers: ${q.speakers.join('; ')}`] })),
  ];
  return formatBrat(text, spans.sort((a, b) => a.start - b.start || a.end - b.end));
}
