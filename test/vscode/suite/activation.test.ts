// The extension activates on our language: `*.txt` under a folder named `articles` and
// `*.article` files get language id `article`, and opening one activates the extension.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { articleUri, EXTENSION_ID, openArticle, waitFor } from './helpers';

suite('activation', () => {
  test('a .txt under articles/ is an article and activates the extension', async () => {
    const editor = await openArticle();
    assert.strictEqual(editor.document.languageId, 'article');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  test('a .article file is an article', async () => {
    const doc = await vscode.workspace.openTextDocument(await articleUri('sample.article'));
    await waitFor('language id article', () => doc.languageId === 'article', 5000);
  });
});
