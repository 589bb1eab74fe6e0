/**
 * Protocol fuzzing (issue 9): a seeded stream of random but well-formed LSP traffic — opens,
 * closes, incremental edits with multi-byte characters, combining accents, CR/LF and quote marks,
 * every request at random (sometimes out-of-range) positions, cancellations — sent in pipelined
 * batches. Every response must be a result whose ranges fit the text the request was sent
 * against, or RequestCancelled (only if cancelled) or ContentModified (only if the document
 * changed behind it); the server must never exit. At the end each open document's symbols and
 * semantic tokens must equal those of a fresh server that opens the final text.
 *   ARTICLE_LENS_FUZZ_MESSAGES (default 4000), ARTICLE_LENS_FUZZ_SECONDS (default 30),
 *   ARTICLE_LENS_FUZZ_SEED, ARTICLE_LENS_FUZZ_ARTICLES (a folder of *.txt to start from) — a larger
 *   run: ARTICLE_LENS_FUZZ_MESSAGES=100000 ARTICLE_LENS_FUZZ_SECONDS=600
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  CancellationTokenSource,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DefinitionRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  HoverRequest,
  InlayHintRequest,
  LSPErrorCodes,
  ReferencesRequest,
  ResponseError,
  SemanticTokensRequest,
  type DocumentSymbol,
  type Location,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ARTICLE, EMOJI_ARTICLE, prng } from './hostileTexts';
import { startServer, type TestClient } from './lspClient';
import { FRENCH_ARTICLE } from './fixtures';

const MESSAGES = Number(process.env.ARTICLE_LENS_FUZZ_MESSAGES ?? 4000);
const SECONDS = Number(process.env.ARTICLE_LENS_FUZZ_SECONDS ?? 30);
const SEED = Number(process.env.ARTICLE_LENS_FUZZ_SEED ?? 20261123);

const FRENCH = FRENCH_ARTICLE;
const SEEDS = [ARTICLE, EMOJI_ARTICLE, FRENCH, '', ARTICLE.replace(/\n/g, '\r\n')];
// Real articles as extra starting texts for long runs (slower: each edit re-analyses a full article).
const ARTICLES = process.env.ARTICLE_LENS_FUZZ_ARTICLES;
if (ARTICLES) for (const f of fs.readdirSync(ARTICLES).filter(f => f.endsWith('.txt'))) SEEDS.push(fs.readFileSync(path.join(ARTICLES, f), 'utf8'));
const SNIPPETS = [
  'John Kerry', ' said ', 'Kerry said.', '“', '”', '«', '»', ' « ', ' » ', '"', "'", '’', '😀', '👍🏽', '🇫🇷', 'é', 'e\u0301', 'c\u0327',
  '\n', '\r\n', '\r', '\n\n', 'Paris', ' on Monday', ' lundi 3 mars 2016', ', a déclaré M. Le Drian.', 'NATO', 'Secretary of State ',
  '. ', ' ', '\t', '\u00a0', '\u2028', '\u0085', '\u200d', '\ufeff', 'Laurent Fabius', '“We will act,” ', 'WASHINGTON, Sept. 5, 2014\n', 'x',
];

type Kind = 'hover' | 'symbols' | 'tokens' | 'references' | 'highlight' | 'definition' | 'inlayHint' | 'quotations';
const KINDS: Kind[] = ['hover', 'symbols', 'tokens', 'references', 'highlight', 'definition', 'inlayHint', 'quotations'];

interface Pending {
  kind: Kind;
  uri: string;
  snapshot: TextDocument | undefined;
  cancelled: boolean;
  /** Set when an edit or close of the same document followed it in its batch. */
  overtaken: boolean;
  sent: number;
  answer: Promise<unknown>;
}

interface Figures { messages: number; requests: number; edits: number; opens: number; closes: number; cancels: number; cancelled: number; contentModified: number; worstMillis: number; worstKind: string; seconds: number }

/** True when `range` fits inside `document` (lines and characters that exist). */
function fits(document: TextDocument, range: Range): boolean {
  const ok = (p: { line: number; character: number }) => {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return false;
    const back = document.positionAt(document.offsetAt(p));
    return back.line === p.line && back.character === p.character;
  };
  return ok(range.start) && ok(range.end) && document.offsetAt(range.start) <= document.offsetAt(range.end);
}

