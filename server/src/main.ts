/**
 * The language server's entry point (`node dist/server.js --stdio`). stdout carries the protocol,
 * so console output is routed to the client's output channel.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
startServer(connection);
