/**
 * The annotation layer over LSP, with the real bundled server: each code action offered and
 * executed (`workspace/executeCommand`), the sidecar `NAME.ann` written and read back after a
 * restart, corrections surviving edits before and after them (and a vanished one reported and
 * kept), two servers (two editors) correcting the same article concurrently, the watch-list and
 * stop-list from settings and from the workspace file, and the export request in every format.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  HoverRequest,
  SemanticTokensRequest,
  type CodeAction,
  type DocumentSymbol,
  type Hover,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { correctionsFromBrat } from '../../server/src/analysis/corrections/bratCorrections';
import { parseBrat } from '../../server/src/analysis/export/brat';
import { parseConll } from '../../server/src/analysis/export/conll';
import { parseJsonl } from '../../server/src/analysis/export/jsonl';
import type { AnnotationJson } from '../../server/src/analysis/export/annotationJson';
import type { AnnotationsChangedParams, ApplyCorrectionArgs, ApplyCorrectionResult, ExportAnnotationsResult } from '../../server/src/protocol';
import { positionOf, startServer, type TestClient } from './lspClient';
import { ENGLISH_ARTICLE } from './fixtures';
import { tempDir } from '../tempDir';

// The shared sample, with a last paragraph of names the recognizer has no reason to know.
const ARTICLE = [...ENGLISH_ARTICLE.split('\n').slice(0, 6), 'The Blue Tortoise group praised the talks, said Fabius. Funding came from tortoise trust, a charity.'].join('\n');

let dir: string;
let client: TestClient;
before(async () => {
  dir = tempDir('article-lens-annotations-');
  client = await startServer();
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const hoverText = (hover: Hover | null) => (hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '');

/** Write an article under the temp folder and open it in `c`; returns its URI and paths. */
async function openArticle(c: TestClient, name: string, text = ARTICLE, write = true) {
  const file = path.join(dir, name);
  if (write) fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  await c.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'article', version: 1, text } });
  return { uri, file, sidecar: file.replace(/\.[^.]+$/, '.ann') };
}

/** Range of the `occurrence`-th `needle` in `text`. */
function rangeOf(text: string, needle: string, occurrence = 0) {
  const start = positionOf(text, needle, 0, occurrence);
  const end = positionOf(text, needle, needle.length, occurrence);
  return { start, end };
}

const apply = (c: TestClient, args: ApplyCorrectionArgs) => c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'articleLens.applyCorrection', arguments: [args] }) as Promise<ApplyCorrectionResult>;
const hoverAt = async (c: TestClient, uri: string, text: string, needle: string, occurrence = 0) => hoverText(await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, needle, 1, occurrence) }));
const actionsAt = async (c: TestClient, uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } })) as CodeAction[];

/** Run the code action titled like `title` at `range`, as an editor would: execute its command. */
async function runAction(c: TestClient, uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, title: RegExp): Promise<ApplyCorrectionResult> {
  const actions = await actionsAt(c, uri, range);
  const action = actions.find(a => title.test(a.title));
  assert.ok(action?.command, `no action ${title} among ${actions.map(a => a.title).join(' | ')}`);
  return (await c.connection.sendRequest(ExecuteCommandRequest.type, { command: action.command.command, arguments: action.command.arguments })) as ApplyCorrectionResult;
}

test('code actions offered on a selection, a mention and a quote', { timeout: 20000 }, async () => {
  const { uri } = await openArticle(client, 'offered.txt');
  const onSelection = (await actionsAt(client, uri, rangeOf(ARTICLE, 'tortoise trust'))).map(a => a.title);
  assert.deepEqual(onSelection.filter(t => t.startsWith('Mark')), ['Mark "tortoise trust" as Person', 'Mark "tortoise trust" as Organization', 'Mark "tortoise trust" as Place', 'Mark "tortoise trust" as Date']);
  assert.ok(!onSelection.some(t => t.startsWith('Not an entity')), 'nothing recognized there to reject');
  const cursor = positionOf(ARTICLE, 'Kerry said', 2);
  const onMention = (await actionsAt(client, uri, { start: cursor, end: cursor })).map(a => a.title);
  assert.ok(onMention.includes('Not an entity: "Kerry"'), onMention.join(' | '));
  assert.ok(!onMention.includes('Mark "Kerry" as Person'), 'the current type is not offered');
  assert.ok(onMention.includes('Merge "John Kerry" with Laurent Fabius'), onMention.join(' | '));
  const inQuote = positionOf(ARTICLE, 'degrade');
  const onQuote = (await actionsAt(client, uri, { start: inQuote, end: inQuote })).map(a => a.title);
  assert.ok(onQuote.includes('Set speaker: Laurent Fabius'), onQuote.join(' | '));
});

