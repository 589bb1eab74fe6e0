/**
 * The "Quotations" tree view in the Explorer: the active article's quotes grouped by speaker, with
 * counts and an optional text filter; clicking a quote reveals it in the editor. The view asks the
 * server (`articleLens/quotations`) whenever the active editor or its text changes.
 */
import * as vscode from 'vscode';
import { LSPErrorCodes, type LanguageClient } from 'vscode-languageclient/node';
import { QuotationsRequest, type QuotationGroup, type QuotationItem, type QuotationsResult } from '../../server/src/protocol';

type Node = { kind: 'group'; group: QuotationGroup; quotes: QuotationItem[] } | { kind: 'quote'; quote: QuotationItem; speaker: string };

export class QuotationsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  #changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  #result: QuotationsResult | undefined;
  #uri: vscode.Uri | undefined;
  #filter = '';
  #disposables: vscode.Disposable[] = [];
  #view: vscode.TreeView<Node>;
  #refreshTimer: NodeJS.Timeout | undefined;
  /** Bumped on every refresh, so a slow older answer never overwrites a newer one. */
  #generation = 0;

  constructor(private readonly client: LanguageClient) {
    this.#view = vscode.window.createTreeView('articleLens.quotations', { treeDataProvider: this, showCollapseAll: true });
    this.#disposables.push(
      this.#view,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument(event => {
        if (event.document.uri.toString() === this.#uri?.toString()) this.scheduleRefresh();
      }),
      vscode.commands.registerCommand('articleLens.refreshQuotations', () => this.refresh()),
      vscode.commands.registerCommand('articleLens.filterQuotations', () => this.askFilter()),
      vscode.commands.registerCommand('articleLens.revealQuote', (uri: vscode.Uri, quote: QuotationItem) => this.reveal(uri, quote)),
    );
    this.refresh();
  }

  /** Debounced so typing does not flood the server with requests. */
  scheduleRefresh(): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => this.refresh(), 400);
  }

  async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'article') {
      // Keep showing the last article's quotes while focus is in a non-article editor or a view.
      if (!this.#uri) this.#view.message = 'Open an article to list its quotations.';
      return;
    }
    this.#uri = editor.document.uri;
    const generation = ++this.#generation;
    let result: QuotationsResult;
    try {
      await this.client.start();
      result = await this.client.sendRequest<QuotationsResult>(QuotationsRequest, { uri: this.#uri.toString() });
    } catch (error) {
      if (generation !== this.#generation) return;
      // The text changed while the server worked: the refresh that edit scheduled will answer.
      if ((error as { code?: number }).code === LSPErrorCodes.ContentModified || (error as { code?: number }).code === LSPErrorCodes.RequestCancelled) return;
      this.#result = undefined;
      this.#view.message = `Could not list quotations: ${(error as Error).message}`;
      this.#changed.fire(undefined);
      return;
    }
    if (generation !== this.#generation) return;
    this.#result = result;
    this.updateMessage();
    this.#changed.fire(undefined);
  }

  private updateMessage(): void {
    const total = this.#result?.groups.reduce((n, g) => n + g.quotes.length, 0) ?? 0;
    const shown = this.visibleGroups().reduce((n, g) => n + g.quotes.length, 0);
    this.#view.description = this.#filter ? `filter: ${this.#filter}` : undefined;
    this.#view.message = total === 0 ? 'No quotations in this article.' : this.#filter && shown === 0 ? `No quotation matches "${this.#filter}".` : undefined;
  }

  private visibleGroups(): Array<{ group: QuotationGroup; quotes: QuotationItem[] }> {
    const needle = this.#filter.toLocaleLowerCase();
    return (this.#result?.groups ?? [])
      .map(group => ({ group, quotes: needle && !group.speaker.toLocaleLowerCase().includes(needle) ? group.quotes.filter(q => q.text.toLocaleLowerCase().includes(needle)) : group.quotes }))
      .filter(g => g.quotes.length > 0);
  }

  private async askFilter(): Promise<void> {
    const value = await vscode.window.showInputBox({ prompt: 'Show quotations whose speaker or text contains…', value: this.#filter, placeHolder: 'empty to show all' });
    if (value === undefined) return;
    this.#filter = value.trim();
    await vscode.commands.executeCommand('setContext', 'articleLens.quotationsFiltered', !!this.#filter);
    this.updateMessage();
    this.#changed.fire(undefined);
  }

  private async reveal(uri: vscode.Uri, quote: QuotationItem): Promise<void> {
    const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false });
    const range = this.client.protocol2CodeConverter.asRange(quote.range);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.visibleGroups().map(g => ({ kind: 'group', group: g.group, quotes: g.quotes }));
    if (node.kind === 'group') return node.quotes.map(quote => ({ kind: 'quote', quote, speaker: node.group.speaker }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.speaker || 'Unattributed', vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.quotes.length} quote${node.quotes.length === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon(node.group.speaker ? 'person' : 'question');
      item.contextValue = 'speaker';
      return item;
    }
    const flat = node.quote.text.replace(/\s+/g, ' ');
    const item = new vscode.TreeItem(flat.length > 90 ? `${flat.slice(0, 89)}…` : flat, vscode.TreeItemCollapsibleState.None);
    item.tooltip = new vscode.MarkdownString().appendText(flat).appendMarkdown(`\n\n— ${node.speaker || 'unattributed'}`);
    item.description = `line ${node.quote.range.start.line + 1}`;
    item.iconPath = new vscode.ThemeIcon(node.quote.unbalanced ? 'warning' : 'quote');
    item.contextValue = 'quote';
    item.command = { command: 'articleLens.revealQuote', title: 'Reveal Quote', arguments: [this.#uri, node.quote] };
    return item;
  }

  dispose(): void {
    clearTimeout(this.#refreshTimer);
    this.#changed.dispose();
    for (const d of this.#disposables) d.dispose();
  }
}
