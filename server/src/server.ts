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
} from './lsp';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { DocumentAnalyses } from './documentAnalyses';
import { createGuard } from './requestGuard';
import { CrSafeTextDocument } from './textDocumentSync';
import { provideDefinition } from './features/definition';
import { provideDiagnostics } from './features/diagnostics';
import { provideDocumentHighlights } from './features/documentHighlight';
import { provideDocumentSymbols } from './features/documentSymbols';
import { provideHover } from './features/hover';
import { provideInlayHints } from './features/inlayHints';
import { provideQuotations } from './features/quotations';
import { provideReferences } from './features/references';
import { semanticTokenData, SemanticTokensCache, SEMANTIC_TOKENS_LEGEND } from './features/semanticTokens';
import { providePeople, providePersonFiles } from './features/people';
import { provideWorkspaceSymbols } from './features/workspaceSymbols';
import {
  AnalysesChangedNotification,
  PeopleRequest,
  PersonFilesRequest,
  QuotationsRequest,
  StatusNotification,
  type InitializationOptions,
  type PeopleParams,
  type PersonFilesParams,
  type QuotationsParams,
  type StatusParams,
} from './protocol';
import { loadEntityResourcesAsync } from './resources';
import { ANNOTATION_CAPABILITIES, registerAnnotations } from './annotations/annotationService';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import { WorkspaceService } from './workspace/workspaceService';
import { nowMs } from './clock';

const SERVER_VERSION = '0.1.0';
/** How long after `initialized` the entity model starts loading (see onInitialized). */
const MODEL_LOAD_DELAY_MS = 150;

