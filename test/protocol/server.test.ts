/**
 * Protocol tests: the real bundled server over stdio, spoken to as an editor would. Each test
 * opens an article, asks for a feature and checks the answer's content, not just its shape.
 */
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import {
  DidChangeTextDocumentNotification,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  SemanticTokensRequest,
  SemanticTokensDeltaRequest,
  DefinitionRequest,
  InlayHintRequest,
  type DocumentSymbol,
  type Location,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ENGLISH_ARTICLE, FRENCH_ARTICLE, hoverText } from './fixtures';
import { positionOf, startServer, type TestClient } from './lspClient';

const ENGLISH = ENGLISH_ARTICLE;
const FRENCH = FRENCH_ARTICLE;

let client: TestClient;
before(async () => { client = await startServer(); }, { timeout: 60000 });
after(async () => { await client.stop(); });


test('hover on a person gives type, canonical name and quotes', { timeout: 15000 }, async () => {
  const uri = await client.open('kerry.article', ENGLISH);
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(ENGLISH, 'Kerry said', 1) });
  const text = hoverText(hover);
  assert.match(text, /Person/);
  assert.match(text, /John Kerry/);
  assert.match(text, /2 mentions/);
  assert.match(text, /We will degrade/);
});

test('hover on a date gives its ISO value and the reference line', { timeout: 15000 }, async () => {
  const uri = await client.open('date.article', ENGLISH);
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(ENGLISH, 'Monday', 2) });
  const text = hoverText(hover);
  assert.match(text, /Date/);
  assert.match(text, /2014-09-01/);
  assert.match(text, /line 1/);
});

test('hover on a quote names its speaker', { timeout: 15000 }, async () => {
  const uri = await client.open('quote.article', ENGLISH);
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(ENGLISH, 'degrade') });
  assert.match(hoverText(hover), /Speaker: John Kerry/);
});

test('hover where nothing is recognized is null', { timeout: 15000 }, async () => {
  const uri = await client.open('none.article', ENGLISH);
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(ENGLISH, 'allies', 2) });
  assert.equal(hover, null);
});

test('document symbols group people, organizations, places, dates and quotations', { timeout: 15000 }, async () => {
  const uri = await client.open('symbols.article', ENGLISH);
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
  const groups = Object.fromEntries(symbols.map(s => [s.name, (s.children ?? []).map(c => c.name)]));
  assert.deepEqual(Object.keys(groups), ['People', 'Organizations', 'Places', 'Dates', 'Quotations']);
  assert.ok(groups.People.includes('John Kerry'), `People: ${groups.People}`);
  assert.ok(groups.People.includes('Laurent Fabius'), `People: ${groups.People}`);
  assert.ok(groups.Organizations.includes('NATO'), `Organizations: ${groups.Organizations}`);
  assert.ok(groups.Places.includes('Paris'), `Places: ${groups.Places}`);
  assert.ok(groups.Quotations.some(q => q.startsWith('John Kerry: “We will degrade')), `Quotations: ${groups.Quotations}`);
  const kerry = symbols[0].children!.find(c => c.name === 'John Kerry')!;
  assert.deepEqual(kerry.children!.map(c => c.name), ['John Kerry', 'Kerry']);
});

test('semantic tokens mark entities, dates and quote text with our legend', { timeout: 15000 }, async () => {
  const uri = await client.open('tokens.article', ENGLISH);
  const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  const lines = ENGLISH.split('\n');
  const legend = ['person', 'organization', 'location', 'date', 'quote'];
  const decoded: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens!.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type] = tokens!.data.slice(i, i + 4);
    line += deltaLine;
    character = deltaLine ? deltaStart : character + deltaStart;
    decoded.push(`${legend[type]} ${lines[line].slice(character, character + length)}`);
  }
  assert.ok(decoded.includes('person John Kerry'), decoded.join(' | '));
  assert.ok(decoded.includes('location Paris'), decoded.join(' | '));
  assert.ok(decoded.includes('date Monday'), decoded.join(' | '));
  assert.ok(decoded.some(d => d.startsWith('quote “We will degrade')), decoded.join(' | '));
});

