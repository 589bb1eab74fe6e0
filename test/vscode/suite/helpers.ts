// Helpers shared by the integration tests: open a dev article from the test workspace,
// find positions by searching the text (so the tests name what they point at, never a
// hard-coded line/column), and poll the VS Code API until the language server has answered.
// The server starts lazily, so the first requests may return nothing; every wait is bounded.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'article-lens.article-lens';
/** The dev article the suite reads (a copy in the workspace folder `articles/`). */
export const ARTICLE = '000_ff0c1e383a01bb23.txt';

/** Resolves `check()` once it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | null | false | PromiseLike<T | undefined | null | false>, timeoutMs = 30000, intervalMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

/** The workspace file `name` (the workspace folder is the `articles` folder itself or holds it). */
export async function articleUri(name = ARTICLE): Promise<vscode.Uri> {
  const found = await vscode.workspace.findFiles(`**/${name}`, undefined, 1);
  assert.ok(found.length === 1, `${name} is not in the test workspace (${vscode.workspace.workspaceFolders?.map(f => f.uri.fsPath).join(', ') ?? 'no folder open'})`);
  return found[0];
}

/** Opens `name` in an editor and waits until the extension is active. */
export async function openArticle(name = ARTICLE): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(await articleUri(name));
  const editor = await vscode.window.showTextDocument(doc);
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  await waitFor(`${EXTENSION_ID} to activate`, () => ext.isActive, 30000);
  return editor;
}

/** Position `offsetInMatch` UTF-16 units into the `nth` (0-based) occurrence of `text`. */
export function positionOf(doc: vscode.TextDocument, text: string, nth = 0, offsetInMatch = 1): vscode.Position {
  const all = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = all.indexOf(text, at + 1);
    assert.ok(at >= 0, `"${text}" occurs fewer than ${nth + 1} times in ${doc.fileName}`);
  }
  return doc.positionAt(at + offsetInMatch);
}

/** Hover markdown at `pos`, asked again until the server gives a non-empty one. */
export async function hoverText(doc: vscode.TextDocument, pos: vscode.Position, what: string): Promise<string> {
  return waitFor(`a hover on ${what}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    const text = (hovers ?? []).flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n').trim();
    return text || undefined;
  });
}

/** Document symbols, asked again until the server returns a non-empty outline. */
export async function documentSymbols(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
  return waitFor('document symbols', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    return symbols && symbols.length ? symbols : undefined;
  });
}
