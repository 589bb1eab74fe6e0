// Semantic tokens with our legend: the legend declares the five token types, and the tokens
// decoded from the delta encoding put a `person` on a person's name and a `date` on a date.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openArticle, positionOf, waitFor } from './helpers';

interface Token { line: number; start: number; length: number; type: string }

/** Decodes LSP/VS Code relative token data (5 integers per token) into absolute tokens. */
function decode(data: Uint32Array, legend: vscode.SemanticTokensLegend): Token[] {
  const tokens: Token[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
    tokens.push({ line, start, length: data[i + 2], type: legend.tokenTypes[data[i + 3]] });
  }
  return tokens;
}

function tokenAt(tokens: Token[], pos: vscode.Position): Token | undefined {
  return tokens.find(t => t.line === pos.line && t.start <= pos.character && pos.character < t.start + t.length);
}

suite('semantic tokens', () => {
  test('legend declares person, organization, location, date, quote', async () => {
    const { document } = await openArticle();
    const legend = await waitFor('a semantic tokens legend', async () =>
      vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri));
    for (const t of ['person', 'organization', 'location', 'date', 'quote']) {
      assert.ok(legend.tokenTypes.includes(t), `legend lacks ${t}: ${legend.tokenTypes.join(', ')}`);
    }
  });

  test('a person and a date carry their token types', async () => {
    const { document } = await openArticle();
    const legend = await waitFor('a semantic tokens legend', async () =>
      vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri));
    const tokens = await waitFor('semantic tokens', async () => {
      const r = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
      return r && r.data.length ? decode(r.data, legend) : undefined;
    });
    const types = new Set(tokens.map(t => t.type));
    for (const t of ['person', 'date', 'quote']) assert.ok(types.has(t), `no ${t} token; types seen: ${[...types].join(', ')}`);
    assert.strictEqual(tokenAt(tokens, positionOf(document, 'Chuck Hagel', 0, 7))?.type, 'person', 'token on "Chuck Hagel"');
    assert.strictEqual(tokenAt(tokens, positionOf(document, 'September 5, 2014', 0, 3))?.type, 'date', 'token on "September 5, 2014"');
  });
});
