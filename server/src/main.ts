/**
 * The language server's entry point (`node dist/server.js --stdio`). stdout carries the protocol,
 * so console output is routed to the client's output channel.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
// A stray exception in a timer, watcher or promise (outside any request guard) is logged, not fatal:
// one bad callback must not take every open article's features down with it.
// A broken pipe means the client is gone: exit rather than log into the void forever.
const logStray = (kind: string) => (error: unknown) => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_IPC_CHANNEL_CLOSED') process.exit(1);
  connection.console.error(`${kind}: ${(error as Error | undefined)?.stack ?? String(error)}`);
};
process.on('uncaughtException', logStray('uncaught exception'));
process.on('unhandledRejection', logStray('unhandled rejection'));
startServer(connection);
