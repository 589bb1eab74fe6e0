// Annotating in the real editor: the server's code actions reach VS Code's Quick Fix for a
// recognized name (mark as another type, not an entity, merge with…).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openArticle, positionOf, waitFor } from './helpers';

suite('annotate', () => {
  test('Quick Fix on a person offers the corrections', async () => {
    const editor = await openArticle('sample.article');
    const at = positionOf(editor.document, 'Merkel', 0, 2);
    const titles = await waitFor('code actions on a person', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(at, at));
      const found = (actions ?? []).map(a => a.title);
      return found.some(t => /Not an entity/.test(t)) ? found : undefined;
    });
    assert.ok(titles.some(t => /^Mark ".*Merkel" as Organization$/.test(t)), titles.join(' | '));
    assert.ok(titles.some(t => /^Not an entity: ".*Merkel"$/.test(t)), titles.join(' | '));
    assert.ok(titles.some(t => /^Merge ".*Merkel" with…$/.test(t)), titles.join(' | '));
  });
});
