/**
 * The server's document copy: after any sequence of incremental edits, inserting and removing CRs
 * and LFs, its text and line index must be those of a document created from the final text. The
 * copy remembers which texts hold no CR to skip searching them; this checks that memory follows
 * edits that add the first CR, remove the last one, or replace the whole text.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CrSafeTextDocument } from '../../server/src/textDocumentSync';
import { prng } from '../../scripts/prng';

function assertSameLines(actual: TextDocument, text: string, message: string): void {
  const expected = TextDocument.create('file:///e', 'article', 1, text);
  assert.equal(actual.getText(), text, message);
  assert.equal(actual.lineCount, expected.lineCount, message);
  for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(actual.positionAt(offset), expected.positionAt(offset), `${message}, offset ${offset}`);
}

test('incremental edits with and without CRs keep the line index of a fresh document', () => {
  const random = prng(11);
  const pieces = ['a', 'bc', ' ', '\n', '\r', '\r\n', 'x\r', '\ny'];
  for (let round = 0; round < 40; round++) {
    let text = random() < 0.5 ? 'one\ntwo\nthree' : 'one\r\ntwo';
    let document = CrSafeTextDocument.create('file:///t', 'article', 1, text);
    for (let step = 0; step < 30; step++) {
      if (random() < 0.05) {
        // A full replacement, with or without CRs.
        text = random() < 0.5 ? 'new\ntext' : 'new\rtext\r\n';
        document = CrSafeTextDocument.update(document, [{ text }], step + 2);
      } else {
        // Offsets a position can name (none between the CR and LF of a CRLF).
        const a = document.offsetAt(document.positionAt(Math.floor(random() * (text.length + 1))));
        const b = document.offsetAt(document.positionAt(Math.min(text.length, a + Math.floor(random() * 3))));
        // Removing CRs sometimes, so texts go from holding CRs to holding none and back.
        const inserted = random() < 0.4 ? '' : pieces[Math.floor(random() * pieces.length)];
        const range = { start: document.positionAt(a), end: document.positionAt(b) };
        text = text.slice(0, a) + inserted + text.slice(b);
        document = CrSafeTextDocument.update(document, [{ range, text: inserted }], step + 2);
      }
      assertSameLines(document, text, `round ${round} step ${step}`);
    }
  }
});