/** Start serving on `connection`; returns when wired (the connection is listening). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(CrSafeTextDocument);
  const analyses = new DocumentAnalyses();
  const sentTokens = new SemanticTokensCache();
  let settings: Settings = DEFAULT_SETTINGS;
  let canPullConfiguration = false;
  let canRefresh = { semanticTokens: false, inlayHints: false };
  const diagnosticTimers = new Map<string, NodeJS.Timeout>();
  let workspace: WorkspaceService | undefined;

  /** Run `handler` after checking params, cancellation and staleness; log any exception and answer `fallback` (see requestGuard.ts). */
  const guard = createGuard(connection, documents);
  const documentFor = (uri: string) => documents.get(uri);

  const status = (params: StatusParams) => void connection.sendNotification(StatusNotification, params);

  const notAnalysed = new Set<string>();
  const publishDiagnostics = (document: TextDocument) => {
    try {
      const analysis = analyses.get(document);
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: provideDiagnostics(document, analysis, settings.diagnostics.quotes) });
      const tooLarge = analysis.problems.find(p => p.code === 'too-large' || p.code === 'binary');
      if (tooLarge) status({ uri: document.uri, text: 'Article Lens: not analysed', detail: tooLarge.message, severity: 'warning' });
      // A file edited back under the limit must not keep its "not analysed" warning.
      else if (notAnalysed.has(document.uri)) status({ uri: document.uri, text: 'Article Lens', severity: 'info' });
      if (tooLarge) notAnalysed.add(document.uri);
      else notAnalysed.delete(document.uri);
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
    for (const document of documents.all()) {
      // The open documents' summaries in the workspace index came from the old analyses too.
      workspace?.documentChanged(document.uri);
      scheduleDiagnostics(document, 0);
    }
    void connection.sendNotification(AnalysesChangedNotification);
  };
  // The annotation layer: sidecar corrections, watch-list, code actions, commands, exports.
  const annotations = registerAnnotations({
    connection,
    documents,
    analyze: document => analyses.get(document),
    refresh: uri => {
      analyses.invalidate(uri);
      refreshAll();
    },
    canPullConfiguration: () => canPullConfiguration,
  });
  analyses.setAnnotationSource(document => annotations.annotationsFor(document));

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    annotations.initialize(params);
    const folders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []))
      .filter(folder => folder.uri.startsWith('file:'))
      .map(folder => fileURLToPath(folder.uri));
    const initOptions = (params.initializationOptions ?? {}) as InitializationOptions;
    workspace = new WorkspaceService(connection, {
      folders,
      storagePath: typeof initOptions.storagePath === 'string' ? initOptions.storagePath : undefined,
      canShowProgress: !!params.capabilities.window?.workDoneProgress,
      maxBytes: () => Math.round(settings.maxFileSize * 1024 * 1024),
      codeVersion: SERVER_VERSION,
    });
    canRefresh = {
      semanticTokens: !!params.capabilities.workspace?.semanticTokens?.refreshSupport,
      inlayHints: !!params.capabilities.workspace?.inlayHint?.refreshSupport,
    };
    return {
      capabilities: {
        // Save notifications let the annotation layer write re-anchored corrections with the article.
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Article Lens' },
        referencesProvider: true,
        documentHighlightProvider: true,
        definitionProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true } },
        inlayHintProvider: true,
        ...ANNOTATION_CAPABILITIES,
        workspaceSymbolProvider: true,
      },
      serverInfo: { name: 'Article Lens', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    void annotations.reloadLists();
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    void pullSettings();
    // The model loads in the background: the first answers come from the rule-based fallback.
    // Loading starts a moment after the handshake, so the first requests an editor sends on opening
    // a file (symbols, tokens, a hover) are not queued behind decoding the model.
    status({ text: 'Article Lens: loading model…', severity: 'info' });
    const started = nowMs();
    new Promise(resolve => setTimeout(resolve, MODEL_LOAD_DELAY_MS)).then(() => loadEntityResourcesAsync()).then(resources => {
      analyses.setOptions({ entityResources: resources });
      status({ text: 'Article Lens', detail: `Entity model loaded in ${Math.round(nowMs() - started)} ms`, severity: 'info' });
      refreshAll();
    }, error => {
      connection.console.error(`Could not load the entity model: ${(error as Error).message}`);
      status({ text: 'Article Lens: no model', detail: `Entity model failed to load: ${(error as Error).message}. Using rules only.`, severity: 'warning' });
    });
  });

  const applySettings = (next: Settings, first = false) => {
    const rulesChanged = first || JSON.stringify([next.include, next.exclude]) !== JSON.stringify([settings.include, settings.exclude]);
    settings = next;
    analyses.setOptions({ maxLength: Math.round(settings.maxFileSize * 1024 * 1024) });
    refreshAll();
    if (rulesChanged) void workspace?.reindex({ include: settings.include, exclude: settings.exclude }).catch(error => connection.console.error(`indexing failed: ${(error as Error).stack ?? error}`));
  };
  let settingsPulled = false;
  const pullSettings = async () => {
    let next = DEFAULT_SETTINGS;
    if (canPullConfiguration) {
      try {
        next = readSettings(await connection.workspace.getConfiguration('articleLens'));
      } catch {
        next = DEFAULT_SETTINGS;
      }
    }
    applySettings(next, !settingsPulled);
    settingsPulled = true;
  };
  connection.onDidChangeConfiguration(change => {
    void annotations.reloadLists(canPullConfiguration ? undefined : (change.settings as { articleLens?: unknown })?.articleLens ?? {});
    if (canPullConfiguration) void pullSettings();
    else applySettings(readSettings((change.settings as { articleLens?: unknown })?.articleLens));
  });
  connection.onDidChangeWatchedFiles(guard('watchedFiles', undefined, (params: { changes: Parameters<WorkspaceService['filesChanged']>[0] }) => {
    void workspace?.filesChanged(params.changes);
  }));
  connection.onShutdown(async () => {
    await workspace?.dispose();
  });

  documents.onDidOpen(event => scheduleDiagnostics(event.document, 0));
  documents.onDidChangeContent(event => {
    workspace?.documentChanged(event.document.uri);
    scheduleDiagnostics(event.document, 300);
  });
  documents.onDidClose(event => {
    workspace?.documentClosed(event.document.uri);
    clearTimeout(diagnosticTimers.get(event.document.uri));
    diagnosticTimers.delete(event.document.uri);
    notAnalysed.delete(event.document.uri);
    analyses.delete(event.document.uri);
    sentTokens.forget(event.document.uri);
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
    if (!document) return [];
    return provideReferences(document, analyses.get(document), params.position, params.context?.includeDeclaration ?? true, currentIndex());
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
    return document ? sentTokens.full(document.uri, semanticTokenData(document, analyses.get(document))) : { data: [] };
  }));
  connection.languages.semanticTokens.onDelta(guard('semanticTokens', { edits: [] }, (params: { textDocument: { uri: string }; previousResultId: string }) => {
    const document = documentFor(params.textDocument.uri);
    return document ? sentTokens.delta(document.uri, params.previousResultId, semanticTokenData(document, analyses.get(document))) : { edits: [] };
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

  /** The workspace index with the open documents' live analyses folded in. */
  const currentIndex = () => {
    workspace?.refreshOpenDocuments(uri => {
      const document = documents.get(uri);
      return document && { text: document.getText(), analysis: analyses.get(document) };
    });
    return workspace?.index;
  };
  connection.onWorkspaceSymbol(guard('workspaceSymbol', [], (params: { query: string }) => {
    const index = currentIndex();
    return index ? provideWorkspaceSymbols(index, typeof params.query === 'string' ? params.query : '') : [];
  }));
  connection.onRequest(PeopleRequest, guard('people', { indexing: false, total: 0, people: [] }, (params: PeopleParams | undefined) => {
    const index = currentIndex();
    return index ? providePeople(index, params ?? {}, !!workspace?.indexing) : { indexing: false, total: 0, people: [] };
  }));
  connection.onRequest(PersonFilesRequest, (params: PersonFilesParams) => {
    if (!params || typeof params.entityId !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'entityId (string) is required');
    return guard('personFiles', [], () => {
      const index = currentIndex();
      return index ? providePersonFiles(index, params.entityId) : [];
    })(params);
  });

  documents.listen(connection);
  connection.listen();
}
