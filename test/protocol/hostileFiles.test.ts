/**
 * The server on hostile documents (issue 9): what an editor hands it after decoding binary, NUL,
 * invalid UTF-8, UTF-16 with a BOM, CRLF / lone CR, a 1 MB line, 10,000 unbalanced quote marks,
 * emoji and combining accents, and a 50 MB text. Every request gets an answer (the per-test
 * timeouts are hang guards, not speed targets); binary and oversized files get a clear "not
 * analysed" status and diagnostic; everything else gets hover ranges and semantic tokens that
 * point at exactly the right UTF-16 text.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  FileChangeType,
  DefinitionRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  HoverRequest,
  InlayHintRequest,
  ReferencesRequest,
  SemanticTokensRequest,
  WorkspaceSymbolRequest,
  type PublishDiagnosticsParams,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ARTICLE, cutsGrapheme, fiftyMegabytes, HOSTILE_CASES } from './hostileTexts';
import { startServer, type TestClient } from './lspClient';
import { tempDir } from '../tempDir';

interface StatusParams { uri?: string; text: string; detail?: string; severity: string }

const LEGEND = ['person', 'organization', 'location', 'date', 'quote'];

/** Semantic tokens decoded against the document text: type, UTF-16 span and the text they cover. */
export function decodeTokens(document: TextDocument, data: number[]): Array<{ type: string; start: number; end: number; text: string }> {
  const text = document.getText();
  const out = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] ? data[i + 1] : character + data[i + 1];
    const start = document.offsetAt({ line, character });
    out.push({ type: LEGEND[data[i + 3]], start, end: start + data[i + 2], text: text.slice(start, start + data[i + 2]) });
  }
  return out;
}

let client: TestClient;
let worst = { millis: 0, what: '' };
before(async () => { client = await startServer(); });
after(async () => {
  console.log(`# hostile documents: worst request latency ${worst.millis.toFixed(0)} ms (${worst.what})`);
  await client.stop();
});

/** Send a request, remembering the slowest. */
async function timed<T>(what: string, request: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await request();
  const millis = performance.now() - started;
  if (millis > worst.millis) worst = { millis, what };
  return result;
}

for (const c of HOSTILE_CASES) {
  test(`hostile document ${c.name}: ${c.expect === 'analysed' ? 'exact UTF-16 offsets' : 'a clear "not analysed"'}`, { timeout: 120_000 }, async () => {
    const text = c.text();
    const document = TextDocument.create('file:///x', 'article', 1, text);
    const diagnostics = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', p => p.uri.endsWith(`/${c.name}`));
    const status = c.expect === 'analysed' ? undefined : client.next<StatusParams>('articleLens/status', p => !!p.uri?.endsWith(`/${c.name}`));
    const uri = await client.open(c.name, text);
    const textDocument = { uri };
    const symbols = await timed(`symbols ${c.name}`, () => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }));
    const tokens = await timed(`tokens ${c.name}`, () => client.connection.sendRequest(SemanticTokensRequest.type, { textDocument }));
    const end = document.positionAt(text.length);
    const hints = await timed(`inlay hints ${c.name}`, () => client.connection.sendRequest(InlayHintRequest.type, { textDocument, range: { start: { line: 0, character: 0 }, end } }));
    assert.ok(Array.isArray(hints));
    const published = await diagnostics;

    if (c.expect !== 'analysed') {
      assert.deepEqual(symbols, []);
      assert.deepEqual(tokens?.data, []);
      assert.ok(published.diagnostics.some(d => d.code === c.expect), JSON.stringify(published.diagnostics));
      const shown = await status!;
      assert.equal(shown.text, 'Article Lens: not analysed');
      assert.match(shown.detail ?? '', /binary|limit/);
      return;
    }
    const decoded = decodeTokens(document, tokens!.data);
    assert.ok(decoded.length > 0, 'some tokens');
    for (const token of decoded) {
      assert.ok(token.end <= text.length && token.text.length > 0 && !/[\r\n]/.test(token.text), `${token.type} [${token.start}, ${token.end})`);
      assert.ok(!cutsGrapheme(text, token.start) && !cutsGrapheme(text, token.end), `${token.type} "${token.text}" cuts a character`);
    }
    for (const d of published.diagnostics) assert.ok(document.offsetAt(d.range.end) <= text.length);
    for (const needle of c.found ?? []) {
      const at = text.indexOf(needle);
      assert.ok(decoded.some(t => t.text === needle || (t.start <= at && at + needle.length <= t.end)), `${c.name}: no token covers "${needle}": ${decoded.slice(0, 12).map(t => `${t.type} ${t.text}`).join(' | ')}`);
      const position = document.positionAt(at + 1);
      const hover = await timed(`hover ${c.name}`, () => client.connection.sendRequest(HoverRequest.type, { textDocument, position }));
      assert.ok(hover?.range, `${c.name}: no hover on "${needle}"`);
      const start = document.offsetAt(hover.range.start);
      const stop = document.offsetAt(hover.range.end);
      assert.ok(start <= at && at + 1 <= stop, `${c.name}: hover [${start}, ${stop}) misses "${needle}"`);
      if (!/Kerry/.test(needle) || needle === 'John Kerry') assert.ok(text.slice(start, stop).includes(needle), `${c.name}: hover covers "${text.slice(start, stop)}"`);
      await timed(`references ${c.name}`, () => client.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }));
      await timed(`highlights ${c.name}`, () => client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument, position }));
      await timed(`definition ${c.name}`, () => client.connection.sendRequest(DefinitionRequest.type, { textDocument, position }));
    }
    await timed(`quotations ${c.name}`, () => client.connection.sendRequest('articleLens/quotations', { uri }));
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument });
  });
}

