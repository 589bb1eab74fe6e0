/**
 * Wiring only: capabilities, document sync, settings, the analysis cache, background model
 * loading, diagnostics, and one handler per feature. Each handler is guarded so an exception in
 * one feature is logged and answered with an empty result instead of taking the server down.
 */
import {
  DidChangeConfigurationNotification,
  ResponseError,
  ErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyses } from './documentAnalyses';
import { provideDefinition } from './features/definition';
import { provideDiagnostics } from './features/diagnostics';
import { provideDocumentHighlights } from './features/documentHighlight';
import { provideDocumentSymbols } from './features/documentSymbols';
import { provideHover } from './features/hover';
import { provideInlayHints } from './features/inlayHints';
import { provideQuotations } from './features/quotations';
import { provideReferences } from './features/references';
import { provideSemanticTokens, SEMANTIC_TOKENS_LEGEND } from './features/semanticTokens';
import { QuotationsRequest, StatusNotification, type QuotationsParams, type StatusParams } from './protocol';
import { loadEntityResourcesAsync } from './resources';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';

/** Start serving on `connection`; returns when wired (the connection is listening). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new DocumentAnalyses();
  let settings: Settings = DEFAULT_SETTINGS;
  let canPullConfiguration = false;
  let canRefresh = { semanticTokens: false, inlayHints: false };
  const diagnosticTimers = new Map<string, NodeJS.Timeout>();

  /** Run `handler`, logging any exception and answering `fallback` instead. */
  const guard = <P, R>(feature: string, fallback: R, handler: (params: P) => R) => (params: P): R => {
    try {
      return handler(params);
    } catch (error) {
      connection.console.error(`${feature} failed: ${(error as Error).stack ?? String(error)}`);
      return fallback;
    }
  };
  const documentFor = (uri: string) => documents.get(uri);

  const status = (params: StatusParams) => void connection.sendNotification(StatusNotification, params);

  const publishDiagnostics = (document: TextDocument) => {
    try {
      const analysis = analyses.get(document);
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: provideDiagnostics(document, analysis, settings.diagnostics.quotes) });
      const tooLarge = analysis.problems.find(p => p.code === 'too-large' || p.code === 'binary');
      if (tooLarge) status({ uri: document.uri, text: 'Article Lens: not analysed', detail: tooLarge.message, severity: 'warning' });
    } catch (error) {
      connection.console.error(`diagnostics failed for ${document.uri}: ${(error as Error).stack ?? String(error)}`);
    }
  };
  // Debounced so a burst of keystrokes costs one analysis, not one per key.
  const scheduleDiagnostics = (document: TextDocument, delay: number) => {
    clearTimeout(diagnosticTimers.get(document.uri));
    diagnosticTimers.set(document.uri, setTimeout(() => {
      diagnosticTimers.delete(document.uri);
      const current = documents.get(document.uri);
      if (current) publishDiagnostics(current);
    }, delay));
  };
  const refreshAll = () => {
    // Only ask clients that said they can refresh; others re-request on their own.
    if (canRefresh.semanticTokens) void Promise.resolve(connection.languages.semanticTokens.refresh()).catch(() => undefined);
    if (canRefresh.inlayHints) void Promise.resolve(connection.languages.inlayHint.refresh()).catch(() => undefined);
    for (const document of documents.all()) scheduleDiagnostics(document, 0);
  };

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    canRefresh = {
      semanticTokens: !!params.capabilities.workspace?.semanticTokens?.refreshSupport,
      inlayHints: !!params.capabilities.workspace?.inlayHint?.refreshSupport,
    };
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: { label: 'Article Lens' },
        referencesProvider: true,
        documentHighlightProvider: true,
        definitionProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'Article Lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    void pullSettings();
    // The model loads in the background: the first answers come from the rule-based fallback.
    status({ text: 'Article Lens: loading model…', severity: 'info' });
    const started = performance.now();
    loadEntityResourcesAsync().then(resources => {
      analyses.setOptions({ entityResources: resources });
      status({ text: 'Article Lens', detail: `Entity model loaded in ${Math.round(performance.now() - started)} ms`, severity: 'info' });
      refreshAll();
    }, error => {
      connection.console.error(`Could not load the entity model: ${(error as Error).message}`);
      status({ text: 'Article Lens: no model', detail: `Entity model failed to load: ${(error as Error).message}. Using rules only.`, severity: 'warning' });
    });
  });

  const pullSettings = async () => {
    if (!canPullConfiguration) return;
    try {
      settings = readSettings(await connection.workspace.getConfiguration('articleLens'));
    } catch {
      settings = DEFAULT_SETTINGS;
    }
    analyses.setOptions({ maxLength: Math.round(settings.maxFileSize * 1024 * 1024) });
    refreshAll();
  };
  connection.onDidChangeConfiguration(change => {
    if (canPullConfiguration) void pullSettings();
    else {
      settings = readSettings((change.settings as { articleLens?: unknown })?.articleLens);
      analyses.setOptions({ maxLength: Math.round(settings.maxFileSize * 1024 * 1024) });
      refreshAll();
    }
  });

  documents.onDidOpen(event => scheduleDiagnostics(event.document, 0));
  documents.onDidChangeContent(event => scheduleDiagnostics(event.document, 300));
  documents.onDidClose(event => {
    clearTimeout(diagnosticTimers.get(event.document.uri));
    diagnosticTimers.delete(event.document.uri);
    analyses.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onHover(guard('hover', null, (params: Parameters<Parameters<Connection['onHover']>[0]>[0]) => {
    const document = documentFor(params.textDocument.uri);
    return document ? provideHover(document, analyses.get(document), params.position) : null;
  }));
  connection.onDocumentSymbol(guard('documentSymbol', [], (params: Parameters<Parameters<Connection['onDocumentSymbol']>[0]>[0]) => {
    const document = documentFor(params.textDocument.uri);
    return document ? provideDocumentSymbols(document, analyses.get(document)) : [];
  }));
  connection.onReferences(guard('references', [], (params: Parameters<Parameters<Connection['onReferences']>[0]>[0]) => {
    const document = documentFor(params.textDocument.uri);
    return document ? provideReferences(document, analyses.get(document), params.position, params.context?.includeDeclaration ?? true) : [];
  }));
  connection.onDocumentHighlight(guard('documentHighlight', [], (params: Parameters<Parameters<Connection['onDocumentHighlight']>[0]>[0]) => {
    const document = documentFor(params.textDocument.uri);
    return document ? provideDocumentHighlights(document, analyses.get(document), params.position) : [];
  }));
  connection.onDefinition(guard('definition', null, (params: Parameters<Parameters<Connection['onDefinition']>[0]>[0]) => {
    const document = documentFor(params.textDocument.uri);
    return document ? provideDefinition(document, analyses.get(document), params.position) : null;
  }));
  connection.languages.semanticTokens.on(guard('semanticTokens', { data: [] }, (params: { textDocument: { uri: string } }) => {
    const document = documentFor(params.textDocument.uri);
    return document ? provideSemanticTokens(document, analyses.get(document)) : { data: [] };
  }));
  connection.languages.inlayHint.on(guard('inlayHint', [], (params: Parameters<Parameters<Connection['languages']['inlayHint']['on']>[0]>[0]) => {
    const document = documentFor(params.textDocument.uri);
    return document && settings.inlayHints.dates ? provideInlayHints(document, analyses.get(document), params.range) : [];
  }));
  connection.onRequest(QuotationsRequest, (params: QuotationsParams) => {
    const document = params && typeof params.uri === 'string' ? documentFor(params.uri) : undefined;
    if (!document) return new ResponseError(ErrorCodes.InvalidParams, `Not an open document: ${params?.uri}`);
    return guard('quotations', { uri: document.uri, date: null, groups: [] }, () => provideQuotations(document, analyses.get(document)))(params);
  });

  documents.listen(connection);
  connection.listen();
}
