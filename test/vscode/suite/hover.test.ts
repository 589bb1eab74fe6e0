// Hovers through `vscode.executeHoverProvider`, as VS Code shows them: a person's card names
// the type and the canonical name, a date gives its ISO value, a quote names its speaker.
import * as assert from 'assert';
import { hoverText, openArticle, positionOf } from './helpers';

suite('hover', () => {
  test('on a person: type and canonical name', async () => {
    const { document } = await openArticle();
    const text = await hoverText(document, positionOf(document, 'Chuck Hagel', 0, 7), 'Chuck Hagel');
    assert.match(text, /Person/, text);
    assert.match(text, /Chuck Hagel/, text);
  });

  test('on a date: the ISO value', async () => {
    const { document } = await openArticle();
    const text = await hoverText(document, positionOf(document, 'September 5, 2014', 0, 3), 'September 5, 2014');
    assert.match(text, /2014-09-05/, text);
  });

  test('on a quote: its speaker', async () => {
    const { document } = await openArticle();
    const text = await hoverText(document, positionOf(document, 'the ministers agreed here today', 0, 6), 'a quote');
    assert.match(text, /Speaker: .*(Kerry|Hagel)/, text);
  });
});
