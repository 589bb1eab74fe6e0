// The Quotations view's data, through the API object `activate()` returns (the same data the
// tree shows): the article's quotes grouped by speaker, each with a range that covers the quote
// in the document. Also the view is registered, and "copy quote with attribution" copies.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openArticle, positionOf, waitFor } from './helpers';

interface QuotationsApi {
  quotations(uri: vscode.Uri): Promise<Array<{ speaker: string; quotes: Array<{ text: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> }>>;
}

const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

suite('quotations', () => {
  test('the API lists the quotes grouped by speaker, with ranges on the quotes', async () => {
    const { document } = await openArticle();
    const api = vscode.extensions.getExtension<QuotationsApi>(EXTENSION_ID)?.exports;
    assert.ok(api && typeof api.quotations === 'function', 'activate() returns no quotations API');
    const groups = await waitFor('quotations', async () => {
      const g = await api.quotations(document.uri);
      return g && g.length ? g : undefined;
    });
    const all = groups.flatMap(g => g.quotes);
    assert.ok(all.length >= 5, `only ${all.length} quote(s)`);
    assert.ok(groups.some(g => /Kerry|Hagel/.test(g.speaker)), `speakers: ${groups.map(g => g.speaker).join(', ')}`);
    for (const q of all) {
      const inDoc = document.getText(toRange(q.range));
      assert.ok(inDoc.includes(q.text.slice(1, 20)), `quote range holds "${inDoc.slice(0, 40)}", not "${q.text.slice(0, 40)}"`);
    }
  });

  test('the Quotations view is registered', async () => {
    await openArticle();
    // every contributed view gets a `<id>.focus` command; it fails for an unknown view
    await vscode.commands.executeCommand('articleLens.quotations.focus');
  });

  test('copy quote with attribution puts the quote on the clipboard', async () => {
    const editor = await openArticle();
    const pos = positionOf(editor.document, 'the ministers agreed here today', 0, 6);
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('articleLens.copyQuoteWithAttribution');
    const copied = await waitFor('the clipboard to change', async () => (await vscode.env.clipboard.readText()) || undefined, 10000);
    assert.match(copied, /the ministers agreed here today/, copied);
  });
});
