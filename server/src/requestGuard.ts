/**
 * The guard around every request handler, so no request can crash, hang or answer stale data.
 * Params are checked first (malformed → InvalidParams). The handler then yields to the event loop
 * once, so a `$/cancelRequest` or a `didChange` already waiting in the pipe is seen before any
 * work: a cancelled request answers RequestCancelled, and a request whose document changed (or
 * closed) meanwhile answers ContentModified rather than positions computed on a text the client
 * no longer has. Everything after that runs synchronously on one snapshot. An exception inside a
 * feature is logged to the output channel and answered with the feature's empty result.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from './lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { testFaults, type TestFaults } from './testFaults';

type Field = 'textDocument' | 'position' | 'range';

/** What each feature's params must carry (features not listed are checked by their handler). */
const REQUIRED: Record<string, readonly Field[]> = {
  hover: ['textDocument', 'position'],
  references: ['textDocument', 'position'],
  documentHighlight: ['textDocument', 'position'],
  definition: ['textDocument', 'position'],
  documentSymbol: ['textDocument'],
  semanticTokens: ['textDocument'],
  inlayHint: ['textDocument', 'range'],
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
// Out-of-range numbers (line 10^6, negative, past the line end) are fine: TextDocument clamps them.
const isPosition = (value: unknown) => isObject(value) && Number.isInteger(value.line) && Number.isInteger(value.character);

/** Why `params` cannot be served, or undefined when they have what `required` asks for. */
export function paramsProblem(params: unknown, required: readonly Field[]): string | undefined {
  if (!required.length) return undefined;
  if (!isObject(params)) return 'params must be an object';
  for (const field of required) {
    const value = params[field];
    if (field === 'textDocument' && !(isObject(value) && typeof value.uri === 'string')) return 'textDocument.uri must be a string';
    if (field === 'position' && !isPosition(value)) return 'position must have integer line and character';
    if (field === 'range' && !(isObject(value) && isPosition(value.start) && isPosition(value.end))) return 'range must have start and end positions';
  }
  return undefined;
}

const nextTurn = () => new Promise<void>(resolve => setImmediate(resolve));

export type Guard = <P, R>(feature: string, fallback: R, handler: (params: P) => R) => (params: P, token?: CancellationToken) => Promise<R>;

/** A `guard(feature, fallback, handler)` bound to the connection (for logging) and the open documents. */
export function createGuard(connection: Connection, documents: TextDocuments<TextDocument>, faults: TestFaults = testFaults()): Guard {
  return <P, R>(feature: string, fallback: R, handler: (params: P) => R) => async (params: P, token?: CancellationToken): Promise<R> => {
    const problem = paramsProblem(params, REQUIRED[feature] ?? []);
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `${feature}: ${problem}`);
    const uri = isObject(params) && isObject(params.textDocument) && typeof params.textDocument.uri === 'string' ? params.textDocument.uri : undefined;
    const document = uri === undefined ? undefined : documents.get(uri);
    const version = document?.version;
    await nextTurn();
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${feature} cancelled`);
    if (document && (documents.get(document.uri) !== document || document.version !== version)) {
      throw new ResponseError(LSPErrorCodes.ContentModified, `${feature}: the document changed while the request waited`);
    }
    try {
      faults.check(feature, document);
      return handler(params);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      connection.console.error(`${feature} failed${uri ? ` on ${uri}` : ''}: ${(error as Error)?.stack ?? String(error)}`);
      return fallback;
    }
  };
}
