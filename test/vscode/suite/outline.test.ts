// The outline (`vscode.executeDocumentSymbolProvider`): one top-level group per kind of
// finding, each with its entities, dates or quotes as children.
import * as assert from 'assert';
import { documentSymbols, openArticle } from './helpers';

const GROUPS = ['People', 'Organizations', 'Places', 'Dates', 'Quotations'];

suite('outline', () => {
  test('groups People, Organizations, Places, Dates, Quotations, each with children', async () => {
    const { document } = await openArticle();
    const symbols = await documentSymbols(document);
    const names = symbols.map(s => s.name);
    for (const group of GROUPS) {
      const s = symbols.find(x => x.name === group);
      assert.ok(s, `no "${group}" group in the outline: ${names.join(', ')}`);
      assert.ok(s.children.length > 0, `"${group}" has no children`);
    }
  });

  test('People lists the people of the article', async () => {
    const { document } = await openArticle();
    const people = (await documentSymbols(document)).find(s => s.name === 'People');
    const names = people?.children.map(c => c.name) ?? [];
    assert.ok(names.some(n => /Hagel/.test(n)), `People: ${names.join(', ')}`);
    assert.ok(names.some(n => /Kerry/.test(n)), `People: ${names.join(', ')}`);
  });
});
