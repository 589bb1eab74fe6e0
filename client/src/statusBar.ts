/**
 * The status bar item: model loading, "not analysed" reasons for oversized or binary files, and
 * a click that opens the output channel. Shown only while an article is in the active editor.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../server/src/protocol';

export class StatusBar implements vscode.Disposable {
  #item = vscode.window.createStatusBarItem('articleLens.status', vscode.StatusBarAlignment.Right, 100);
  #general: StatusParams = { text: 'Article Lens', severity: 'info' };
  #perDocument = new Map<string, StatusParams>();
  #disposables: vscode.Disposable[] = [];

  constructor(client: LanguageClient) {
    this.#item.name = 'Article Lens';
    this.#item.command = 'articleLens.showOutput';
    this.#disposables.push(
      this.#item,
      client.onNotification(StatusNotification, (params: StatusParams) => {
        if (params.uri) this.#perDocument.set(params.uri, params);
        else this.#general = params;
        this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument(document => this.#perDocument.delete(document.uri.toString())),
      vscode.commands.registerCommand('articleLens.showOutput', () => client.outputChannel.show(true)),
    );
    this.update();
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'article') {
      this.#item.hide();
      return;
    }
    const status = this.#perDocument.get(editor.document.uri.toString()) ?? this.#general;
    const icon = status.severity === 'warning' ? '$(warning) ' : status.text.endsWith('…') ? '$(loading~spin) ' : '$(quote) ';
    this.#item.text = icon + status.text;
    this.#item.tooltip = status.detail ?? 'Article Lens: people, places, dates and quotations';
    this.#item.backgroundColor = status.severity === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.#item.show();
  }

  dispose(): void {
    for (const d of this.#disposables) d.dispose();
  }
}
