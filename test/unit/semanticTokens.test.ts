/**
 * Semantic token encoding: the forward line walk must give exactly what per-token position lookups
 * give, whatever the line ends, and a delta applied to the tokens sent before must give the new ones.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { encodeTokens, SemanticTokensCache } from '../../server/src/features/semanticTokens';
import { TOKEN_TYPES, type TokenType } from '../../server/src/protocol';
import { prng } from '../protocol/hostileTexts';

/** The straightforward encoding: each token's position looked up in the document. */
function referenceEncoding(text: string, pieces: { start: number; end: number; type: TokenType }[]): number[] {
  const document = TextDocument.create('file:///t', 'article', 1, text);
  const data: number[] = [];
  let previous = { line: 0, character: 0 };
  for (const piece of pieces) {
    let start = piece.start;
    while (start < piece.end) {
      let end = start;
      while (end < piece.end && text[end] !== '\n' && text[end] !== '\r') end++;
      if (end > start) {
        const position = document.positionAt(start);
        data.push(position.line - previous.line, position.line === previous.line ? position.character - previous.character : position.character, end - start, TOKEN_TYPES.indexOf(piece.type), 0);
        previous = position;
      }
      start = end + 1;
    }
  }
  return data;
}

test('encoded tokens match position lookups with \\n, \\r\\n and \\r line ends', () => {
  const random = prng(42);
  const alphabet = ['a', 'b', ' ', 'é', '\n', '\r\n', '\r', '\n\n', '“', '😀'];
  for (let round = 0; round < 200; round++) {
    let text = '';
    while (text.length < 300) text += alphabet[Math.floor(random() * alphabet.length)];
    const pieces: { start: number; end: number; type: TokenType }[] = [];
    for (let at = Math.floor(random() * 10); at < text.length; at += 1 + Math.floor(random() * 20)) {
      const end = Math.min(text.length, at + 1 + Math.floor(random() * 15));
      pieces.push({ start: at, end, type: TOKEN_TYPES[Math.floor(random() * TOKEN_TYPES.length)] });
      at = end;
    }
    assert.deepEqual(encodeTokens(text, pieces), referenceEncoding(text, pieces), `round ${round}`);
  }
});

test('a delta applied to the tokens sent before gives the new tokens', () => {
  const random = prng(7);
  const cache = new SemanticTokensCache();
  let sent = cache.full('u', Int32Array.from([0, 1, 2, 0, 0, 1, 0, 3, 1, 0]));
  let data = sent.data;
  for (let round = 0; round < 100; round++) {
    const next = [...data];
    const at = Math.floor(random() * (next.length + 1));
    next.splice(at, Math.floor(random() * 6), ...Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * 9)));
    const answer = cache.delta('u', sent.resultId!, Int32Array.from(next));
    assert.ok('edits' in answer, 'a delta, not full tokens');
    const rebuilt = [...data];
    for (const edit of answer.edits) rebuilt.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
    assert.deepEqual(rebuilt, next);
    sent = { resultId: answer.resultId, data: next };
    data = next;
  }
  // An unknown previous result gets the full tokens.
  assert.ok('data' in cache.delta('u', 'stale', Int32Array.from([1, 2, 3, 4, 5])));
});