test('each code action persists to the sidecar and changes hovers and the outline', { timeout: 30000 }, async () => {
  const { uri, sidecar } = await openArticle(client, 'each.txt');
  const cursor = (needle: string, occurrence = 0) => {
    const p = positionOf(ARTICLE, needle, 1, occurrence);
    return { start: p, end: p };
  };
  assert.match((await runAction(client, uri, rangeOf(ARTICLE, 'tortoise trust'), /as Organization/)).message, /ORGANIZATION.*each\.ann/);
  await runAction(client, uri, rangeOf(ARTICLE, 'officials'), /as Person/);
  await runAction(client, uri, cursor('State Department'), /as Place/);
  await runAction(client, uri, rangeOf(ARTICLE, 'the meeting'), /as Date/);
  await runAction(client, uri, cursor('Paris'), /^Not an entity/);
  await runAction(client, uri, cursor('degrade'), /Set speaker: Laurent Fabius/);
  await runAction(client, uri, cursor('Fabius. Funding'), /Merge "Laurent Fabius" with John Kerry/);

  const ann = fs.readFileSync(sidecar, 'utf8');
  assert.match(ann, /^T\d+\tORGANIZATION \d+ \d+\ttortoise trust$/m);
  assert.match(ann, /^T\d+\tPERSON \d+ \d+\tofficials$/m);
  assert.match(ann, /^T\d+\tLOCATION \d+ \d+\tState Department$/m);
  assert.match(ann, /^T\d+\tDATE \d+ \d+\tthe meeting$/m);
  assert.match(ann, /^A\d+\tRejected T\d+$/m);
  assert.match(ann, /AnnotatorNotes T\d+\tspeakers: Laurent Fabius$/m);
  assert.match(ann, /^N\d+\tReference T\d+ ArticleLens:John_Kerry\tJohn Kerry$/m);

  assert.match(await hoverAt(client, uri, ARTICLE, 'tortoise trust'), /Organization/);
  assert.match(await hoverAt(client, uri, ARTICLE, 'officials'), /Person/);
  assert.match(await hoverAt(client, uri, ARTICLE, 'State Department'), /Place/);
  assert.match(await hoverAt(client, uri, ARTICLE, 'the meeting'), /Date/);
  assert.equal(await hoverAt(client, uri, ARTICLE, 'Paris'), '');
  assert.match(await hoverAt(client, uri, ARTICLE, 'degrade'), /Speaker: John Kerry/); // Fabius was merged into Kerry
  assert.match(await hoverAt(client, uri, ARTICLE, 'Fabius. Funding'), /John Kerry/);
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
  const groups = Object.fromEntries(symbols.map(s => [s.name, (s.children ?? []).map(c => c.name)]));
  assert.ok(groups['Organizations']?.some(n => n.startsWith('tortoise trust')), JSON.stringify(groups));
  // Highlighting: the semantic tokens carry the corrected types.
  const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  const legend = ['person', 'organization', 'location', 'date', 'quote'];
  const lines = ARTICLE.split('\n');
  const decoded: string[] = [];
  for (let i = 0, line = 0, character = 0; i < tokens!.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type] = tokens!.data.slice(i, i + 4);
    line += deltaLine;
    character = deltaLine ? deltaStart : character + deltaStart;
    decoded.push(`${legend[type]} ${lines[line].slice(character, character + length)}`);
  }
  for (const expected of ['organization tortoise trust', 'person officials', 'location State Department', 'date the meeting']) assert.ok(decoded.includes(expected), `${expected} in ${decoded.join(' | ')}`);
  assert.ok(!decoded.includes('location Paris'));
  assert.ok(!groups['Places']?.some(n => n.startsWith('Paris')), JSON.stringify(groups));

  // "Remove correction" restores the recognizer's answer, and removes the line.
  await runAction(client, uri, cursor('Paris'), /^Remove correction/);
  assert.match(await hoverAt(client, uri, ARTICLE, 'Paris'), /Place/);
  assert.doesNotMatch(fs.readFileSync(sidecar, 'utf8'), /Rejected/);
});

