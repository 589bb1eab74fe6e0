/**
 * "Copy Quote with Attribution": puts the quote under the cursor on the clipboard as a citation
 * a journalist can paste: the quote, its speaker, the article and its date.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { QuotationsRequest, type QuotationsResult } from '../../server/src/protocol';

export function registerCopyQuote(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand('articleLens.copyQuoteWithAttribution', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'article') {
      void vscode.window.showInformationMessage('Article Lens: open an article and put the cursor in a quotation.');
      return undefined;
    }
    const result = await client.sendRequest<QuotationsResult>(QuotationsRequest, { uri: editor.document.uri.toString() });
    const position = editor.selection.active;
    for (const group of result.groups) {
      for (const quote of group.quotes) {
        if (!client.protocol2CodeConverter.asRange(quote.range).contains(position)) continue;
        const source = [path.basename(editor.document.uri.fsPath), result.date].filter(Boolean).join(', ');
        const citation = `${quote.text.replace(/\s+/g, ' ')} — ${group.speaker || 'unattributed'} (${source})`;
        await vscode.env.clipboard.writeText(citation);
        void vscode.window.setStatusBarMessage('Article Lens: quote copied with attribution', 3000);
        return citation;
      }
    }
    void vscode.window.showInformationMessage('Article Lens: the cursor is not inside a quotation.');
    return undefined;
  });
}
