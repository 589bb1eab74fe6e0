/**
 * Semantic highlighting: person, organization, location, date and quote tokens. LSP tokens may not
 * overlap or cross lines, so a quote is emitted as the pieces of it that no entity or date covers,
 * cut at line ends; entities and dates win because they are the more specific information.
 */
import type { CancellationToken, SemanticTokens, SemanticTokensDelta } from '../lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isSortedByStart } from '../analysis/search';
import type { Analysis } from '../analysis/types';
import { TOKEN_TYPES, type TokenType } from '../protocol';

export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] as string[] };

interface Piece { start: number; end: number; type: TokenType }

const TYPE_INDEX = new Map<TokenType, number>(TOKEN_TYPES.map((type, index) => [type, index]));
const ENTITY_TYPE_INDEX = { PERSON: TYPE_INDEX.get('person')!, ORGANIZATION: TYPE_INDEX.get('organization')!, LOCATION: TYPE_INDEX.get('location')! } as const;
const DATE_TYPE_INDEX = TYPE_INDEX.get('date')!;
const QUOTE_TYPE_INDEX = TYPE_INDEX.get('quote')!;

/**
 * Pieces as (start, end, legend index) triples in an Int32Array: a 1 MB article has ~20,000 pieces
 * and ~100,000 encoded numbers per keystroke, which as objects or JS arrays were garbage by the next one.
 */
interface Triples {
  values: Int32Array;
  /** Numbers written (three per piece). */
  length: number;
}

function pushTriple(out: Triples, start: number, end: number, type: number): void {
  if (out.length + 3 > out.values.length) {
    const grown = new Int32Array(out.values.length * 2 + 3);
    grown.set(out.values);
    out.values = grown;
  }
  out.values[out.length++] = start;
  out.values[out.length++] = end;
  out.values[out.length++] = type;
}

/**
 * Working buffers reused from one request to the next: the pieces of a 1 MB article take ~0.5 MB
 * of typed arrays per keystroke, whose backing stores (zeroed, outside the heap) were otherwise
 * allocated and swept each time. Each is used only within one synchronous `semanticTokenData`.
 */
const SPECIFIC_PIECES = 0;
const PIECES = 1;
const ENCODED = 2;
const scratchBuffers = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];

/** Scratch buffer `which`, at least `length` long (contents undefined). */
function scratch(which: number, length: number): Int32Array {
  if (scratchBuffers[which].length < length) scratchBuffers[which] = new Int32Array(length);
  return scratchBuffers[which];
}

/** Non-overlapping pieces in text order: entities and dates first, quotes fill the gaps. */
export function tokenPieces(analysis: Analysis): Piece[] {
  const { values, length } = pieceTriples(analysis);
  const pieces: Piece[] = [];
  for (let i = 0; i < length; i += 3) pieces.push({ start: values[i], end: values[i + 1], type: TOKEN_TYPES[values[i + 2]] });
  return pieces;
}

/**
 * `tokenPieces` as triples. Quote pieces are the gaps the entity and date pieces leave in each
 * quote; both come in text order and never overlap, so merging them gives text order (empty
 * pieces, which encode to nothing, are left out).
 */
function pieceTriples(analysis: Analysis): Triples {
  const kept = specificPieces(analysis);
  const keptValues = kept.values;
  // Room for every piece: each quote piece ends where a kept piece starts or where its quote ends.
  const out: Triples = { values: scratch(PIECES, 2 * kept.length + 3 * analysis.quotes.length), length: 0 };
  let emitted = 0; // kept pieces before this one are in `out`
  const emitKeptBefore = (at: number) => {
    for (; emitted < kept.length && keptValues[emitted] < at; emitted += 3) {
      if (keptValues[emitted + 1] > keptValues[emitted]) pushTriple(out, keptValues[emitted], keptValues[emitted + 1], keptValues[emitted + 2]);
    }
  };
  let k = 0;
  let covered = 0; // quotes can nest: never emit the same stretch twice
  for (const quote of analysis.quotes) {
    let cursor = Math.max(quote.start, covered);
    while (k < kept.length && keptValues[k + 1] <= cursor) k += 3;
    for (let j = k; j < kept.length && keptValues[j] < quote.end; j += 3) {
      if (keptValues[j] > cursor) {
        emitKeptBefore(cursor);
        pushTriple(out, cursor, keptValues[j], QUOTE_TYPE_INDEX);
      }
      cursor = Math.max(cursor, keptValues[j + 1]);
    }
    if (cursor < quote.end) {
      emitKeptBefore(cursor);
      pushTriple(out, cursor, quote.end, QUOTE_TYPE_INDEX);
    }
    covered = Math.max(covered, quote.end);
  }
  emitKeptBefore(Infinity);
  return out;
}

/**
 * Entity and date pieces in text order, the first of overlapping ones kept (the longer at equal
 * starts). Mentions and dates each come sorted by start, so a merge replaces a sort of both.
 */
function specificPieces(analysis: Analysis): Triples {
  const mentions = isSortedByStart(analysis.mentions) ? analysis.mentions : [...analysis.mentions].sort((a, b) => a.start - b.start);
  const dates = isSortedByStart(analysis.dates) ? analysis.dates : [...analysis.dates].sort((a, b) => a.start - b.start);
  const kept: Triples = { values: scratch(SPECIFIC_PIECES, (mentions.length + dates.length) * 3), length: 0 };
  let keptEnd = -1;
  let m = 0;
  let d = 0;
  while (m < mentions.length || d < dates.length) {
    let start: number;
    let end: number;
    let type: number;
    // At equal starts the longer piece comes first; a mention before a date of the same extent.
    if (d === dates.length || (m < mentions.length && (mentions[m].start < dates[d].start || (mentions[m].start === dates[d].start && mentions[m].end >= dates[d].end)))) {
      const mention = mentions[m++];
      ({ start, end } = mention);
      type = ENTITY_TYPE_INDEX[mention.type];
    } else {
      ({ start, end } = dates[d++]);
      type = DATE_TYPE_INDEX;
    }
    if (keptEnd < 0 || start >= keptEnd) {
      pushTriple(kept, start, end, type);
      keptEnd = end;
    }
  }
  return kept;
}

