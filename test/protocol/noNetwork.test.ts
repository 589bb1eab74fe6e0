/**
 * No network, nothing executed (issue 9): the server and the CLI run with a preload module that
 * replaces every way Node opens a connection or a process (net/tls/http/https/http2 connect and
 * request, dns, dgram, fetch, net listen, child_process) with a recorder that throws. After a
 * realistic session — a workspace of articles indexed in the background, every feature asked on
 * every article, edits, articles carrying URLs, markdown images, HTML and shell snippets — the
 * record must hold only the "loaded" lines of each process and worker thread.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DefinitionRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  HoverRequest,
  InlayHintRequest,
  ReferencesRequest,
  SemanticTokensRequest,
  WorkspaceSymbolRequest,
  type DocumentSymbol,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ARTICLE, EMOJI_ARTICLE } from './hostileTexts';
import { startServer } from './lspClient';
import { tempDir } from '../tempDir';

const CLI = path.resolve(__dirname, '..', '..', 'cli.js');
const SHARED = process.env.ARTICLE_LENS_SHARED ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared');

const PRELOAD = String.raw`
const fs = require('fs');
const { isMainThread, threadId } = require('worker_threads');
const log = process.env.ARTICLE_LENS_NET_LOG;
fs.appendFileSync(log, 'loaded ' + process.pid + ' ' + (isMainThread ? 'main' : 'worker ' + threadId) + '\n');
const record = what => {
  fs.appendFileSync(log, 'BLOCKED ' + what + '\n');
  throw new Error('network or process access blocked by the no-network test: ' + what);
};
const block = (module, name, label) => { module[name] = (...args) => record(label + '.' + name + ' ' + String(args[0]).slice(0, 80)); };
const net = require('net');
net.Socket.prototype.connect = function (...args) { record('net.Socket.connect ' + JSON.stringify(args[0]).slice(0, 80)); };
net.Server.prototype.listen = function (...args) { record('net.Server.listen ' + JSON.stringify(args[0]).slice(0, 80)); };
for (const name of ['connect', 'createConnection']) block(net, name, 'net');
block(require('tls'), 'connect', 'tls');
for (const name of ['request', 'get']) { block(require('http'), name, 'http'); block(require('https'), name, 'https'); }
block(require('http2'), 'connect', 'http2');
const dns = require('dns');
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt']) { block(dns, name, 'dns'); block(dns.promises, name, 'dns.promises'); }
block(require('dgram'), 'createSocket', 'dgram');
const cp = require('child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) block(cp, name, 'child_process');
globalThis.fetch = (...args) => record('fetch ' + String(args[0]));
`;

/** Article text that tries to be fetched or run: URLs, markdown images and links, HTML, shell and template snippets. */
function hostileArticle(marker: string): string {
  return [
    'WASHINGTON, Sept. 5, 2014',
    '',
    `Secretary of State John Kerry met officials in Paris on Monday. Read more at https://example.com/kerry and http://127.0.0.1:9/${marker}.`,
    '',
    `“Look at ![pixel](http://127.0.0.1:9/${marker}.gif) and [this](javascript:alert(1)) <img src="http://127.0.0.1:9/x.gif"> <script>fetch('http://127.0.0.1:9')</script>,” Kerry said.`,
    '',
    `Laurent Fabius typed $(touch /tmp/${marker}) and \`touch /tmp/${marker}\` and \${require('child_process').execSync('touch /tmp/${marker}')} in Paris.`,
  ].join('\n');
}

function setUp(): { dir: string; preload: string; log: string; marker: string; articles: string } {
  const dir = tempDir('article-lens-nonet-');
  const preload = path.join(dir, 'no-network.cjs');
  fs.writeFileSync(preload, PRELOAD);
  const articles = path.join(dir, 'articles');
  fs.mkdirSync(articles);
  const marker = `article-lens-pwned-${process.pid}`;
  const sources = fs.existsSync(path.join(SHARED, 'articles')) ? fs.readdirSync(path.join(SHARED, 'articles')).filter(f => f.endsWith('.txt')).map(f => fs.readFileSync(path.join(SHARED, 'articles', f), 'utf8')) : [];
  [...sources, ARTICLE, EMOJI_ARTICLE, hostileArticle(marker)].forEach((text, i) => fs.writeFileSync(path.join(articles, `a${i}.txt`), text));
  while (fs.readdirSync(articles).length < 9) fs.writeFileSync(path.join(articles, `b${fs.readdirSync(articles).length}.txt`), ARTICLE); // enough for the CLI's worker pool
  return { dir, preload, log: path.join(dir, 'network.log'), marker, articles };
}

