/**
 * "Next Mention" / "Previous Mention": jump between the mentions of the entity under the cursor.
 * The mentions come from the server's document highlights, so the client needs no recognition.
 */
import * as vscode from 'vscode';

async function jump(direction: 1 | -1): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'article') return;
  const position = editor.selection.active;
  const highlights = (await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', editor.document.uri, position)) ?? [];
  if (highlights.length === 0) {
    void vscode.window.setStatusBarMessage('Article Lens: no entity under the cursor', 3000);
    return;
  }
  const ranges = highlights.map(h => h.range).sort((a, b) => a.start.compareTo(b.start));
  const current = ranges.findIndex(r => r.contains(position));
  const next = (current + direction + ranges.length) % ranges.length;
  const target = ranges[current < 0 ? (direction === 1 ? 0 : ranges.length - 1) : next];
  editor.selection = new vscode.Selection(target.start, target.end);
  editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  void vscode.window.setStatusBarMessage(`Mention ${ranges.indexOf(target) + 1} of ${ranges.length}`, 3000);
}

export function registerMentionNavigation(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('articleLens.nextMention', () => jump(1)),
    vscode.commands.registerCommand('articleLens.previousMention', () => jump(-1)),
  );
}