test('with the Article Lens client, "…" actions open its pickers; annotationTargets feeds them', { timeout: 20000 }, async () => {
  const picky = await startServer({ initializationOptions: { annotationPickers: true } });
  try {
    const { uri } = await openArticle(picky, 'targets.txt');
    const at = positionOf(ARTICLE, 'Kerry said', 2);
    const onMention = await actionsAt(picky, uri, { start: at, end: at });
    const merge = onMention.find(a => a.title === 'Merge "John Kerry" with…');
    assert.equal(merge?.command?.command, 'articleLens.mergeWith');
    assert.ok(!onMention.some(a => /^Merge "John Kerry" with \w/.test(a.title)), 'no one-per-choice actions');
    const inQuote = positionOf(ARTICLE, 'degrade');
    const onQuote = await actionsAt(picky, uri, { start: inQuote, end: inQuote });
    assert.equal(onQuote.find(a => a.title === 'Set speaker of this quote…')?.command?.command, 'articleLens.setQuoteSpeaker');
    // What the client's pickers show.
    const targets = (await picky.connection.sendRequest(ExecuteCommandRequest.type, { command: 'articleLens.annotationTargets', arguments: [{ uri, range: { start: at, end: at } }] })) as { mention?: { canonical: string }; quote?: unknown; people: string[]; sameType: string[] };
    assert.equal(targets.mention?.canonical, 'John Kerry');
    assert.ok(targets.people.includes('Laurent Fabius'));
    assert.ok(targets.sameType.includes('Laurent Fabius') && !targets.sameType.includes('John Kerry'));
  } finally {
    await picky.stop();
  }
});

test('corrections survive a restart of the server', { timeout: 30000 }, async () => {
  const first = await startServer();
  const { uri, file } = await openArticle(first, 'restart.txt');
  await apply(first, { uri, range: rangeOf(ARTICLE, 'tortoise trust'), action: 'mark', label: 'ORGANIZATION' });
  await apply(first, { uri, range: rangeOf(ARTICLE, 'Paris'), action: 'reject' });
  await apply(first, { uri, range: rangeOf(ARTICLE, 'officials'), action: 'mark', label: 'PERSON' });
  await first.stop();
  const second = await startServer();
  try {
    await openArticle(second, 'restart.txt', fs.readFileSync(file, 'utf8'), false);
    assert.match(await hoverAt(second, uri, ARTICLE, 'tortoise trust'), /Organization/);
    assert.equal(await hoverAt(second, uri, ARTICLE, 'Paris'), '');
    assert.match(await hoverAt(second, uri, ARTICLE, 'officials'), /Person/);
  } finally {
    await second.stop();
  }
});

test('renaming an article in the editor takes its corrections along', { timeout: 20000 }, async () => {
  const { uri, file, sidecar } = await openArticle(client, 'before-rename.txt');
  await apply(client, { uri, range: rangeOf(ARTICLE, 'tortoise trust'), action: 'mark', label: 'ORGANIZATION' });
  const renamed = path.join(dir, 'after-rename.txt');
  const newUri = pathToFileURL(renamed).toString();
  fs.renameSync(file, renamed);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  const moved = client.next<AnnotationsChangedParams>('articleLens/annotationsChanged', p => p.uri === newUri && p.corrections === 1);
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: newUri, languageId: 'article', version: 1, text: ARTICLE } });
  await client.connection.sendNotification('workspace/didRenameFiles', { files: [{ oldUri: uri, newUri }] });
  await moved;
  assert.ok(!fs.existsSync(sidecar) && fs.existsSync(path.join(dir, 'after-rename.ann')));
  assert.match(await hoverAt(client, newUri, ARTICLE, 'tortoise trust'), /Organization/);
});

