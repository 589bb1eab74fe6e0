/**
 * Server wiring of the annotation layer: code actions, the `articleLens.applyCorrection` and
 * `articleLens.annotationTargets` commands (`workspace/executeCommand`), the
 * `articleLens/exportAnnotations` request, the watch-list and stop-list from settings and the
 * workspace file, and the store that keeps each open document's sidecar corrections anchored and
 * persisted. `server.ts` calls `registerAnnotations` once; the analysis cache asks `annotationsFor`
 * for each document so every feature (highlighting, hovers, outline, views, exports) sees the
 * corrected result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes, ResponseError, type CodeAction, type Connection, type TextDocuments } from '../lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { wholeWordOccurrences } from '../analysis/corrections/apply';
import { describeCorrection, overlaps, type Annotations, type Correction } from '../analysis/corrections/model';
import { BRAT_ANNOTATION_CONF } from '../analysis/export/brat';
import { exportAnnotations, EXPORT_EXTENSIONS, isExportFormat } from '../analysis/export/formats';
import type { Analysis } from '../analysis/types';
import { provideCodeActions, targetSpan } from '../features/codeActions';
import { mentionAt, quoteAt } from '../features/locate';
import {
  AnnotationsChangedNotification,
  AnnotationTargetsCommand,
  ApplyCorrectionCommand,
  ExportAnnotationsRequest,
  type AnnotationInitializationOptions,
  type AnnotationTargets,
  type AnnotationTargetsArgs,
  type ApplyCorrectionArgs,
  type ApplyCorrectionResult,
  type ExportAnnotationsParams,
  type ExportAnnotationsResult,
  type LspRange,
} from '../protocol';
import { AnnotationStore } from './annotationStore';
import { sidecarPathFor, withFileLock } from './sidecarFile';
import { collectLists, WATCHLIST_FILE } from './watchListFile';

/** Capabilities the annotation layer adds to the server's `initialize` answer. */
export const ANNOTATION_CAPABILITIES = {
  codeActionProvider: { codeActionKinds: ['quickfix'] },
  executeCommandProvider: { commands: [ApplyCorrectionCommand, AnnotationTargetsCommand] },
  // Renamed articles take their sidecar along (server.ts must merge, not replace, any other `workspace` key).
  workspace: { fileOperations: { didRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*.{txt,article}', matches: 'file' as const } }] } } },
};

/** What the annotation layer needs from the server. */
export interface AnnotationHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The (cached) analysis of a document, corrections included. */
  analyze(document: TextDocument): Analysis;
  /** Drop the cached analysis of `uri` and refresh what the editor shows (tokens, hints, diagnostics). */
  refresh(uri: string): void;
  /** Whether the client can pull configuration (`workspace/configuration`). */
  canPullConfiguration(): boolean;
}

/** What `server.ts` keeps of the annotation layer once registered. */
export interface AnnotationService {
  /** The corrections, watch-list and stop-list of a document, anchored to its current text. */
  annotationsFor(document: TextDocument): Annotations;
  /** Read the watch-list and stop-list again (settings changed). */
  reloadLists(settings?: unknown): Promise<void>;
  /** Call from `onInitialize` with its params. */
  initialize(params: { initializationOptions?: unknown; workspaceFolders?: Array<{ uri: string }> | null; rootUri?: string | null }): void;
  dispose(): void;
}

const isRange = (r: unknown): r is LspRange => {
  const v = r as LspRange;
  return !!v && typeof v.start?.line === 'number' && typeof v.start?.character === 'number' && typeof v.end?.line === 'number' && typeof v.end?.character === 'number';
};

/** A name for the exported file: the article's base name with the format's extension. */
function exportFileName(uri: string, extension: string): string {
  let base: string;
  try {
    base = uri.startsWith('file:') ? path.basename(fileURLToPath(uri)) : decodeURIComponent(uri.split('/').pop() ?? 'article');
  } catch {
    base = 'article';
  }
  return `${base.replace(/\.[^.]+$/, '') || 'article'}${extension}`;
}

/** Wire the annotation layer into a server. */
export function registerAnnotations(host: AnnotationHost): AnnotationService {
  const { connection, documents } = host;
  let pickers = false;
  let folders: string[] = [];
  const log = (message: string) => connection.console.warn(`annotations: ${message}`);
  const notify = (uri: string) => {
    const corrections = store.corrections(uri);
    void connection.sendNotification(AnnotationsChangedNotification, { uri, corrections: corrections.length, orphaned: corrections.filter(c => c.orphaned).length });
  };
  const store = new AnnotationStore(uri => {
    host.refresh(uri);
    notify(uri);
  }, log);

  /** Document events must never take the server down: log and go on. */
  const safely = <E>(what: string, listener: (event: E) => void) => (event: E) => {
    try {
      listener(event);
    } catch (error) {
      connection.console.error(`annotations (${what}) failed: ${(error as Error).stack ?? String(error)}`);
    }
  };
  documents.onDidOpen(safely('open', event => store.open(event.document.uri, event.document.getText())));
  // Every edit moves the corrections exactly (the previous text is still known here).
  documents.onDidChangeContent(safely('change', event => store.changed(event.document.uri, event.document.getText())));
  documents.onDidClose(safely('close', event => store.close(event.document.uri)));
  // Saving writes re-anchored offsets and orphan flags, so the sidecar matches the saved article.
  documents.onDidSave(safely('save', event => {
    if (!store.corrections(event.document.uri).length) return;
    const result = store.update(event.document.uri, event.document.getText(), corrections => corrections);
    if (result.error) void connection.window.showWarningMessage(`Article Lens: ${result.error}`);
  }));

  // An article renamed in the editor keeps its corrections: its sidecar is renamed with it, unless
  // the new name already has one (never overwrite corrections).
  connection.workspace.onDidRenameFiles(safely('rename', (params: { files?: Array<{ oldUri: string; newUri: string }> }) => {
    for (const { oldUri, newUri } of params.files ?? []) {
      try {
        if (!oldUri.startsWith('file:') || !newUri.startsWith('file:')) continue;
        const from = sidecarPathFor(fileURLToPath(oldUri));
        const to = sidecarPathFor(fileURLToPath(newUri));
        if (from === to || !fs.existsSync(from) || fs.existsSync(to)) continue;
        withFileLock(from, () => fs.renameSync(from, to));
        if (store.reload(newUri)) {
          host.refresh(newUri);
          notify(newUri);
        }
      } catch (error) {
        log(`could not move the corrections of ${oldUri}: ${(error as Error).message}`);
      }
    }
  }));

  const guardCommand = <T>(name: string, run: () => T): T | ResponseError<void> => {
    try {
      return run();
    } catch (error) {
      connection.console.error(`${name} failed: ${(error as Error).stack ?? String(error)}`);
      return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${(error as Error).message}`);
    }
  };

  const applyCorrection = (args: ApplyCorrectionArgs): ApplyCorrectionResult | ResponseError<void> => {
    const document = args && typeof args.uri === 'string' ? documents.get(args.uri) : undefined;
    if (!document) return new ResponseError(ErrorCodes.InvalidParams, `Not an open document: ${args?.uri}`);
    if (!isRange(args.range)) return new ResponseError(ErrorCodes.InvalidParams, 'range is required');
    const text = document.getText();
    const analysis = host.analyze(document);
    const start = document.offsetAt(args.range.start);
    const end = document.offsetAt(args.range.end);
    let correction: Correction | undefined;
    let clear: { start: number; end: number } | undefined;
    /** The span, or with `all` every whole-word occurrence of its text. */
    const spans = (s: { start: number; end: number }) => (args.all ? wholeWordOccurrences(text, text.slice(s.start, s.end)) : [s]);
    let extra: Correction[] = [];
    const spanned = (s: { start: number; end: number }) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) });
    switch (args.action) {
      case 'mark': {
        if (!['PERSON', 'ORGANIZATION', 'LOCATION', 'DATE'].includes(args.label ?? '')) return new ResponseError(ErrorCodes.InvalidParams, 'label must be PERSON, ORGANIZATION, LOCATION or DATE');
        const span = targetSpan(text, analysis, start, end);
        if (span) [correction, ...extra] = spans(span).map(s => ({ kind: 'entity' as const, label: args.label!, ...spanned(s) }));
        break;
      }
      case 'reject': {
        const span = targetSpan(text, analysis, start, end);
        if (span) [correction, ...extra] = spans(span).map(s => ({ kind: 'reject' as const, ...spanned(s) }));
        break;
      }
      case 'merge': {
        const mention = mentionAt(analysis, start);
        if (!mention) return new ResponseError(ErrorCodes.InvalidParams, 'no entity mention at that position');
        if (typeof args.canonical !== 'string' || !args.canonical.trim()) return new ResponseError(ErrorCodes.InvalidParams, 'canonical (the name to merge with) is required');
        correction = { kind: 'entity', label: mention.type, canonical: args.canonical.trim(), ...spanned(mention) };
        break;
      }
      case 'speakers': {
        if (!Array.isArray(args.speakers)) return new ResponseError(ErrorCodes.InvalidParams, 'speakers (an array of names) is required');
        const quote = quoteAt(analysis, start) ?? (end > start ? { start, end } : undefined);
        if (quote) correction = { kind: 'speakers', speakers: args.speakers.filter(s => typeof s === 'string' && s.trim()).map(s => s.trim()), ...spanned(quote) };
        break;
      }
      case 'remove':
        if (typeof args.id === 'string') clear = { start: -1, end: -1 };
        else clear = end > start ? { start, end } : targetSpan(text, analysis, start, end) ?? { start, end: start + 1 };
        break;
      default:
        return new ResponseError(ErrorCodes.InvalidParams, `unknown action ${String(args.action)}`);
    }
    if (!correction && !clear) return { persisted: false, message: 'Nothing to correct at that position.' };
    const result = store.update(document.uri, text, corrections => {
      // Orphans are only removed by id: their offsets are a last known place, not their words.
      if (clear && typeof args.id === 'string') return corrections.filter(c => c.id !== args.id);
      if (clear) return corrections.filter(c => c.orphaned || !overlaps(c, clear!));
      let next = corrections;
      for (const c of [correction!, ...extra]) {
        // A new decision replaces older ones on the same words (speakers and types are separate slots).
        const sameSlot = (o: Correction) => (o.kind === 'speakers') === (c.kind === 'speakers');
        next = [...next.filter(o => o.orphaned || !(sameSlot(o) && overlaps(o, c))), c];
      }
      return next;
    });
    host.refresh(document.uri);
    notify(document.uri);
    const what = correction ? `${describeCorrection(correction)}${extra.length ? ` (${extra.length + 1} occurrences)` : ''}` : 'corrections removed';
    const sidecar = store.sidecarPath(document.uri);
    if (result.error) void connection.window.showWarningMessage(`Article Lens: ${result.error}`);
    return { persisted: result.persisted, message: result.persisted ? `${what} (saved in ${sidecar ? path.basename(sidecar) : 'memory'})` : `${what} (not saved: ${result.error})`, sidecar };
  };

  const annotationTargets = (args: AnnotationTargetsArgs): AnnotationTargets | ResponseError<void> => {
    const document = args && typeof args.uri === 'string' ? documents.get(args.uri) : undefined;
    if (!document || !isRange(args.range)) return new ResponseError(ErrorCodes.InvalidParams, 'uri of an open document and range are required');
    const analysis = host.analyze(document);
    const offset = document.offsetAt(args.range.start);
    const toRange = (s: { start: number; end: number }) => ({ start: document.positionAt(s.start), end: document.positionAt(s.end) });
    const mention = mentionAt(analysis, offset);
    const quote = quoteAt(analysis, offset);
    const watched = store.watchList.filter(w => !w.type || w.type === 'PERSON').map(w => w.name);
    const people = [...new Set([...analysis.entities.filter(e => e.type === 'PERSON').map(e => e.canonical), ...watched])];
    const sameType = mention ? [...new Set(analysis.entities.filter(e => e.type === mention.type && e.id !== mention.entityId).map(e => e.canonical))] : [];
    return {
      ...(mention ? { mention: { range: toRange(mention), type: mention.type, canonical: mention.canonical } } : {}),
      ...(quote ? { quote: { range: toRange(quote), speakers: quote.speakers } } : {}),
      people,
      sameType,
    };
  };

  connection.onCodeAction(params => {
    try {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const watched = store.watchList.filter(w => !w.type || w.type === 'PERSON').map(w => w.name);
      return provideCodeActions(document, host.analyze(document), params.range, store.corrections(document.uri), { pickers, people: watched, diagnostics: params.context?.diagnostics ?? [] }) as CodeAction[];
    } catch (error) {
      connection.console.error(`codeAction failed: ${(error as Error).stack ?? String(error)}`);
      return [];
    }
  });
  connection.onExecuteCommand(params => {
    const args = params.arguments?.[0];
    if (params.command === ApplyCorrectionCommand) return guardCommand('applyCorrection', () => applyCorrection(args as ApplyCorrectionArgs));
    if (params.command === AnnotationTargetsCommand) return guardCommand('annotationTargets', () => annotationTargets(args as AnnotationTargetsArgs));
    return new ResponseError(ErrorCodes.InvalidRequest, `unknown command ${params.command}`);
  });
  connection.onRequest(ExportAnnotationsRequest, (params: ExportAnnotationsParams) => {
    const document = params && typeof params.uri === 'string' ? documents.get(params.uri) : undefined;
    if (!document) return new ResponseError(ErrorCodes.InvalidParams, `Not an open document: ${params?.uri}`);
    if (!isExportFormat(params.format)) return new ResponseError(ErrorCodes.InvalidParams, `format must be brat, conll, jsonl or json`);
    return guardCommand('exportAnnotations', (): ExportAnnotationsResult => {
      const fileName = exportFileName(document.uri, EXPORT_EXTENSIONS[params.format]);
      const article = fileName.replace(/\.[^.]+$/, '') + (document.uri.match(/(\.[^./]+)$/)?.[1] ?? '.txt');
      const content = exportAnnotations(params.format, article, document.getText(), host.analyze(document));
      return { format: params.format, fileName, content, ...(params.format === 'brat' ? { annotationConf: BRAT_ANNOTATION_CONF } : {}) };
    });
  });

  const watched: string[] = [];
  let pushedSettings: { people?: unknown; stopList?: unknown } | undefined;
  const service: AnnotationService = {
    annotationsFor(document) {
      store.changed(document.uri, document.getText());
      return store.annotations(document.uri);
    },
    async reloadLists(settings) {
      // Settings pushed by a client that cannot be asked (no workspace/configuration) are kept for later reloads.
      if (settings !== undefined) pushedSettings = settings as typeof pushedSettings;
      let raw = pushedSettings;
      if (settings === undefined && host.canPullConfiguration()) {
        try {
          raw = (await connection.workspace.getConfiguration('articleLens')) as typeof raw;
        } catch {
          raw = undefined;
        }
      }
      const lists = collectLists(raw, folders, log);
      store.setLists(lists.watchList, lists.stopList);
      for (const document of documents.all()) host.refresh(document.uri);
    },
    initialize(params) {
      pickers = !!(params.initializationOptions as AnnotationInitializationOptions | undefined)?.annotationPickers;
      const uris = params.workspaceFolders?.map(f => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
      folders = uris.filter(u => u.startsWith('file:')).map(u => fileURLToPath(u));
      // The team's watch-list file can be edited, pulled or created at any time: poll it (one stat
      // per folder every two seconds) rather than depend on the client's file events.
      for (const folder of folders) {
        const file = path.join(folder, WATCHLIST_FILE);
        fs.watchFile(file, { interval: 2000, persistent: false }, () => void service.reloadLists());
        watched.push(file);
      }
    },
    dispose() {
      for (const file of watched) fs.unwatchFile(file);
      store.dispose();
    },
  };
  return service;
}
