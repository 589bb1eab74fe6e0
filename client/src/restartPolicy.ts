/**
 * When the client restarts a language server that stopped unexpectedly, and what it tells the
 * user: restart up to `maxRestarts` times within a sliding window (as vscode-languageclient's
 * default does), say so in a notification the first time only (later restarts go to the output
 * channel), and say clearly when it gives up. Plain logic with no editor import, so it is tested
 * without VS Code; `serverHealth.ts` plugs it into the language client.
 */

export interface RestartDecision {
  restart: boolean;
  /** A notification for the user, when one is due. */
  notify?: string;
  /** A line for the output channel, always. */
  log: string;
}

export class RestartPolicy {
  #crashes: number[] = [];
  #told = false;

  constructor(readonly maxRestarts = 4, readonly windowMillis = 3 * 60 * 1000) {}

  /** The server's connection closed unexpectedly at `now` (ms). */
  onClosed(now: number): RestartDecision {
    this.#crashes = this.#crashes.filter(t => now - t < this.windowMillis);
    this.#crashes.push(now);
    const count = this.#crashes.length;
    if (count > this.maxRestarts) {
      const minutes = Math.round(this.windowMillis / 60000);
      const message = `Article Lens: the language server stopped ${count} times in ${minutes} minutes and will not be restarted. See the Article Lens output; reload the window to try again.`;
      return { restart: false, notify: message, log: message };
    }
    const log = `Article Lens: the language server stopped unexpectedly; restarting it (${count} of ${this.maxRestarts} restarts allowed in ${Math.round(this.windowMillis / 60000)} minutes).`;
    if (this.#told) return { restart: true, log };
    this.#told = true;
    return { restart: true, log, notify: 'Article Lens: the language server stopped unexpectedly and was restarted. See the Article Lens output for details.' };
  }
}
