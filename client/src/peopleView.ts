/**
 * The "People" tree view: every person in the workspace with the number of articles and quotes,
 * expandable to the files that mention them and, under each file, the person's quotes there.
 * Clicking opens the mention. Data comes from the server's workspace index
 * (`articleLens/people`, `articleLens/personFiles`), refreshed when indexing ends or files change.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IndexChangedNotification, PeopleRequest, PersonFilesRequest, type LspRange, type PeopleResult, type PersonFileItem, type PersonItem } from '../../server/src/protocol';

type Node =
  | { kind: 'person'; person: PersonItem }
  | { kind: 'file'; person: PersonItem; file: PersonFileItem }
  | { kind: 'quote'; file: PersonFileItem; quote: { text: string; range: LspRange } };

export class PeopleView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  #changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  #view: vscode.TreeView<Node>;
  #filter = '';
  #disposables: vscode.Disposable[] = [];
  #refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly client: LanguageClient) {
    this.#view = vscode.window.createTreeView('articleLens.people', { treeDataProvider: this, showCollapseAll: true });
    this.#disposables.push(
      this.#view,
      vscode.commands.registerCommand('articleLens.refreshPeople', () => this.refresh()),
      vscode.commands.registerCommand('articleLens.filterPeople', () => this.askFilter()),
      vscode.commands.registerCommand('articleLens.openMention', (uri: string, range: LspRange) => this.open(uri, range)),
      client.onNotification(IndexChangedNotification, () => this.scheduleRefresh(300)),
      vscode.workspace.onDidSaveTextDocument(document => {
        if (document.languageId === 'article') this.scheduleRefresh(1000);
      }),
    );
  }

  /** Refresh soon, coalescing bursts of events into one request. */
  scheduleRefresh(delay = 500): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => this.refresh(), delay);
  }

  refresh(): void {
    this.#changed.fire(undefined);
  }

  private async askFilter(): Promise<void> {
    const value = await vscode.window.showInputBox({ prompt: 'Show people whose name contains…', value: this.#filter, placeHolder: 'empty to show everyone' });
    if (value === undefined) return;
    this.#filter = value.trim();
    this.#view.description = this.#filter ? `filter: ${this.#filter}` : undefined;
    this.refresh();
  }

  private async open(uri: string, range: LspRange): Promise<void> {
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
    const target = this.client.protocol2CodeConverter.asRange(range);
    editor.selection = new vscode.Selection(target.start, target.end);
    editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const result = await this.client.sendRequest<PeopleResult>(PeopleRequest, { filter: this.#filter || undefined, limit: 1000 });
      this.#view.message = result.total === 0
        ? result.indexing ? 'Indexing articles…' : this.#filter ? `Nobody matches "${this.#filter}".` : 'No people found in the workspace articles.'
        : result.total > result.people.length ? `Showing ${result.people.length} of ${result.total} people; use the filter to narrow.` : undefined;
      if (result.indexing) this.scheduleRefresh(2000);
      return result.people.map(person => ({ kind: 'person', person }));
    }
    if (node.kind === 'person') {
      const files = await this.client.sendRequest<PersonFileItem[]>(PersonFilesRequest, { entityId: node.person.entityId });
      return files.map(file => ({ kind: 'file', person: node.person, file }));
    }
    if (node.kind === 'file') return node.file.quotes.map(quote => ({ kind: 'quote', file: node.file, quote }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'person') {
      const { person } = node;
      const item = new vscode.TreeItem(person.canonical, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${person.articleCount} article${person.articleCount === 1 ? '' : 's'} · ${person.quoteCount} quote${person.quoteCount === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon('person');
      item.contextValue = 'person';
      return item;
    }
    if (node.kind === 'file') {
      const uri = vscode.Uri.parse(node.file.uri);
      const item = new vscode.TreeItem(uri, node.file.quotes.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = `${node.file.mentions.length} mention${node.file.mentions.length === 1 ? '' : 's'}${node.file.quotes.length ? ` · ${node.file.quotes.length} quote${node.file.quotes.length === 1 ? '' : 's'}` : ''}`;
      item.command = { command: 'articleLens.openMention', title: 'Open Mention', arguments: [node.file.uri, node.file.mentions[0]] };
      return item;
    }
    const flat = node.quote.text.replace(/\s+/g, ' ');
    const item = new vscode.TreeItem(flat.length > 90 ? `${flat.slice(0, 89)}…` : flat, vscode.TreeItemCollapsibleState.None);
    item.tooltip = flat;
    item.iconPath = new vscode.ThemeIcon('quote');
    item.command = { command: 'articleLens.openMention', title: 'Open Quote', arguments: [node.file.uri, node.quote.range] };
    return item;
  }

  dispose(): void {
    clearTimeout(this.#refreshTimer);
    this.#changed.dispose();
    for (const d of this.#disposables) d.dispose();
  }
}
