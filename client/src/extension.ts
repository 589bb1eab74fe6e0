/**
 * Activation: starts the Article Lens language server for `article` documents and wires the
 * client-side UI (Quotations view, mention navigation, copy-quote command, status bar). No
 * recognition happens here; everything comes from the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerAnnotations } from './annotations';
import { registerCopyQuote } from './copyQuote';
import { registerMentionNavigation } from './mentionNavigation';
import { createErrorHandler } from './serverHealth';
import { PeopleView } from './peopleView';
import { QuotationsView } from './quotationsView';
import { StatusBar } from './statusBar';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../server/src/boot/nodeFlags';
import { AnalysesChangedNotification, PeopleRequest, QuotationsRequest, type PeopleResult, type QuotationsResult } from '../../server/src/protocol';

let client: LanguageClient | undefined;

/** What the extension offers other extensions and its tests: the data behind its views. */
export interface ArticleLensApi {
  quotations(uri: vscode.Uri): Promise<QuotationsResult['groups']>;
  /** The People view's top level: every person of the workspace index. */
  people(): Promise<PeopleResult>;
}

export async function activate(context: vscode.ExtensionContext): Promise<ArticleLensApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server's compiled code is cached in the extension's own storage, so later starts answer sooner.
  const args = [`--code-cache-dir=${path.join(context.globalStorageUri.fsPath, 'code-cache')}`];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args, options: { execArgv: SERVER_NODE_FLAGS, env: { ...SERVER_ENV } } },
    debug: { module: serverModule, transport: TransportKind.ipc, args: ['--no-code-cache'], options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Article Lens');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'article' }],
    synchronize: {
      configurationSection: 'articleLens',
      // The server decides which of these are articles (include/exclude settings); it only needs to hear of changes.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{txt,article,ann}'),
    },
    // annotationPickers: this client has the quick picks behind the server's "…" code actions.
    initializationOptions: { storagePath: (context.storageUri ?? context.globalStorageUri).fsPath, annotationPickers: true },
    outputChannel: output,
    // A crashed server is restarted and the user told once (serverHealth.ts).
    errorHandler: createErrorHandler(output),
  };
  client = new LanguageClient('articleLens', 'Article Lens', serverOptions, clientOptions);
  const statusBar = new StatusBar(client);
  const quotations = new QuotationsView(client);
  const people = new PeopleView(client);
  // One handler per notification method (the client keeps only the last one registered): the first
  // answers come from the rule-based fallback, so both views ask again once the model has loaded.
  client.onNotification(AnalysesChangedNotification, () => {
    quotations.scheduleRefresh();
    people.scheduleRefresh(300);
  });
  context.subscriptions.push(output, statusBar, quotations, people, registerMentionNavigation(), registerCopyQuote(client), registerAnnotations(client));
  await client.start();
  await vscode.commands.executeCommand('setContext', 'articleLens.active', true);

  return {
    async quotations(uri) {
      const result = await client!.sendRequest<QuotationsResult>(QuotationsRequest, { uri: uri.toString() });
      return result.groups;
    },
    people: () => client!.sendRequest<PeopleResult>(PeopleRequest, {}),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
