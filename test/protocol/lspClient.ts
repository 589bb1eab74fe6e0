/**
 * A real LSP client for the protocol tests: spawns the bundled server (`dist/server.js --stdio`)
 * and speaks JSON-RPC to it over its stdin/stdout, as an editor would. Tests wait for responses
 * and notifications, never for timers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after } from 'node:test';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../server/src/boot/nodeFlags';
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

/** Servers still alive. A test that fails or times out must not leave the run hanging on one. */
const running = new Set<ChildProcess>();
after(() => {
  for (const child of running) child.kill();
});

export const SERVER_PATH = path.resolve(__dirname, '..', '..', 'server.js');

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcess;
  /** Lines the server logged (window/logMessage). */
  logs: string[];
  /** Open a document with language id `article` and return its URI. */
  open(name: string, text: string): Promise<string>;
  /** Open a document at a given URI. */
  openUri(uri: string, text: string): Promise<string>;
  /** Resolves when the `beforeInitialized` waiter of `startServer` has fired (immediately without one). */
  ready: Promise<unknown>;
  /** Wait for the next notification of `method` matching `filter`. */
  next<T>(method: string, filter?: (params: T) => boolean): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Start the server and complete the initialize handshake. With `waitForModel` (the default) it
 * also waits for the server's status notification saying the entity model finished loading, so
 * answers are the model's and not the rule-based fallback's.
 */
export async function startServer(options: {
  waitForModel?: boolean;
  capabilities?: Record<string, unknown>;
  rootUri?: string;
  initializationOptions?: Record<string, unknown>;
  /** Called before the handshake, to register waiters for notifications that may come right after it. */
  beforeInitialized?: (client: TestClient) => Promise<unknown>;
  /** Extra environment variables for the server process (e.g. ARTICLE_LENS_TEST_FAULT). */
  env?: Record<string, string>;
  /** Node options placed before the server script (e.g. `--require` of a preload module). */
  nodeArgs?: string[];
} = {}): Promise<TestClient> {
  const { waitForModel = true, capabilities = {}, rootUri = null, initializationOptions } = options;
  // Started as the extension starts it (SERVER_NODE_FLAGS, SERVER_ENV), plus the test's own Node options.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? []), SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...SERVER_ENV, ...options.env } });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const logs: string[] = [];
  const waiters: Array<{ method: string; filter: (p: never) => boolean; resolve: (p: never) => void }> = [];
  // Every waiter whose method and filter match gets the notification (each filter sees each one).
  const deliver = (method: string, params: unknown) => {
    for (const waiter of waiters.filter(w => w.method === method)) {
      if (!waiter.filter(params as never)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(params as never);
    }
  };
  connection.onNotification((method: string, params: unknown) => {
    if (method === 'window/logMessage') logs.push((params as { message: string }).message);
    deliver(method, params);
  });
  connection.onRequest((_method: string) => null); // workspace/configuration, refresh requests: accept with defaults
  connection.listen();
  // A server that dies must fail the test at once, not leave it waiting.
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  const died = new Promise<never>((_, reject) => child.once('exit', code => reject(new Error(`server exited (${code}): ${stderr}`))));
  died.catch(() => undefined);
  const modelLoaded = new Promise<void>(resolve => waiters.push({ method: 'articleLens/status', filter: ((p: { detail?: string }) => /model (loaded|failed)/i.test(p.detail ?? '')) as (p: never) => boolean, resolve: resolve as (p: never) => void }));
  let counter = 0;
  const client: TestClient = {
    connection,
    process: child,
    logs,
    ready: Promise.resolve(),
    async open(name, text) {
      return client.openUri(`file:///test/${++counter}/${name}`, text);
    },
    async openUri(uri, text) {
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
  if (options.beforeInitialized) client.ready = options.beforeInitialized(client);
  const workspaceFolders = rootUri ? [{ uri: rootUri, name: 'workspace' }] : null;
  await Promise.race([died, connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, capabilities, initializationOptions, workspaceFolders })]);
  await connection.sendNotification(InitializedNotification.type, {});
  if (waitForModel) await Promise.race([died, modelLoaded]);
  return client;
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
