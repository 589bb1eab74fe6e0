// Jumping between mentions of one entity: `vscode.executeReferenceProvider` returns every
// mention in the file, and the next/previous mention commands move the selection along them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openArticle, positionOf, waitFor } from './helpers';

async function mentionsOf(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Range[]> {
  const refs = await waitFor('references', async () => {
    const r = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, pos);
    return r && r.length ? r : undefined;
  });
  const here = refs.filter(l => l.uri.toString() === doc.uri.toString()).map(l => l.range);
  return here.sort((a, b) => a.start.compareTo(b.start));
}

/** Runs `command` and waits until the editor's selection has moved off `from`. */
async function moveWith(editor: vscode.TextEditor, command: string, from: vscode.Selection): Promise<vscode.Selection> {
  await vscode.commands.executeCommand(command);
  return waitFor(`${command} to move the selection`, () => (editor.selection.isEqual(from) ? undefined : editor.selection), 10000);
}

suite('mentions', () => {
  test('references on a person return all its mentions in the file', async () => {
    const { document } = await openArticle();
    const pos = positionOf(document, 'Chuck Hagel', 0, 7);
    const ranges = await mentionsOf(document, pos);
    assert.ok(ranges.length >= 2, `only ${ranges.length} mention(s) of Chuck Hagel`);
    assert.ok(ranges.some(r => r.contains(pos)), 'the mention under the cursor is among the references');
    for (const r of ranges) assert.match(document.getText(r), /Hagel/, `reference ${JSON.stringify(r)} is "${document.getText(r)}"`);
  });

  test('next and previous mention move the selection along the mentions', async () => {
    const editor = await openArticle();
    const doc = editor.document;
    const ranges = await mentionsOf(doc, positionOf(doc, 'Chuck Hagel', 0, 7));
    assert.ok(ranges.length >= 2, 'Chuck Hagel has two mentions');
    // start inside the first mention, so there is a next one whatever the count
    const pos = ranges[0].start.translate(0, 1);
    const start = new vscode.Selection(pos, pos);
    editor.selection = start;
    const next = await moveWith(editor, 'articleLens.nextMention', start);
    assert.ok(ranges[1].contains(next.active), `next mention: expected ${JSON.stringify(ranges[1])}, selection at ${JSON.stringify(next.active)}`);
    const back = await moveWith(editor, 'articleLens.previousMention', next);
    assert.ok(ranges[0].contains(back.active), `previous mention: expected ${JSON.stringify(ranges[0])}, selection at ${JSON.stringify(back.active)}`);
  });
});
