/**
 * The language client's error handler: a crashed server is restarted (see `restartPolicy.ts` for
 * how often) and the user is told once, with a button to the output channel; connection errors
 * are logged there too. Everything the server logged before it stopped is already in that channel.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type ErrorHandler } from 'vscode-languageclient/node';
import { RestartPolicy } from './restartPolicy';

export function createErrorHandler(output: vscode.OutputChannel, policy = new RestartPolicy()): ErrorHandler {
  return {
    error(error, _message, count) {
      output.appendLine(`Article Lens: connection error (${count ?? 1} in a row): ${error.message}`);
      // Same as the library's default: a few errors are tolerated, then the connection is shut down.
      return { action: count && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
    },
    closed() {
      const decision = policy.onClosed(Date.now());
      output.appendLine(decision.log);
      if (decision.notify) {
        const show = decision.restart ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
        void show(decision.notify, 'Show Output').then(choice => { if (choice) output.show(true); });
      }
      return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };
}
