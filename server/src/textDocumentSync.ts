/**
 * How the server keeps its copy of each open document. `vscode-languageserver-textdocument`
 * updates line offsets incrementally, and gets them wrong when an edit makes a CR and an LF meet
 * across its boundary (inserting "x\r" before a "\n", deleting what separated a "\r" from a "\n"):
 * the copy then counts one line too many and every range after it is off by a line until the next
 * full sync. The protocol fuzz test found it. So after an incremental edit of a text that holds a
 * CR at all, the line index is rebuilt from the text; LF-only texts keep the cheap update.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/**
 * Documents whose text is known to hold no CR. An edit inserting none keeps it so, which saves
 * searching a large text for a CR at every keystroke. (`TextDocument.update` changes the document
 * in place, so membership is updated with each change.)
 */
const withoutCr = new WeakSet<TextDocument>();

function noteCr(document: TextDocument, hasCr: boolean): TextDocument {
  if (hasCr) withoutCr.delete(document);
  else withoutCr.add(document);
  return document;
}

/** A `TextDocuments` configuration: `TextDocument` with a CR-safe `update`. */
export const CrSafeTextDocument = {
  create(uri: string, languageId: string, version: number, content: string): TextDocument {
    return noteCr(TextDocument.create(uri, languageId, version, content), content.includes('\r'));
  },
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    let current = document;
    // One change at a time: a later change's positions are read against the earlier ones' result.
    for (const change of changes) {
      const stillWithoutCr = withoutCr.has(current) && !change.text.includes('\r');
      current = TextDocument.update(current, [change], version);
      if (!('range' in change)) noteCr(current, change.text.includes('\r'));
      else if (stillWithoutCr) noteCr(current, false);
      else if (current.getText().includes('\r')) current = noteCr(TextDocument.create(current.uri, current.languageId, version, current.getText()), true);
      else noteCr(current, false);
    }
    return current;
  },
};
