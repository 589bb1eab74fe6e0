/**
 * The protocol under abuse (issue 9): cancellation, stale requests after edits, closed and unknown
 * documents, out-of-range positions, malformed params, and exceptions inside one feature or one
 * file (through the test-only `ARTICLE_LENS_TEST_FAULT` hook). Every request gets an answer — a
 * result, an empty result or an error response — and the server keeps serving afterwards.
 */
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import {
  CancellationTokenSource,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DefinitionRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  HoverRequest,
  InlayHintRequest,
  LSPErrorCodes,
  ReferencesRequest,
  ResponseError,
  SemanticTokensRequest,
  type DocumentSymbol,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { hoverText } from './fixtures';
import { ARTICLE } from './hostileTexts';
import { positionOf, startServer, type TestClient } from './lspClient';

let client: TestClient;
before(async () => { client = await startServer(); });
after(async () => { await client.stop(); });


/** The server still answers a real request correctly. */
async function stillServing(c: TestClient = client): Promise<void> {
  const uri = await c.open('alive.article', ARTICLE);
  const hover = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(ARTICLE, 'Kerry said', 1) });
  assert.match(hoverText(hover), /John Kerry/);
  await c.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
}

/** The error code a request failed with, or 'ok'. */
async function outcome(request: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await request;
    return 'ok';
  } catch (error) {
    assert.ok(error instanceof ResponseError, String(error));
    return error.code;
  }
}

test('requests for unknown and closed documents answer empty', { timeout: 30_000 }, async () => {
  const uri = await client.open('closed.article', ARTICLE);
  const position = positionOf(ARTICLE, 'Kerry said', 1);
  assert.match(hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })), /John Kerry/);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  for (const target of [uri, 'file:///nowhere.article', 'untitled:Untitled-1', '']) {
    const textDocument = { uri: target };
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument, position }), null);
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }), []);
    assert.deepEqual((await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument }))?.data, []);
    assert.deepEqual(await client.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }), []);
    assert.deepEqual(await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument, position }), []);
    assert.equal(await client.connection.sendRequest(DefinitionRequest.type, { textDocument, position }), null);
    assert.deepEqual(await client.connection.sendRequest(InlayHintRequest.type, { textDocument, range: { start: position, end: position } }), []);
  }
  await stillServing();
});

test('out-of-range positions are clamped: line 10^6, negative, past the line end', { timeout: 30_000 }, async () => {
  const uri = await client.open('range.article', ARTICLE);
  const textDocument = { uri };
  const positions = [
    { line: 1_000_000, character: 0 },
    { line: 0, character: 1_000_000 },
    { line: -1, character: -5 },
    { line: 2, character: -1 },
    { line: 2, character: 10_000 },
    { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
  ];
  for (const position of positions) {
    await client.connection.sendRequest(HoverRequest.type, { textDocument, position });
    await client.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: false } });
    await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument, position });
    await client.connection.sendRequest(DefinitionRequest.type, { textDocument, position });
    await client.connection.sendRequest(InlayHintRequest.type, { textDocument, range: { start: position, end: { line: 1_000_000, character: 0 } } });
  }
  // Past the end of line 2 clamps to its end, which is after "said." — nothing there.
  assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument, position: { line: 2, character: 10_000 } }), null);
  // A negative line clamps to the start of the text: "WASHINGTON".
  assert.match(hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument, position: { line: -1, character: 0 } })), /Place/);
  await stillServing();
});

test('malformed params get an error response, and the server keeps serving', { timeout: 30_000 }, async () => {
  const uri = await client.open('malformed.article', ARTICLE);
  const malformed: Array<[string, unknown]> = [
    ['textDocument/hover', {}],
    ['textDocument/hover', { textDocument: { uri } }],
    ['textDocument/hover', { textDocument: 42, position: { line: 0, character: 0 } }],
    ['textDocument/hover', { textDocument: { uri }, position: { line: '2', character: 1 } }],
    ['textDocument/hover', { textDocument: { uri }, position: { line: 1.5, character: 1 } }],
    ['textDocument/hover', { textDocument: { uri: null }, position: { line: 0, character: 0 } }],
    ['textDocument/documentSymbol', { textDocument: 'file:///x' }],
    ['textDocument/documentSymbol', []],
    ['textDocument/semanticTokens/full', { textDocument: {} }],
    ['textDocument/references', { textDocument: { uri }, position: null }],
    ['textDocument/documentHighlight', { textDocument: { uri }, position: [0, 0] }],
    ['textDocument/definition', { position: { line: 0, character: 0 } }],
    ['textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0 } } }],
    ['articleLens/quotations', { uri: 7 }],
    ['articleLens/quotations', {}],
  ];
  for (const [method, params] of malformed) {
    const code = await outcome(client.connection.sendRequest(method, params));
    assert.equal(code, ErrorCodes.InvalidParams, `${method} ${JSON.stringify(params)} → ${code}`);
  }
  // No params at all, or null: the library answers before our guard, with an error.
  for (const method of ['textDocument/hover', 'textDocument/semanticTokens/full', 'textDocument/documentSymbol']) {
    const code = await outcome(client.connection.sendRequest(method, null));
    assert.notEqual(code, 'ok', `${method} null`);
  }
  assert.equal(await outcome(client.connection.sendRequest('articleLens/noSuchRequest', {})), ErrorCodes.MethodNotFound);
  // Malformed notifications are dropped without an answer; the document stays usable.
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: 'oops' } as never);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: null });
  await client.connection.sendNotification('articleLens/noSuchNotification', [1, 2, 3]);
  await stillServing();
});

