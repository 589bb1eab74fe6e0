/**
 * The request guard on its own, with a stand-in connection and document set, for the branches a
 * live server rarely hits in order: a document edited or closed while the request waited its turn
 * (ContentModified), a request cancelled before its work began (RequestCancelled), a feature that
 * throws (logged, empty answer), and the params check.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createGuard, paramsProblem } from '../../server/src/requestGuard';

const uri = 'file:///guard.article';
function setUp() {
  const docs = new Map<string, TextDocument>([[uri, TextDocument.create(uri, 'article', 1, 'John Kerry met Laurent Fabius.')]]);
  const logs: string[] = [];
  const connection = { console: { error: (m: string) => logs.push(m) } } as unknown as Connection;
  const documents = { get: (u: string) => docs.get(u) } as unknown as TextDocuments<TextDocument>;
  return { docs, logs, guard: createGuard(connection, documents, { check() {} }) };
}
const params = { textDocument: { uri }, position: { line: 0, character: 1 } };
const live: CancellationToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof ResponseError ? e.code : String(e)));

test('an edit while the request waits answers ContentModified, not a stale result', async () => {
  const { docs, guard } = setUp();
  const answer = guard('hover', null, () => 'computed')(params, live);
  TextDocument.update(docs.get(uri)!, [{ text: 'Edited.' }], 2);
  assert.equal(await codeOf(answer), LSPErrorCodes.ContentModified);
});

test('a close (or close and reopen) while the request waits answers ContentModified', async () => {
  const { docs, guard } = setUp();
  const answer = guard('hover', null, () => 'computed')(params, live);
  docs.set(uri, TextDocument.create(uri, 'article', 1, 'John Kerry met Laurent Fabius.'));
  assert.equal(await codeOf(answer), LSPErrorCodes.ContentModified);
});

test('a request cancelled before its turn answers RequestCancelled; otherwise the result', async () => {
  const { guard } = setUp();
  const cancelled: CancellationToken = { ...live, isCancellationRequested: true };
  assert.equal(await codeOf(guard('hover', null, () => 'computed')(params, cancelled)), LSPErrorCodes.RequestCancelled);
  assert.equal(await guard('hover', null, () => 'computed')(params, live), 'computed');
});

test('an exception is logged with the feature and file, and the fallback answered', async () => {
  const { guard, logs } = setUp();
  const answer = await guard('hover', null, () => { throw new TypeError('boom'); })(params, live);
  assert.equal(answer, null);
  assert.match(logs[0], /^hover failed on file:\/\/\/guard\.article: TypeError: boom\n\s+at /);
});

test('malformed params answer InvalidParams before any work', async () => {
  const { guard } = setUp();
  let ran = false;
  const code = await codeOf(guard('hover', null, () => { ran = true; return 'x'; })({ textDocument: { uri } }, live));
  assert.equal(code, ErrorCodes.InvalidParams);
  assert.equal(ran, false);
  assert.equal(paramsProblem({ textDocument: { uri }, position: { line: 1e6, character: -3 } }, ['textDocument', 'position']), undefined, 'out of range is fine');
  assert.match(paramsProblem({ textDocument: { uri }, range: { start: { line: 0, character: 0 } } }, ['textDocument', 'range']) ?? '', /range/);
  assert.match(paramsProblem(null, ['textDocument']) ?? '', /object/);
  assert.equal(paramsProblem(undefined, []), undefined, 'features without requirements check their own params');
});