function checkAnswer(p: Pending, value: unknown): string | undefined {
  const doc = p.snapshot;
  if (!doc) return undefined; // unknown or closed document: any empty answer will do
  const bad = (what: string) => `${p.kind} on ${p.uri} v${doc.version}: ${what} in ${JSON.stringify(doc.getText())}`;
  switch (p.kind) {
    case 'hover': {
      const range = (value as { range?: Range } | null)?.range;
      return range && !fits(doc, range) ? bad(`hover range ${JSON.stringify(range)}`) : undefined;
    }
    case 'symbols': {
      const walk = (symbols: DocumentSymbol[]): string | undefined => {
        for (const s of symbols) {
          if (!fits(doc, s.range) || !fits(doc, s.selectionRange)) return bad(`symbol ${s.name} ${JSON.stringify(s.range)}`);
          const inner = walk(s.children ?? []);
          if (inner) return inner;
        }
        return undefined;
      };
      return walk(value as DocumentSymbol[]);
    }
    case 'tokens': {
      const data = (value as { data: number[] }).data;
      let line = 0;
      let character = 0;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i];
        character = data[i] ? data[i + 1] : character + data[i + 1];
        const range = { start: { line, character }, end: { line, character: character + data[i + 2] } };
        if (data[i + 2] <= 0 || !fits(doc, range)) return bad(`token ${JSON.stringify(range)}`);
      }
      return undefined;
    }
    case 'references':
    case 'highlight':
    case 'definition': {
      const items = (Array.isArray(value) ? value : value ? [value] : []) as Array<Location | { range: Range }>;
      for (const item of items) if ((!('uri' in item) || item.uri === p.uri) && !fits(doc, item.range)) return bad(`range ${JSON.stringify(item.range)}`);
      return undefined;
    }
    case 'inlayHint':
      for (const hint of value as Array<{ position: Range['start'] }>) if (!fits(doc, { start: hint.position, end: hint.position })) return bad(`hint at ${JSON.stringify(hint.position)}`);
      return undefined;
    case 'quotations':
      for (const group of (value as { groups: Array<{ quotes: Array<{ range: Range }> }> }).groups) for (const q of group.quotes) if (!fits(doc, q.range)) return bad(`quote ${JSON.stringify(q.range)}`);
      return undefined;
  }
}

/** Symbols and tokens of every document, as one comparable value. */
async function outlineOf(client: TestClient, uri: string): Promise<{ symbols: unknown; tokens: number[] }> {
  const textDocument = { uri };
  const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
  const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument });
  return { symbols, tokens: tokens?.data ?? [] };
}

/** Leaf annotations (mention, date and quote symbols plus tokens) in `expected` missing from `actual`. */
function lost(expected: { symbols: unknown; tokens: number[] }, actual: { symbols: unknown; tokens: number[] }): number {
  const leaves = (symbols: unknown) => JSON.stringify(symbols).match(/"selectionRange":\{[^}]*\}[^}]*\}/g) ?? [];
  const have = new Set(leaves(actual.symbols));
  const tokenKeys = (data: number[]) => { const keys = []; let line = 0; let ch = 0; for (let i = 0; i < data.length; i += 5) { line += data[i]; ch = data[i] ? data[i + 1] : ch + data[i + 1]; keys.push(`${line}:${ch}:${data[i + 2]}:${data[i + 3]}`); } return keys; };
  const haveTokens = new Set(tokenKeys(actual.tokens));
  return leaves(expected.symbols).filter(l => !have.has(l)).length + tokenKeys(expected.tokens).filter(k => !haveTokens.has(k)).length;
}