test('$/cancelRequest: cancelled requests answer RequestCancelled, the others their result', { timeout: 60_000 }, async () => {
  // Long enough that the analysis is not instant.
  const text = Array.from({ length: 60 }, () => ARTICLE).join('\n\n');
  const uri = await client.open('cancel.article', text);
  const textDocument = { uri };
  const outcomes: Array<Promise<number | 'ok'>> = [];
  for (let i = 0; i < 20; i++) {
    const source = new CancellationTokenSource();
    const request = i % 2 ? client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }, source.token) : client.connection.sendRequest(SemanticTokensRequest.type, { textDocument }, source.token);
    outcomes.push(outcome(request));
    if (i % 4 !== 3) source.cancel();
  }
  const codes = await Promise.all(outcomes);
  const cancelled = codes.filter(c => c === LSPErrorCodes.RequestCancelled).length;
  assert.deepEqual(codes.filter(c => c !== 'ok' && c !== LSPErrorCodes.RequestCancelled), []);
  assert.ok(cancelled >= 10, `${cancelled} of 15 cancelled requests answered RequestCancelled`);
  codes.forEach((code, i) => { if (i % 4 === 3) assert.equal(code, 'ok', `request ${i} was not cancelled`); });
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })) as DocumentSymbol[];
  assert.ok(symbols.length > 0);
});

test('requests pipelined with edits answer for the text they were sent against, never a stale one', { timeout: 60_000 }, async () => {
  const uri = await client.open('stale.article', ARTICLE);
  const textDocument = { uri };
  const inserted = 'Breaking news from the summit.\n';
  const before = positionOf(ARTICLE, 'Kerry said', 1);
  const edited = inserted + ARTICLE;
  const afterEdit = positionOf(edited, 'Kerry said', 1);
  for (let version = 2; version < 42; version += 2) {
    // Sent back to back, without waiting: hover on the old text, the edit, hover on the new text.
    const first = client.connection.sendRequest(HoverRequest.type, { textDocument, position: before });
    void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }],
    });
    const second = client.connection.sendRequest(HoverRequest.type, { textDocument, position: afterEdit });
    const [old, fresh] = await Promise.allSettled([first, second]);
    if (old.status === 'fulfilled') assert.equal(old.value?.range?.start.line, before.line, 'answered against the text it was sent for');
    else assert.equal((old.reason as ResponseError<unknown>).code, LSPErrorCodes.ContentModified);
    assert.equal(fresh.status, 'fulfilled');
    assert.equal((fresh as PromiseFulfilledResult<Hover | null>).value?.range?.start.line, afterEdit.line);
    // Undo, so every round starts from the same text.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: version + 1 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }],
    });
  }
});

test('an exception inside one feature or one file is logged and answered empty; the server keeps serving', { timeout: 60_000 }, async () => {
  const faulty = await startServer({ env: { ARTICLE_LENS_TEST_FAULT: 'hover,file' } });
  try {
    const good = await faulty.open('good.article', ARTICLE);
    const bad = await faulty.open('bad.article', ARTICLE + '\n\narticle-lens-test-fault\n');
    const position = positionOf(ARTICLE, 'Kerry said', 1);
    // The failing feature answers its empty result, the others still work on the same file.
    assert.equal(await faulty.connection.sendRequest(HoverRequest.type, { textDocument: { uri: good }, position }), null);
    const symbols = (await faulty.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: good } })) as DocumentSymbol[];
    assert.ok(symbols.some(s => s.name === 'People'));
    // The failing file answers empty for every feature, the other file is unaffected.
    assert.deepEqual(await faulty.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: bad } }), []);
    assert.deepEqual((await faulty.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: bad } }))?.data, []);
    assert.ok(((await faulty.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: good } }))?.data.length ?? 0) > 0);
    // Logged to the output channel with the feature, the file and a stack.
    assert.ok(faulty.logs.some(l => /^hover failed on file:.*good\.article: Error: test fault in hover\n\s+at /.test(l)), faulty.logs.join('\n'));
    assert.ok(faulty.logs.some(l => /^documentSymbol failed on file:.*bad\.article/.test(l)), faulty.logs.join('\n'));
    assert.equal(faulty.process.exitCode, null, 'still running');
    const references = await faulty.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: good }, position, context: { includeDeclaration: true } });
    assert.ok(references && references.length >= 2);
  } finally {
    await faulty.stop();
  }
});

test('an edit that makes a CR meet an LF keeps line numbers right (found by the fuzz test)', { timeout: 30_000 }, async () => {
  const text = 'PARIS\nJohn Kerry met Laurent Fabius in Paris.\n';
  const uri = await client.open('crlf-edit.article', text);
  // "PARIS" + "x\r" + "\n…": the inserted CR and the existing LF form one CRLF line break.
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, text: 'x\r' }],
  });
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 2 } });
  assert.match(hoverText(hover), /John Kerry/);
  assert.deepEqual(hover?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
});
