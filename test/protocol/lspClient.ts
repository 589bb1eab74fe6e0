/**
 * A real LSP client for the protocol tests: spawns the bundled server (`dist/server.js --stdio`)
 * and speaks JSON-RPC to it over its stdin/stdout, as an editor would. Tests wait for responses
 * and notifications, never for timers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  createMessageConnection,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER_PATH = path.resolve(__dirname, '..', '..', 'server.js');

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcess;
  /** Lines the server logged (window/logMessage). */
  logs: string[];
  /** Open a document with language id `article` and return its URI. */
  open(name: string, text: string): Promise<string>;
  /** Wait for the next notification of `method` matching `filter`. */
  next<T>(method: string, filter?: (params: T) => boolean): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Start the server and complete the initialize handshake. With `waitForModel` (the default) it
 * also waits for the server's status notification saying the entity model finished loading, so
 * answers are the model's and not the rule-based fallback's.
 */
export async function startServer(options: { waitForModel?: boolean; capabilities?: Record<string, unknown> } = {}): Promise<TestClient> {
  const { waitForModel = true, capabilities = {} } = options;
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const logs: string[] = [];
  const waiters: Array<{ method: string; filter: (p: never) => boolean; resolve: (p: never) => void }> = [];
  const deliver = (method: string, params: unknown) => {
    const index = waiters.findIndex(w => w.method === method && w.filter(params as never));
    if (index >= 0) waiters.splice(index, 1)[0].resolve(params as never);
  };
  connection.onNotification((method: string, params: unknown) => {
    if (method === 'window/logMessage') logs.push((params as { message: string }).message);
    deliver(method, params);
  });
  connection.onRequest((_method: string) => null); // workspace/configuration, refresh requests: accept with defaults
  connection.listen();
  const modelLoaded = new Promise<void>(resolve => waiters.push({ method: 'articleLens/status', filter: ((p: { detail?: string }) => /model (loaded|failed)/i.test(p.detail ?? '')) as (p: never) => boolean, resolve: resolve as (p: never) => void }));
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null });
  await connection.sendNotification(InitializedNotification.type, {});
  if (waitForModel) await modelLoaded;
  let counter = 0;
  return {
    connection,
    process: child,
    logs,
    async open(name, text) {
      const uri = `file:///test/${++counter}/${name}`;
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'article', version: 1, text } });
      return uri;
    },
    next<T>(method: string, filter: (params: T) => boolean = () => true) {
      return new Promise<T>(resolve => waiters.push({ method, filter: filter as (p: never) => boolean, resolve: resolve as (p: never) => void }));
    },
    async stop() {
      const exited = new Promise(resolve => child.once('exit', resolve));
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      await exited;
      connection.dispose();
    },
  };
}

/** Zero-based line and UTF-16 character of the first occurrence of `needle` (plus `shift`). */
export function positionOf(text: string, needle: string, shift = 0, occurrence = 0): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`"${needle}" not in text`);
  index += shift;
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - (before.lastIndexOf('\n') + 1) };
}