test('corrections survive edits before and after them; a vanished one is reported and kept', { timeout: 30000 }, async () => {
  const { uri, sidecar } = await openArticle(client, 'edits.txt');
  await apply(client, { uri, range: rangeOf(ARTICLE, 'tortoise trust'), action: 'mark', label: 'ORGANIZATION' });
  await apply(client, { uri, range: rangeOf(ARTICLE, 'officials'), action: 'mark', label: 'PERSON' });
  let text = ARTICLE;
  let version = 1;
  const edit = async (from: number, to: number, insert: string) => {
    const range = { start: positionOf(text, text.slice(0, 0), 0), end: positionOf(text, text.slice(0, 0), 0) };
    const toPos = (offset: number) => {
      const before = text.slice(0, offset);
      return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
    };
    range.start = toPos(from);
    range.end = toPos(to);
    text = text.slice(0, from) + insert + text.slice(to);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: insert }] });
  };
  // Before both corrections, then between them, then after both.
  await edit(0, 0, 'UPDATED: a correction to this story.\n\n');
  await edit(text.indexOf('met French'), text.indexOf('met French'), 'briefly ');
  await edit(text.length, text.length, '\n\nMore about tortoise trust officials later.');
  assert.match(await hoverAt(client, uri, text, 'tortoise trust'), /Organization/);
  assert.match(await hoverAt(client, uri, text, 'officials'), /Person/);
  assert.doesNotMatch(await hoverAt(client, uri, text, 'officials', 1), /Person/, 'the same word elsewhere is not corrected');
  // Saving writes the moved offsets.
  fs.writeFileSync(path.join(dir, 'edits.txt'), text);
  await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  await hoverAt(client, uri, text, 'officials'); // a request after the notification: the save was handled
  const onDisk = correctionsFromBrat(text, fs.readFileSync(sidecar, 'utf8')).corrections;
  assert.deepEqual(onDisk.map(c => text.slice(c.start, c.end)), ['tortoise trust', 'officials']);
  // Delete the corrected word: a warning diagnostic, and the line stays in the file, flagged.
  const reported = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', p => p.uri === uri && p.diagnostics.some(d => d.code === 'correction-orphaned'));
  await edit(text.indexOf('officials'), text.indexOf('officials') + 'officials'.length, 'aides');
  const diagnostics = (await reported).diagnostics.filter(d => d.code === 'correction-orphaned');
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0].message, /officials/);
  await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  await hoverAt(client, uri, text, 'aides');
  const ann = fs.readFileSync(sidecar, 'utf8');
  assert.match(ann, /orphaned: "officials"/);
  assert.match(ann, /tortoise trust/);
  // Undo brings it back.
  await edit(text.indexOf('aides'), text.indexOf('aides') + 'aides'.length, 'officials');
  assert.match(await hoverAt(client, uri, text, 'officials'), /Person/);
});

test('"Mark all" corrects every occurrence; a lost correction can be forgotten from its diagnostic', { timeout: 30000 }, async () => {
  const text = `${ARTICLE}\n\nThe tortoise trust officials met again.`;
  const { uri, sidecar } = await openArticle(client, 'all.txt', text);
  await runAction(client, uri, rangeOf(text, 'tortoise trust'), /^Mark all 2 "tortoise trust" as Organization$/);
  assert.match(await hoverAt(client, uri, text, 'tortoise trust', 0), /Organization/);
  assert.match(await hoverAt(client, uri, text, 'tortoise trust', 1), /Organization/);
  await apply(client, { uri, range: rangeOf(text, 'officials'), action: 'mark', label: 'PERSON' });
  // Delete the corrected word: the diagnostic offers to forget the correction.
  const reported = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', p => p.uri === uri && p.diagnostics.some(d => d.code === 'correction-orphaned'));
  const at = text.indexOf('officials');
  const from = positionOf(text, 'officials');
  const to = positionOf(text, 'officials', 'officials'.length);
  const edited = text.slice(0, at) + text.slice(at + 'officials'.length);
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: from, end: to }, text: '' }] });
  const diagnostic = (await reported).diagnostics.find(d => d.code === 'correction-orphaned')!;
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
  const forget = actions.find(a => a.title === 'Forget the lost correction "officials"');
  assert.ok(forget?.command, actions.map(a => a.title).join(' | '));
  const cleared = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', p => p.uri === uri && !p.diagnostics.some(d => d.code === 'correction-orphaned'));
  await client.connection.sendRequest(ExecuteCommandRequest.type, { command: forget.command.command, arguments: forget.command.arguments });
  await cleared;
  const left = correctionsFromBrat(edited, fs.readFileSync(sidecar, 'utf8')).corrections;
  assert.deepEqual(left.map(c => c.text), ['tortoise trust', 'tortoise trust']);
});

