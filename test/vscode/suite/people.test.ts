// The People view's data through the extension API: the server indexes the workspace (the dev
// articles) in the background, and the view lists each person with article and quote counts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openArticle, waitFor } from './helpers';

interface PeopleApi {
  people(): Promise<{ indexing: boolean; total: number; people: Array<{ canonical: string; articleCount: number; quoteCount: number }> }>;
}

suite('people', () => {
  test('the workspace index lists people with article and quote counts', async () => {
    await openArticle();
    const api = vscode.extensions.getExtension<PeopleApi>(EXTENSION_ID)?.exports;
    assert.ok(api && typeof api.people === 'function', 'activate() returns no people API');
    const result = await waitFor('the workspace index', async () => {
      const r = await api.people();
      return !r.indexing && r.people.length ? r : undefined;
    }, 60000);
    const hagel = result.people.find(p => /Hagel/.test(p.canonical));
    assert.ok(hagel, `people: ${result.people.slice(0, 20).map(p => p.canonical).join(', ')}`);
    assert.ok(hagel.quoteCount >= 1, `Hagel has ${hagel.quoteCount} quotes`);
    assert.ok(result.people.some(p => p.articleCount >= 2), 'someone appears in two dev articles');
  });

  test('the People view is registered', async () => {
    await openArticle();
    await vscode.commands.executeCommand('articleLens.people.focus');
  });
});
