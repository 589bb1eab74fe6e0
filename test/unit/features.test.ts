/**
 * Feature mappers on hand-built analyses: outline ordering and caps, semantic-token pieces,
 * diagnostics caps. No server needed: these are pure functions of an `Analysis`.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { firstDay, MAX_SYMBOLS_PER_GROUP, provideDocumentSymbols } from '../../server/src/features/documentSymbols';
import { MAX_DIAGNOSTICS, provideDiagnostics } from '../../server/src/features/diagnostics';
import { tokenPieces } from '../../server/src/features/semanticTokens';
import { emptyAnalysis } from '../../server/src/analysis/analyze';
import type { Analysis } from '../../server/src/analysis/types';

test('dates sort by their first day whatever the precision', () => {
  assert.equal(firstDay('2014'), '2014-01-01');
  assert.equal(firstDay('2014-09'), '2014-09-01');
  assert.equal(firstDay('2014-W36'), '2014-09-01');
  assert.equal(firstDay('2015-W01'), '2014-12-29');
  assert.equal(firstDay('2013-WI'), '2013-12-21');
  assert.equal(firstDay(null), '\uffff');
  const text = 'in 2014 then 2014-W36 then 2014-08-30';
  const analysis: Analysis = {
    ...emptyAnalysis(),
    dates: [
      { start: 3, end: 7, text: '2014', value: '2014', relative: false },
      { start: 13, end: 21, text: '2014-W36', value: '2014-W36', relative: false },
      { start: 27, end: 37, text: '2014-08-30', value: '2014-08-30', relative: false },
    ],
  };
  const symbols = provideDocumentSymbols(TextDocument.create('file:///a', 'article', 1, text), analysis);
  assert.deepEqual(symbols[0].children!.map(c => c.detail), ['2014', '2014-08-30', '2014-W36']);
});

test('semantic token pieces: entities and dates cut the quote around them, nested quotes emitted once', () => {
  const analysis: Analysis = {
    ...emptyAnalysis(),
    mentions: [{ start: 5, end: 10, text: 'Kerry', type: 'PERSON', entityId: 'PERSON:kerry', canonical: 'Kerry' }],
    dates: [{ start: 14, end: 20, text: 'Monday', value: null, relative: true }],
    quotes: [
      { start: 0, end: 30, text: '', speakerIds: [], speakers: [], unbalanced: false },
      { start: 22, end: 28, text: '', speakerIds: [], speakers: [], unbalanced: false },
    ],
  };
  assert.deepEqual(tokenPieces(analysis).map(p => `${p.type} ${p.start}-${p.end}`), ['quote 0-5', 'person 5-10', 'quote 10-14', 'date 14-20', 'quote 20-30']);
});

test('huge outputs are capped with a note: outline groups and diagnostics', () => {
  const text = 'x'.repeat(3000);
  const analysis: Analysis = {
    ...emptyAnalysis(),
    quotes: Array.from({ length: 1500 }, (_, i) => ({ start: 2 * i, end: 2 * i + 1, text: 'x', speakerIds: [], speakers: [], unbalanced: true })),
    problems: Array.from({ length: 1500 }, (_, i) => ({ start: 2 * i, end: 2 * i + 1, code: 'unbalanced-quote' as const, severity: 'information' as const, message: 'm' })),
  };
  const document = TextDocument.create('file:///a', 'article', 1, text);
  const quotations = provideDocumentSymbols(document, analysis)[0];
  assert.equal(quotations.children!.length, MAX_SYMBOLS_PER_GROUP + 1);
  assert.equal(quotations.children!.at(-1)!.name, '… 500 more');
  const diagnostics = provideDiagnostics(document, analysis, true);
  assert.equal(diagnostics.length, MAX_DIAGNOSTICS + 1);
  assert.match(diagnostics.at(-1)!.message, /first 1000 of 1500/);
  assert.equal(provideDiagnostics(document, analysis, false).length, 0);
});