test('two editors correcting the same article concurrently keep both corrections', { timeout: 30000 }, async () => {
  const other = await startServer();
  try {
    const a = await openArticle(client, 'shared.txt');
    await openArticle(other, 'shared.txt', ARTICLE, false);
    // Four corrections at once, two from each editor: the lock serializes the read-modify-write cycles.
    await Promise.all([
      apply(client, { uri: a.uri, range: rangeOf(ARTICLE, 'tortoise trust'), action: 'mark', label: 'ORGANIZATION' }),
      apply(other, { uri: a.uri, range: rangeOf(ARTICLE, 'officials'), action: 'mark', label: 'PERSON' }),
      apply(client, { uri: a.uri, range: rangeOf(ARTICLE, 'Paris'), action: 'reject' }),
      apply(other, { uri: a.uri, range: rangeOf(ARTICLE, 'the meeting'), action: 'mark', label: 'DATE' }),
    ]);
    const corrections = correctionsFromBrat(ARTICLE, fs.readFileSync(a.sidecar, 'utf8')).corrections;
    assert.deepEqual(corrections.map(c => c.text).sort(), ['Paris', 'officials', 'the meeting', 'tortoise trust']);
    assert.equal(new Set(corrections.map(c => c.id)).size, 4, 'ids are unique');
    // One more from the second editor: the first one's watcher reloads the file and says so.
    const changed = client.next<AnnotationsChangedParams>('articleLens/annotationsChanged', p => p.uri === a.uri && p.corrections === 5);
    await apply(other, { uri: a.uri, range: rangeOf(ARTICLE, 'Monday'), action: 'reject' });
    await changed;
    for (const c of [client, other]) {
      assert.match(await hoverAt(c, a.uri, ARTICLE, 'officials'), /Person/);
      assert.match(await hoverAt(c, a.uri, ARTICLE, 'tortoise trust'), /Organization/);
      assert.equal(await hoverAt(c, a.uri, ARTICLE, 'Monday'), '');
    }
  } finally {
    await other.stop();
  }
});

test('watch-list and stop-list from settings and from .article-lens/watchlist.json', { timeout: 30000 }, async () => {
  const text = 'Le Drian met Reuters staff in Paris. Jean-Yves Le Drian said the tortoise trust would help.';
  const bare = await startServer();
  try {
    const { uri } = await openArticle(bare, 'lists.txt', text);
    await bare.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { articleLens: { people: [{ name: 'Jean-Yves Le Drian', aliases: ['Le Drian'] }, { name: 'tortoise trust', type: 'ORGANIZATION' }], stopList: ['Paris'] } } });
    assert.match(await hoverAt(bare, uri, text, 'Le Drian met'), /Person.*Jean-Yves Le Drian/s);
    assert.match(await hoverAt(bare, uri, text, 'tortoise trust'), /Organization/);
    assert.equal(await hoverAt(bare, uri, text, 'Paris'), '');
  } finally {
    await bare.stop();
  }
  // The workspace file: a server started on the folder reads it.
  fs.mkdirSync(path.join(dir, '.article-lens'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.article-lens', 'watchlist.json'), JSON.stringify({ people: [{ name: 'tortoise trust', type: 'ORGANIZATION' }], stopList: ['Paris'] }));
  const rooted = await startServer({ rootUri: pathToFileURL(dir).toString() });
  try {
    const { uri } = await openArticle(rooted, 'lists2.txt', text);
    assert.match(await hoverAt(rooted, uri, text, 'tortoise trust'), /Organization/);
    assert.equal(await hoverAt(rooted, uri, text, 'Paris'), '');
    // Editing the file while the server runs: the lists are read again and the article refreshed.
    // (Diagnostics are republished on each refresh; earlier ones may still be in flight, so check after each.)
    fs.writeFileSync(path.join(dir, '.article-lens', 'watchlist.json'), JSON.stringify({ people: [], stopList: ['Paris', 'tortoise trust'] }));
    let hover = await hoverAt(rooted, uri, text, 'tortoise trust');
    for (let i = 0; i < 5 && hover !== ''; i++) {
      await rooted.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', p => p.uri === uri);
      hover = await hoverAt(rooted, uri, text, 'tortoise trust');
    }
    assert.equal(hover, '');
  } finally {
    await rooted.stop();
    fs.rmSync(path.join(dir, '.article-lens'), { recursive: true, force: true });
  }
});