test('after an edit, a semantic tokens delta turns the tokens sent before into the new ones', { timeout: 15000 }, async () => {
  const uri = await client.open('delta.article', ENGLISH);
  const before = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  assert.ok(before?.resultId, 'full tokens carry a result id');
  const at = positionOf(ENGLISH, 'Paris');
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: at, end: at }, text: 'Angela Merkel met officials in ' }],
  });
  const delta = await client.connection.sendRequest(SemanticTokensDeltaRequest.type, { textDocument: { uri }, previousResultId: before!.resultId! });
  assert.ok(delta && 'edits' in delta, 'an answer in edits');
  const rebuilt = [...before!.data];
  for (const edit of [...delta.edits].reverse()) rebuilt.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  const full = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  assert.deepEqual(rebuilt, full!.data);
  assert.notDeepEqual(rebuilt, before!.data, 'the new person changed the tokens');
});

test('references, highlights and definition follow one person within the file', { timeout: 15000 }, async () => {
  const uri = await client.open('refs.article', ENGLISH);
  const position = positionOf(ENGLISH, 'Kerry said', 1);
  const references = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: true } })) as Location[];
  // Other open documents with the same text are other articles: keep this file's references.
  assert.deepEqual(references.filter(r => r.uri === uri).map(r => r.range.start.line), [2, 4]);
  const highlights = await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position });
  assert.equal(highlights?.length, 2);
  const definition = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position })) as Location;
  assert.deepEqual(definition.range.start, positionOf(ENGLISH, 'John Kerry'));
});

test('inlay hints show the resolved value after relative dates only', { timeout: 15000 }, async () => {
  const uri = await client.open('hints.article', ENGLISH);
  const hints = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } } });
  assert.deepEqual(hints?.map(h => [h.position, h.label]), [[positionOf(ENGLISH, 'Monday', 6), '= 2014-09-01']]);
});

test('French: title excluded, inversion attributes the quote, relative weekday resolved', { timeout: 15000 }, async () => {
  const uri = await client.open('fr.article', FRENCH);
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
  const people = symbols.find(s => s.name === 'People')!.children!;
  assert.deepEqual(people.map(p => p.name), ['Jean-Yves Le Drian']);
  const quotes = symbols.find(s => s.name === 'Quotations')!.children!;
  assert.match(quotes[0].name, /^Jean-Yves Le Drian: « Nous devons/);
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(FRENCH, 'mardi', 1) });
  assert.match(hoverText(hover), /2017-03-21/);
});

test('didChange: answers follow the edited text', { timeout: 15000 }, async () => {
  const uri = await client.open('edit.article', ENGLISH);
  const inserted = 'Breaking news from the summit.\n';
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }],
  });
  const edited = inserted + ENGLISH;
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(edited, 'Kerry said', 1) });
  assert.match(hoverText(hover), /John Kerry/);
  assert.equal(hover?.range?.start.line, 5);
});

test('diagnostics report an unbalanced quote mark', { timeout: 15000 }, async () => {
  const text = 'PARIS, 3 mars 2016\n\n« Nous ne céderons jamais face à la terreur, a dit le président François Hollande.\n';
  const published = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', p => p.uri.endsWith('unbalanced.article') && p.diagnostics.length > 0);
  await client.open('unbalanced.article', text);
  const diagnostics = (await published).diagnostics;
  assert.ok(diagnostics.some(d => d.code === 'unbalanced-quote'), JSON.stringify(diagnostics));
});

test('the first answers do not wait for the entity model', { timeout: 30000 }, async () => {
  let model = false;
  const early = await startServer({ waitForModel: false });
  try {
    // Set from the filter itself, which runs as the notification arrives (before later ones are read).
    void early.next<{ detail?: string }>('articleLens/status', p => (model ||= /model loaded/i.test(p.detail ?? '')));
    const viewsAskAgain = early.next('articleLens/analysesChanged', () => model);
    const uri = await early.open('early.article', ENGLISH);
    const symbols = (await early.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(model, false, 'answered only after the model loaded');
    assert.ok(symbols.find(s => s.name === 'People')?.children?.some(c => /Kerry/.test(c.name)), 'the rule-based fallback finds the titled person');
    // Once the model is in, views built from analyses are told to ask again.
    await viewsAskAgain;
    assert.equal(model, true);
  } finally {
    await early.stop();
  }
});

test('requests for unknown documents answer empty, and the server keeps serving', { timeout: 15000 }, async () => {
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///nowhere.article' }, position: { line: 0, character: 0 } });
  assert.equal(hover, null);
  await assert.rejects(client.connection.sendRequest('articleLens/quotations', { uri: 'file:///nowhere.article' }), /Not an open document/);
  const uri = await client.open('after.article', ENGLISH);
  const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  assert.ok(symbols && symbols.length > 0);
});
