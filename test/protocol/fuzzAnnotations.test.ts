/**
 * "Never lose work" for the user's own annotations: corrections made through the annotation
 * commands (marks, "not an entity") must survive a seeded storm of random edits around them —
 * multi-byte characters, quote marks, line breaks, pipelined requests — and a server restart on
 * the saved text. Counts the annotations lost (the closing figure; it must be 0).
 *   ARTICLE_LENS_FUZZ_EDITS (default 300), ARTICLE_LENS_FUZZ_SEED
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  HoverRequest,
  SemanticTokensRequest,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ARTICLE, prng } from './hostileTexts';
import { startServer, type TestClient } from './lspClient';
import { tempDir } from '../tempDir';

const EDITS = Number(process.env.ARTICLE_LENS_FUZZ_EDITS ?? 300);
const SEED = Number(process.env.ARTICLE_LENS_FUZZ_SEED ?? 20261123);

/** Made-up names in lower case, which no recognizer tags: found only because the user marked them. */
const MARKED = ['orvel tsandra', 'ilsabet quoon', 'marek vlotny', 'duvessa prahm', 'tobiah kells', 'yselde marrow'];
const TEXT = [
  ARTICLE,
  '',
  `The envoy ${MARKED[0]} met ${MARKED[1]} and ${MARKED[2]} before the vote.`,
  '',
  `Later, ${MARKED[3]} told reporters that ${MARKED[4]} had left with ${MARKED[5]}.`,
  '',
].join('\n');
const SNIPPETS = [' ', 'word ', '“', '”', '«', '»', '"', '😀', 'é', 'e\u0301', '\n', '\n\n', '\r\n', 'Paris ', 'on Monday ', 'Kerry said. ', ', '];

const people = async (c: TestClient, uri: string): Promise<string[]> => {
  const symbols = (await c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
  return (symbols.find(s => s.name === 'People')?.children ?? []).flatMap(p => [p.name, ...(p.children ?? []).map(m => m.name)]);
};
const lostIn = (names: string[]) => MARKED.filter(m => !names.includes(m));

test(`fuzz: the user's annotations survive ${EDITS} random edits and a restart (seed ${SEED})`, { timeout: 120_000 }, async t => {
  const dir = tempDir('article-lens-fuzz-ann-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'story.txt');
  fs.writeFileSync(file, TEXT);
  const uri = pathToFileURL(file).toString();
  const random = prng(SEED);
  let client = await startServer();
  let doc = TextDocument.create(uri, 'article', 1, TEXT);
  try {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'article', version: 1, text: TEXT } });
    assert.deepEqual(lostIn(await people(client, uri)), MARKED, 'the recognizers alone find none of them');
    for (const name of MARKED) {
      const start = TEXT.indexOf(name);
      const range = { start: doc.positionAt(start), end: doc.positionAt(start + name.length) };
      const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'articleLens.applyCorrection', arguments: [{ uri, range, action: 'mark', label: 'PERSON' }] })) as { persisted: boolean; message: string };
      assert.ok(result.persisted, result.message);
    }
    assert.deepEqual(lostIn(await people(client, uri)), [], 'every mark shows at once');

    let requests = 0;
    for (let e = 0; e < EDITS; e++) {
      const text = doc.getText();
      // Edit anywhere except on a marked name or right against it (that would change the name itself).
      const guarded = MARKED.map(m => { const at = text.indexOf(m); return [at - 1, at + m.length + 1]; });
      const start = Math.floor(random() * (text.length + 1));
      const end = Math.min(text.length, start + (random() < 0.3 ? Math.floor(random() * 8) : 0));
      if (guarded.some(([a, b]) => start < b && end > a) || guarded.some(([a, b]) => (start >= a && start <= b) || (end >= a && end <= b))) continue;
      const insert = Array.from({ length: Math.floor(random() * 3) }, () => SNIPPETS[Math.floor(random() * SNIPPETS.length)]).join('');
      const change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert };
      doc = TextDocument.create(uri, 'article', doc.version + 1, TextDocument.update(TextDocument.create(uri, 'article', doc.version, text), [change], doc.version + 1).getText());
      void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges: [change] });
      if (random() < 0.3) {
        requests++;
        void client.connection.sendRequest(random() < 0.5 ? SemanticTokensRequest.method : HoverRequest.method, { textDocument: { uri }, position: doc.positionAt(Math.floor(random() * doc.getText().length)) }).catch(() => undefined);
      }
    }
    const live = lostIn(await people(client, uri));
    // Save, restart, reopen the saved text: the marks come back from the sidecar.
    fs.writeFileSync(file, doc.getText());
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    await client.stop();
    client = await startServer();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'article', version: 1, text: doc.getText() } });
    const restarted = lostIn(await people(client, uri));
    const summary = `annotation fuzz: ${MARKED.length} marks, ${doc.version - 1} edits, ${requests} requests; lost while editing ${live.length}, lost after restart ${restarted.length}`;
    t.diagnostic(summary);
    console.log(`# ${summary}`);
    assert.deepEqual(live, [], 'marks lost while editing');
    assert.deepEqual(restarted, [], 'marks lost after a restart');
  } finally {
    await client.stop();
  }
});