test('export in every format; brat and JSONL read back equal the JSON', { timeout: 30000 }, async () => {
  const { uri } = await openArticle(client, 'export.txt');
  await apply(client, { uri, range: rangeOf(ARTICLE, 'tortoise trust'), action: 'mark', label: 'ORGANIZATION' });
  const request = (format: string) => client.connection.sendRequest('articleLens/exportAnnotations', { uri, format }) as Promise<ExportAnnotationsResult>;
  const json = JSON.parse((await request('json')).content) as AnnotationJson;
  assert.ok(json.mentions.some(m => m.text === 'tortoise trust' && m.type === 'ORGANIZATION'));
  // brat → the same mentions (with canonical names), dates and quotes (with speakers).
  const brat = await request('brat');
  assert.equal(brat.fileName, 'export.ann');
  const doc = parseBrat(ARTICLE, brat.content);
  const fromBrat = {
    mentions: doc.spans.filter(s => ['PERSON', 'ORGANIZATION', 'LOCATION'].includes(s.type)).map(s => ({ start: s.start, end: s.end, text: ARTICLE.slice(s.start, s.end), type: s.type, canonical: s.canonical })),
    dates: doc.spans.filter(s => s.type === 'DATE').map(s => ({ start: s.start, end: s.end, text: ARTICLE.slice(s.start, s.end), value: s.notes.find(n => n.startsWith('value: '))?.slice(7) ?? null })),
    quotes: doc.spans.filter(s => s.type === 'QUOTE').map(s => ({ start: s.start, end: s.end, text: ARTICLE.slice(s.start, s.end), speakers: s.notes.find(n => n.startsWith('speakers:'))!.slice(9).split(';').map(x => x.trim()).filter(Boolean) })),
  };
  assert.deepEqual(fromBrat, { mentions: json.mentions, dates: json.dates, quotes: json.quotes });
  // JSONL: spaCy's entities and doccano's label hold the same spans as the JSON.
  const jsonl = parseJsonl((await request('jsonl')).content);
  assert.equal(jsonl.length, 1);
  assert.equal(jsonl[0].text, ARTICLE);
  assert.deepEqual(jsonl[0].label, jsonl[0].entities);
  const expected = [...json.mentions.map(m => [m.start, m.end, m.type]), ...json.dates.filter(d => !json.mentions.some(m => m.start < d.end && d.start < m.end)).map(d => [d.start, d.end, 'DATE'])].sort((x, y) => (x[0] as number) - (y[0] as number));
  assert.deepEqual(jsonl[0].entities, expected);
  // CoNLL: tokens in order, IOB2 tags whose B-… spans are the JSON's mentions.
  const conll = await request('conll');
  assert.equal(conll.fileName, 'export.conll');
  const sentences = parseConll(conll.content);
  const words = sentences.flat();
  assert.ok(words.length > 30);
  const tagged = words.filter(w => w.tag !== 'O');
  assert.ok(tagged.every(w => /^[BI]-(PER|ORG|LOC|DATE)$/.test(w.tag)));
  const orgs = words.map((w, i) => (w.tag === 'B-ORG' ? [w.word, ...words.slice(i + 1).filter((_, k, rest) => rest.slice(0, k + 1).every(x => x.tag === 'I-ORG')).map(x => x.word)].join(' ') : '')).filter(Boolean);
  assert.ok(orgs.includes('tortoise trust'), orgs.join(' | '));
  assert.equal(words.filter(w => w.tag.startsWith('B-')).length, expected.length);
});

test('bad command arguments are answered with errors, not crashes', { timeout: 15000 }, async () => {
  const { uri } = await openArticle(client, 'bad.txt');
  await assert.rejects(client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'articleLens.applyCorrection', arguments: [{ uri: 'file:///nope.txt', range: rangeOf(ARTICLE, 'Paris'), action: 'reject' }] }));
  await assert.rejects(client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'articleLens.applyCorrection', arguments: [{ uri, action: 'mark', label: 'PERSON' }] }));
  await assert.rejects(client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'articleLens.applyCorrection', arguments: [{ uri, range: rangeOf(ARTICLE, 'Paris'), action: 'mark', label: 'MISC' }] }));
  await assert.rejects(client.connection.sendRequest('articleLens/exportAnnotations', { uri, format: 'xml' }));
  assert.match(await hoverAt(client, uri, ARTICLE, 'Paris'), /Place/);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
});