/** The encoded tokens (LSP relative format) of the document, from pieces in text order. */
export function encodeTokens(text: string, pieces: Piece[]): number[] {
  const triples: Triples = { values: new Int32Array(pieces.length * 3), length: 0 };
  for (const piece of pieces) pushTriple(triples, piece.start, piece.end, TYPE_INDEX.get(piece.type)!);
  return Array.from(encodeTriples(text, triples));
}

/**
 * The LSP relative encoding of pieces in text order. Line numbers come from native searches for
 * the next line break as the pieces advance, not from a lookup per token; line ends are those of
 * LSP (\n, \r\n, \r).
 */
function encodeTriples(text: string, pieces: Triples): Int32Array {
  const values = pieces.values;
  // Five numbers per piece, more where a piece spans lines (then the buffer grows); the result is
  // copied out at its size, being kept for the next delta.
  let data = scratch(ENCODED, (pieces.length / 3) * 5);
  let written = 0;
  let line = 0;
  let lineStart = 0;
  // The next \n and \r at or after `lineStart`; -1 when there is none (so \r costs one search in most texts).
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  let previousLine = 0;
  let previousChar = 0;
  for (let p = 0; p < pieces.length; p += 3) {
    const pieceEnd = values[p + 1];
    // Split at line breaks: VS Code only renders single-line tokens.
    for (let start = values[p]; start < pieceEnd; ) {
      // Move to the line holding `start`; "\r\n" ends its line at its "\n".
      let lineBreak = nextCr < 0 ? nextLf : nextLf < 0 ? nextCr : Math.min(nextLf, nextCr);
      for (;;) {
        if (lineBreak < 0) break;
        const breakEnd = nextCr === lineBreak && text.charCodeAt(lineBreak + 1) === 10 ? lineBreak + 1 : lineBreak;
        if (breakEnd >= start) break;
        line++;
        lineStart = breakEnd + 1;
        if (nextLf >= 0 && nextLf < lineStart) nextLf = text.indexOf('\n', lineStart);
        if (nextCr >= 0 && nextCr < lineStart) nextCr = text.indexOf('\r', lineStart);
        lineBreak = nextCr < 0 ? nextLf : nextLf < 0 ? nextCr : Math.min(nextLf, nextCr);
      }
      // Only the "\r" of a "\r\n" lies before `start`, when the last piece ended at it: the "\n" is here.
      if (lineBreak >= 0 && lineBreak < start) lineBreak = start;
      const end = lineBreak >= start && lineBreak < pieceEnd ? lineBreak : pieceEnd;
      if (end > start) {
        if (written + 5 > data.length) {
          const grown = new Int32Array(data.length * 2 + 5);
          grown.set(data);
          data = scratchBuffers[ENCODED] = grown;
        }
        const character = start - lineStart;
        data[written++] = line - previousLine;
        data[written++] = line === previousLine ? character - previousChar : character;
        data[written++] = end - start;
        data[written++] = values[p + 2];
        data[written++] = 0;
        previousLine = line;
        previousChar = character;
      }
      start = end + 1;
    }
  }
  return data.slice(0, written);
}

/**
 * The last tokens sent per document, so a delta request (VS Code sends one after each edit when
 * the server offers it) answers with one edit instead of every token of a large article.
 */
export class SemanticTokensCache {
  #sent = new Map<string, { resultId: string; data: Int32Array }>();
  #next = 1;

  full(uri: string, data: Int32Array): SemanticTokens {
    return { resultId: this.#remember(uri, data), data: Array.from(data) };
  }

  /** The edit from the tokens last sent as `previousResultId`, or the full tokens if those are gone. */
  delta(uri: string, previousResultId: string, data: Int32Array): SemanticTokens | SemanticTokensDelta {
    const previous = this.#sent.get(uri);
    if (!previous || previous.resultId !== previousResultId) return this.full(uri, data);
    const resultId = this.#remember(uri, data);
    const old = previous.data;
    let prefix = 0;
    while (prefix < old.length && prefix < data.length && old[prefix] === data[prefix]) prefix++;
    let suffix = 0;
    while (suffix < old.length - prefix && suffix < data.length - prefix && old[old.length - 1 - suffix] === data[data.length - 1 - suffix]) suffix++;
    const edits = prefix === old.length && prefix === data.length ? [] : [{ start: prefix, deleteCount: old.length - prefix - suffix, data: Array.from(data.subarray(prefix, data.length - suffix)) }];
    return { resultId, edits };
  }

  #remember(uri: string, data: Int32Array): string {
    const resultId = String(this.#next++);
    this.#sent.set(uri, { resultId, data });
    return resultId;
  }

  forget(uri: string): void {
    this.#sent.delete(uri);
  }
}

/** The full semantic tokens of the document, as the numbers LSP sends (kept typed until sent: see `SemanticTokensCache`). */
export function semanticTokenData(document: TextDocument, analysis: Analysis, token?: CancellationToken): Int32Array {
  if (token?.isCancellationRequested) return new Int32Array(0);
  return encodeTriples(document.getText(), pieceTriples(analysis));
}

/** The full semantic tokens of the document. */
export function provideSemanticTokens(document: TextDocument, analysis: Analysis, token?: CancellationToken): SemanticTokens {
  return { data: Array.from(semanticTokenData(document, analysis, token)) };
}