test('a 50 MB document answers at once with a clear "too large" status and diagnostic, and is never analysed', { timeout: 120_000 }, async () => {
  const text = fiftyMegabytes();
  const status = client.next<StatusParams>('articleLens/status', p => !!p.uri?.endsWith('/fifty-mb.article'));
  const diagnostics = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', p => p.uri.endsWith('/fifty-mb.article'));
  const started = performance.now();
  const uri = await client.open('fifty-mb.article', text);
  const shown = await status;
  const millis = performance.now() - started;
  console.log(`# 50 MB document: "not analysed" status after ${millis.toFixed(0)} ms (sending 50 MB over stdio included)`);
  assert.equal(shown.text, 'Article Lens: not analysed');
  assert.match(shown.detail ?? '', /exceeds the limit of \d+ \(setting articleLens\.maxFileSize\)/);
  const published = await diagnostics;
  assert.deepEqual(published.diagnostics.map(d => d.code), ['too-large']);
  const textDocument = { uri };
  assert.deepEqual(await timed('symbols 50 MB', () => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })), []);
  assert.deepEqual((await timed('tokens 50 MB', () => client.connection.sendRequest(SemanticTokensRequest.type, { textDocument })))?.data, []);
  assert.equal(await timed('hover 50 MB', () => client.connection.sendRequest(HoverRequest.type, { textDocument, position: { line: 1000, character: 20 } })), null);
  // Typing in it stays cheap: still refused, still answered.
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Breaking: ' }],
  });
  assert.deepEqual(await timed('symbols 50 MB after edit', () => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })), []);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument });
  const uriAfter = await client.open('after-fifty.article', ARTICLE);
  const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uriAfter } });
  assert.ok(symbols && symbols.length > 0, 'the server keeps serving');
});