test(`fuzz: ${MESSAGES} random LSP messages (seed ${SEED}), then the analysis equals a fresh one`, { timeout: (SECONDS + 90) * 1000 }, async t => {
  const random = prng(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const client = await startServer();
  let exited: number | null | undefined;
  client.process.once('exit', code => { exited = code; });
  const docs = new Map<string, TextDocument>();
  const closedUris: string[] = [];
  const failures: string[] = [];
  const figures: Figures = { messages: 0, requests: 0, edits: 0, opens: 0, closes: 0, cancels: 0, cancelled: 0, contentModified: 0, worstMillis: 0, worstKind: '', seconds: 0 };
  let nextName = 0;
  const started = performance.now();

  const randomPosition = (doc: TextDocument | undefined) => {
    const roll = random();
    if (!doc || roll < 0.08) return { line: Math.floor(random() * 2_000_000) - 1000, character: Math.floor(random() * 300) - 50 };
    if (roll < 0.25) return { line: Math.floor(random() * (doc.lineCount + 2)), character: Math.floor(random() * 200) };
    return doc.positionAt(Math.floor(random() * (doc.getText().length + 1)));
  };
  const randomInsert = () => Array.from({ length: Math.floor(random() * 4) }, () => pick(SNIPPETS)).join('') + (chance(0.02) ? '\u0000' : '');

  try {
    while (figures.messages < MESSAGES && performance.now() - started < SECONDS * 1000) {
      const batch: Pending[] = [];
      const size = 1 + Math.floor(random() * 25);
      for (let m = 0; m < size && figures.messages < MESSAGES; m++) {
        const roll = random();
        const openUris = [...docs.keys()];
        if (openUris.length === 0 || (roll < 0.03 && openUris.length < 5)) {
          const uri = `file:///fuzz/${nextName++}.article`;
          const text = pick(SEEDS);
          docs.set(uri, TextDocument.create(uri, 'article', 1, text));
          void client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'article', version: 1, text } });
          figures.opens++;
        } else if (roll < 0.045 && openUris.length > 1) {
          const uri = pick(openUris);
          docs.delete(uri);
          closedUris.push(uri);
          for (const p of batch) if (p.uri === uri) p.overtaken = true;
          void client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
          figures.closes++;
        } else if (roll < 0.35) {
          const uri = pick(openUris);
          let doc = docs.get(uri)!;
          const changes: TextDocumentContentChangeEvent[] = [];
          const count = 1 + Math.floor(random() * 3);
          for (let c = 0; c < count; c++) {
            let change: TextDocumentContentChangeEvent;
            if (chance(0.02)) {
              change = { text: pick(SEEDS) + randomInsert() };
            } else {
              const length = doc.getText().length;
              const start = Math.floor(random() * (length + 1));
              const end = Math.min(length, start + (chance(0.05) ? Math.floor(random() * 500) : Math.floor(random() * 12)));
              change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: randomInsert() };
            }
            changes.push(change);
            // Rebuilt from the text each time, so the model never trusts incremental line offsets.
            doc = TextDocument.create(uri, 'article', doc.version, TextDocument.update(TextDocument.create(uri, 'article', doc.version, doc.getText()), [change], doc.version).getText());
          }
          const version = docs.get(uri)!.version + 1;
          docs.set(uri, TextDocument.create(uri, 'article', version, doc.getText()));
          for (const p of batch) if (p.uri === uri) p.overtaken = true;
          void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
          figures.edits++;
        } else {
          const uri = chance(0.03) && closedUris.length ? pick(closedUris) : chance(0.01) ? 'file:///fuzz/never-opened.article' : pick(openUris);
          const doc = docs.get(uri);
          const snapshot = doc && TextDocument.create(uri, 'article', doc.version, doc.getText());
          const kind = pick(KINDS);
          const textDocument = { uri };
          const source = new CancellationTokenSource();
          const position = randomPosition(doc);
          const send = (): Promise<unknown> => {
            switch (kind) {
              case 'hover': return client.connection.sendRequest(HoverRequest.type, { textDocument, position }, source.token);
              case 'symbols': return client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }, source.token);
              case 'tokens': return client.connection.sendRequest(SemanticTokensRequest.type, { textDocument }, source.token);
              case 'references': return client.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: chance(0.5) } }, source.token);
              case 'highlight': return client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument, position }, source.token);
              case 'definition': return client.connection.sendRequest(DefinitionRequest.type, { textDocument, position }, source.token);
              case 'inlayHint': return client.connection.sendRequest(InlayHintRequest.type, { textDocument, range: { start: randomPosition(doc), end: randomPosition(doc) } }, source.token);
              case 'quotations': return client.connection.sendRequest('articleLens/quotations', { uri }, source.token);
            }
          };
          const pending: Pending = { kind, uri, snapshot, cancelled: false, overtaken: false, sent: performance.now(), answer: send() };
          if (chance(0.1)) {
            source.cancel();
            pending.cancelled = true;
            figures.cancels++;
            figures.messages++;
          }
          batch.push(pending);
          figures.requests++;
        }
        figures.messages++;
      }
      await Promise.all(batch.map(async p => {
        try {
          const value = await p.answer;
          const millis = performance.now() - p.sent;
          if (millis > figures.worstMillis) { figures.worstMillis = millis; figures.worstKind = p.kind; }
          const problem = checkAnswer(p, value);
          if (problem) failures.push(problem);
        } catch (error) {
          const code = error instanceof ResponseError ? error.code : undefined;
          if (code === LSPErrorCodes.RequestCancelled && p.cancelled) figures.cancelled++;
          else if (code === LSPErrorCodes.ContentModified && p.overtaken) figures.contentModified++;
          else if (code === LSPErrorCodes.ContentModified && p.kind === 'quotations') figures.contentModified++;
          else if (p.kind === 'quotations' && !p.snapshot && code !== undefined) { /* a closed document: InvalidParams is the contract */ }
          else failures.push(`${p.kind} on ${p.uri}: ${String(error)}`);
        }
      }));
      assert.equal(exited, undefined, `the server exited with ${exited}`);
    }
    figures.seconds = (performance.now() - started) / 1000;

    // The end state: every open document, compared with a fresh server that only sees the final text.
    const fresh = await startServer();
    let annotationsLost = 0;
    try {
      for (const [uri, doc] of docs) {
        const fuzzed = await outlineOf(client, uri);
        const freshUri = await fresh.openUri(uri, doc.getText());
        const expected = await outlineOf(fresh, freshUri);
        annotationsLost += lost(expected, fuzzed);
        assert.deepEqual(fuzzed, expected, `${uri}: the fuzzed server's analysis differs from a fresh one`);
      }
    } finally {
      await fresh.stop();
    }
    assert.deepEqual(failures.slice(0, 10), []);
    assert.equal(exited, undefined);
    const summary = `fuzz: ${figures.messages} messages (${figures.requests} requests, ${figures.edits} edits, ${figures.opens} opens, ${figures.closes} closes, ${figures.cancels} cancels) in ${figures.seconds.toFixed(1)} s; ` +
      `${figures.cancelled} answered RequestCancelled, ${figures.contentModified} ContentModified; worst latency ${figures.worstMillis.toFixed(0)} ms (${figures.worstKind}); crashes 0; annotations lost ${annotationsLost}; ${docs.size} documents equal to a fresh analysis`;
    t.diagnostic(summary);
    console.log(`# ${summary}`);
  } finally {
    if (exited === undefined) await client.stop();
  }
});
