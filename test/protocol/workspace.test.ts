/**
 * The workspace layer over real LSP: the server indexes a folder of articles in the background
 * with window progress, then answers references across files, workspace symbols and the People
 * requests; a file-watcher event re-indexes a changed file; a second start reuses the disk cache.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType, ReferencesRequest, WorkspaceSymbolRequest, type Location, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import { positionOf, startServer, type TestClient } from './lspClient';
import { tempDir } from '../tempDir';

const ARTICLES: Record<string, string> = {
  'a.txt': 'WASHINGTON, Sept. 5, 2014\n\nSecretary of State John Kerry met NATO allies in Wales.\n\n“We will degrade and ultimately destroy this organization,” Kerry said.\n',
  'b.txt': 'PARIS, Jan. 20, 2016\n\nFormer secretary John Kerry praised Paris and spoke with Angela Merkel about Syria.\n',
  'c.article': 'BERLIN, March 3, 2016\n\nChancellor Angela Merkel said Germany would help. “We will not leave our partners alone in this,” Merkel told reporters.\n',
  'notes.txt': 'John Kerry is mentioned here but this file is not under an articles folder.\n',
};

let workspace: string;
let storage: string;
let client: TestClient;
// vscode-jsonrpc routes $/progress to token handlers, so the end of indexing is read from the server's log line.
const done = (c: TestClient) => c.next<{ message: string }>('window/logMessage', p => /^Indexed \d+ articles/.test(p.message));

before(async () => {
  workspace = tempDir('article-lens-ws-');
  storage = tempDir('article-lens-storage-');
  fs.mkdirSync(path.join(workspace, 'articles'));
  for (const [name, text] of Object.entries(ARTICLES)) fs.writeFileSync(path.join(workspace, name === 'notes.txt' ? name : name.endsWith('.article') ? name : path.join('articles', name)), text);
  client = await startServer({ rootUri: pathToFileURL(workspace).href, initializationOptions: { storagePath: storage }, capabilities: { window: { workDoneProgress: true } }, beforeInitialized: c => done(c) });
  await client.ready;
}, { timeout: 120000 });
let stopped = false;
after(async () => { if (!stopped) await client.stop(); });

const uriOf = (name: string) => pathToFileURL(path.join(workspace, name)).href;

test('references span every article that mentions the person', { timeout: 30000 }, async () => {
  const text = ARTICLES['a.txt'];
  const uri = uriOf('articles/a.txt');
  await client.openUri(uri, text);
  const references = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: positionOf(text, 'Kerry said', 1), context: { includeDeclaration: true } })) as Location[];
  const files = [...new Set(references.map(r => path.basename(new URL(r.uri).pathname)))];
  assert.deepEqual(files, ['a.txt', 'b.txt']);
  assert.equal(references.length, 3);
});

test('workspace symbols find people and places fuzzily', { timeout: 30000 }, async () => {
  const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'merkl' })) as SymbolInformation[];
  assert.equal(symbols[0]?.name, 'Angela Merkel');
  assert.match(symbols[0].containerName ?? '', /person · 2 articles/);
});

test('people lists each person with article and quote counts, expandable to files', { timeout: 30000 }, async () => {
  const result = await client.connection.sendRequest<{ people: Array<{ entityId: string; canonical: string; articleCount: number; quoteCount: number }> }>('articleLens/people', {});
  const merkel = result.people.find(p => p.canonical === 'Angela Merkel');
  assert.ok(merkel, JSON.stringify(result.people));
  assert.equal(merkel.articleCount, 2);
  assert.equal(merkel.quoteCount, 1);
  assert.ok(!result.people.some(p => p.canonical === 'Kerry'), 'the last-name mention is the same person');
  const files = await client.connection.sendRequest<Array<{ uri: string; quotes: unknown[] }>>('articleLens/personFiles', { entityId: merkel.entityId });
  assert.deepEqual(files.map(f => path.basename(new URL(f.uri).pathname)), ['articles/b.txt', 'c.article'].map(f => path.basename(f)).sort());
  assert.equal(files.find(f => f.uri.endsWith('c.article'))!.quotes.length, 1);
});

test('a changed file is re-indexed from the watcher event', { timeout: 30000 }, async () => {
  const file = path.join(workspace, 'articles', 'd.txt');
  fs.writeFileSync(file, 'LONDON, May 2, 2016\n\nPrime Minister Theresa Maybridge met John Kerry in London.\n');
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(file).href, type: FileChangeType.Created }] });
  const symbols = await waitFor(async () => {
    const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Maybridge' })) as SymbolInformation[];
    return found.length ? found : undefined;
  });
  assert.equal(symbols[0].name, 'Theresa Maybridge');
});

test('a correction saved beside an article reaches the index', { timeout: 30000 }, async () => {
  const text = ARTICLES['b.txt'];
  const start = text.indexOf('Syria');
  fs.writeFileSync(path.join(workspace, 'articles', 'b.ann'), `T1\tPERSON ${start} ${start + 5}\tSyria\n`);
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path.join(workspace, 'articles', 'b.ann')).href, type: FileChangeType.Created }] });
  const symbols = await waitFor(async () => {
    const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Syria' })) as SymbolInformation[];
    return found.some(s => /^person/.test(s.containerName ?? '')) ? found : undefined;
  });
  assert.equal(symbols.find(s => s.name === 'Syria')?.kind, 5 /* Class: a person */);
});

test('after shutdown, a second start reuses the disk cache', { timeout: 60000 }, async () => {
  await client.stop(); // shutdown flushes the watcher-driven updates to the cache
  stopped = true;
  const second = await startServer({ rootUri: pathToFileURL(workspace).href, initializationOptions: { storagePath: storage }, capabilities: { window: { workDoneProgress: true } }, beforeInitialized: c => done(c) });
  try {
    await second.ready;
    assert.ok(second.logs.some(l => /Indexed 4 articles .*\(0 analysed, 4 from cache/.test(l)), second.logs.join('\n'));
  } finally {
    await second.stop();
  }
});

/** Poll `probe` (each call a real request) until it returns a value; bounded by the test timeout. */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise(resolve => setImmediate(resolve));
  }
}
