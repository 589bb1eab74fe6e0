/**
 * How the server keeps its copy of each open document. `vscode-languageserver-textdocument`
 * updates line offsets incrementally, and gets them wrong when an edit makes a CR and an LF meet
 * across its boundary (inserting "x\r" before a "\n", deleting what separated a "\r" from a "\n"):
 * the copy then counts one line too many and every range after it is off by a line until the next
 * full sync. The protocol fuzz test found it. So after an incremental edit of a text that holds a
 * CR at all, the line index is rebuilt from the text; LF-only texts keep the cheap update.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** A `TextDocuments` configuration: `TextDocument` with a CR-safe `update`. */
export const CrSafeTextDocument = {
  create: TextDocument.create,
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    let current = document;
    // One change at a time: a later change's positions are read against the earlier ones' result.
    for (const change of changes) {
      current = TextDocument.update(current, [change], version);
      if ('range' in change && current.getText().includes('\r')) current = TextDocument.create(current.uri, current.languageId, version, current.getText());
    }
    return current;
  },
};
