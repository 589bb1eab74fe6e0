/**
 * Test-only fault injection, so the protocol tests can prove that an exception inside one feature
 * or one file is logged and answered empty instead of taking the server down. Inert unless the
 * environment variable `ARTICLE_LENS_TEST_FAULT` is set (comma-separated): a feature name
 * ("hover", "semanticTokens"…) makes that feature throw; `file` makes every feature throw on a
 * document whose text contains `FAULT_MARKER`; `exit:<feature>` makes the server process exit
 * (code 70) in that feature, so editor tests can watch the client restart a crashed server;
 * `async:<feature>` throws from a timer and rejects a promise outside the request, as a stray
 * callback would.
 * Nothing from an article can switch it on by itself.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const FAULT_MARKER = 'article-lens-test-fault';

export interface TestFaults {
  /** Throw if a fault is configured for `feature` or for this document. */
  check(feature: string, document?: TextDocument): void;
}

export function testFaults(setting = process.env.ARTICLE_LENS_TEST_FAULT): TestFaults {
  const faults = new Set((setting ?? '').split(',').map(s => s.trim()).filter(Boolean));
  if (!faults.size) return { check() {} };
  return {
    check(feature, document) {
      if (faults.has(`exit:${feature}`)) process.exit(70);
      if (faults.has(`async:${feature}`)) {
        setImmediate(() => { throw new Error(`test fault: uncaught in ${feature}`); });
        void Promise.reject(new Error(`test fault: rejected in ${feature}`));
      }
      if (faults.has(feature)) throw new Error(`test fault in ${feature}`);
      if (faults.has('file') && document?.getText().includes(FAULT_MARKER)) throw new Error(`test fault in ${feature} on ${document.uri}`);
    },
  };
}