function checkLog(log: string, marker: string, expectWorkers: boolean): string[] {
  const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
  assert.deepEqual(lines.filter(l => !l.startsWith('loaded ')), [], 'network or process access');
  assert.ok(lines.some(l => / main$/.test(l)), 'the preload ran');
  if (expectWorkers) assert.ok(lines.some(l => / worker \d+$/.test(l)), `the preload ran in the worker threads too: ${lines.join(', ')}`);
  assert.ok(!fs.existsSync(`/tmp/${marker}`), 'nothing from the article was executed');
  return lines;
}

test('the server opens no sockets and runs nothing during a realistic session', { timeout: 120_000 }, async t => {
  const { dir, preload, log, marker, articles } = setUp();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const client = await startServer({ nodeArgs: ['--require', preload], env: { ARTICLE_LENS_NET_LOG: log }, rootUri: pathToFileURL(dir).href, capabilities: { window: { workDoneProgress: true } } });
  const hovers: string[] = [];
  try {
    for (const name of fs.readdirSync(articles)) {
      const text = fs.readFileSync(path.join(articles, name), 'utf8');
      const document = TextDocument.create('', 'article', 1, text);
      const uri = await client.openUri(pathToFileURL(path.join(articles, name)).href, text);
      const textDocument = { uri };
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })) as DocumentSymbol[];
      await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument });
      await client.connection.sendRequest(InlayHintRequest.type, { textDocument, range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) } });
      await client.connection.sendRequest('articleLens/quotations', { uri });
      const targets = symbols.flatMap(group => (group.children ?? []).flatMap(s => [s, ...(s.children ?? [])])).slice(0, 40);
      for (const target of targets) {
        const position = target.selectionRange.start;
        const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument, position })) as Hover | null;
        if (hover && typeof hover.contents === 'object' && 'value' in hover.contents) hovers.push(hover.contents.value);
        await client.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } });
        await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument, position });
        await client.connection.sendRequest(DefinitionRequest.type, { textDocument, position });
      }
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + `\nSee http://127.0.0.1:9/${marker} for more.\n` }] });
      await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument });
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument });
    }
    await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Kerry' });
    await client.connection.sendRequest('articleLens/people', {}).catch(() => undefined);
  } finally {
    await client.stop();
  }
  // Article text reaches hovers only escaped: no live image, link or HTML.
  assert.ok(hovers.length > 10, `${hovers.length} hovers`);
  for (const hover of hovers) assert.doesNotMatch(hover, /(^|[^\\])!\[|(^|[^\\])\]\(|(^|[^\\])<(img|script)/, hover);
  const lines = checkLog(log, marker, false);
  t.diagnostic(`server: ${lines.length} process/thread(s) loaded the recorder, 0 network or process calls`);
});

test('the CLI opens no sockets and runs nothing, in its worker threads too', { timeout: 120_000 }, t => {
  const { dir, preload, log, marker, articles } = setUp();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const result = spawnSync(process.execPath, ['--require', preload, CLI, articles, '--format', 'json', '--out', path.join(dir, 'out')], { encoding: 'utf8', env: { ...process.env, ARTICLE_LENS_NET_LOG: log }, timeout: 110_000 });
  assert.equal(result.status, 0, result.stderr);
  const lines = checkLog(log, marker, true);
  t.diagnostic(`CLI: ${lines.length} process/thread(s) loaded the recorder, 0 network or process calls`);
});

test('the recorder itself catches connections, lookups, fetch and processes (control)', { timeout: 30_000 }, t => {
  const { dir, preload, log } = setUp();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const attempts = [
    "require('http').get('http://127.0.0.1:9/')",
    "new (require('net').Socket)().connect(9, '127.0.0.1')",
    "require('dns').lookup('example.com', () => {})",
    "fetch('http://127.0.0.1:9/')",
    "require('child_process').execSync('true')",
  ];
  for (const code of attempts) spawnSync(process.execPath, ['--require', preload, '-e', `try { ${code} } catch {}`], { env: { ...process.env, ARTICLE_LENS_NET_LOG: log } });
  const blocked = fs.readFileSync(log, 'utf8').split('\n').filter(l => l.startsWith('BLOCKED '));
  assert.equal(blocked.length, attempts.length, blocked.join('\n'));
});