test('the size limit follows articleLens.maxFileSize, and the warning clears once the file is under it', { timeout: 60_000 }, async () => {
  const small = await startServer({ waitForModel: false });
  try {
    await small.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { articleLens: { maxFileSize: 0.001 } } });
    const text = [ARTICLE, ARTICLE, ARTICLE, ARTICLE, ARTICLE].join('\n\n'); // over 1 KB
    const refused = small.next<StatusParams>('articleLens/status', p => !!p.uri && p.severity === 'warning');
    const uri = await small.open('limit.article', text);
    assert.match((await refused).detail ?? '', /exceeds the limit of 1049/);
    assert.deepEqual(await small.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), []);
    const cleared = small.next<StatusParams>('articleLens/status', p => p.uri === uri && p.severity === 'info');
    const document = TextDocument.create(uri, 'article', 1, text);
    await small.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: document.positionAt(ARTICLE.length), end: document.positionAt(text.length) }, text: '' }],
    });
    assert.equal((await cleared).text, 'Article Lens');
    const symbols = await small.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.ok(symbols && symbols.length > 0, 'analysed once under the limit');
  } finally {
    await small.stop();
  }
});

test('the workspace index survives a folder of hostile files and indexes the good ones', { timeout: 180_000 }, async t => {
  const root = tempDir('article-lens-hostile-ws-');
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'articles'));
  for (const c of HOSTILE_CASES) fs.writeFileSync(path.join(root, 'articles', c.name), c.bytes());
  fs.writeFileSync(path.join(root, 'articles', 'fifty-mb.txt'), fiftyMegabytes());
  fs.writeFileSync(path.join(root, 'articles', 'good.txt'), ARTICLE);
  const indexed = (c: TestClient) => c.next<{ message: string }>('window/logMessage', p => /^Indexed \d+ articles/.test(p.message));
  const started = performance.now();
  const ws = await startServer({ rootUri: pathToFileURL(root).href, capabilities: { window: { workDoneProgress: true } }, beforeInitialized: c => indexed(c) });
  try {
    const line = (await ws.ready) as { message: string };
    console.log(`# hostile workspace: ${line.message} after ${(performance.now() - started).toFixed(0)} ms`);
    const symbols = (await ws.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Laurent Fabius' })) as SymbolInformation[];
    assert.ok(symbols.some(s => s.name === 'Laurent Fabius'), JSON.stringify(symbols.slice(0, 3)));
    assert.equal(ws.process.exitCode, null);
  } finally {
    await ws.stop();
  }
});

test('a pipe in place of a sidecar or watch-list file never blocks the server', { timeout: 60_000, skip: process.platform === 'win32' && 'no FIFOs' }, async t => {
  const root = tempDir('article-lens-fifo-');
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.writeFileSync(path.join(root, 'story.txt'), ARTICLE);
  fs.mkdirSync(path.join(root, '.article-lens'));
  const made = [path.join(root, 'story.ann'), path.join(root, '.article-lens', 'watchlist.json')].map(p => spawnSync('mkfifo', [p]).status === 0);
  if (!made.every(Boolean)) return t.skip('mkfifo unavailable');
  const ws = await startServer({ rootUri: pathToFileURL(root).href });
  try {
    const uri = await ws.openUri(pathToFileURL(path.join(root, 'story.txt')).href, ARTICLE);
    const symbols = await ws.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.ok(symbols && symbols.length > 0);
    // A pipe named like an article appears in the workspace, then a real article: the watcher
    // events must not leave the index stuck reading the pipe.
    fs.mkdirSync(path.join(root, 'articles'));
    assert.equal(spawnSync('mkfifo', [path.join(root, 'articles', 'pipe.txt')]).status, 0);
    fs.writeFileSync(path.join(root, 'articles', 'late.txt'), 'LONDON, May 2, 2016\n\nPrime Minister Theresa Maybridge met John Kerry in London.\n');
    let found: SymbolInformation[] = [];
    // The server announces each index change; the watcher events end with one.
    let changed = ws.next('articleLens/indexChanged');
    await ws.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: ['pipe.txt', 'late.txt'].map(name => ({ uri: pathToFileURL(path.join(root, 'articles', name)).href, type: FileChangeType.Created })) });
    for (let i = 0; i < 10 && !found.length; i++) {
      await changed;
      changed = ws.next('articleLens/indexChanged');
      found = (await ws.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Maybridge' })) as SymbolInformation[];
    }
    assert.equal(found[0]?.name, 'Theresa Maybridge', 'the article after the pipe was indexed');
  } finally {
    await ws.stop();
  }
});
