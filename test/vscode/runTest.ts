// Runs the integration suite in a desktop VS Code through @vscode/test-electron, for machines
// that can download VS Code (or have one: set VSCODE_EXECUTABLE). These offline machines use
// scripts/e2e/run.mjs, which runs the same suite inside code-server's extension host.
// Usage: node esbuild.mjs && node dist/test/vscode/runTest.js
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { makeWorkspace } from './workspace';

async function main(): Promise<void> {
  // bundled to dist/test/vscode/runTest.js: the repo root is three levels up
  const repo = path.resolve(__dirname, '../../..');
  const articles = process.env.ARTICLE_LENS_ARTICLES ?? path.resolve(repo, '../shared/articles');
  const workspace = makeWorkspace(articles);
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(repo, 'dist/test/vscode/suite/index.js'),
      // only our extension, in a clean profile
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
  }
}

/** True when the failure is that no VS Code could be had: nothing given and the download unreachable. */
function noVsCode(err: unknown): boolean {
  return !process.env.VSCODE_EXECUTABLE && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|Failed to get JSON|Failed to download/i.test(String(err instanceof Error ? `${err.message} ${err.stack}` : err));
}

main().catch(err => {
  if (noVsCode(err)) {
    // Not a pass and not a failure of ours: say so in one line, with a distinct exit code.
    console.log('skipped: no VS Code available (set VSCODE_EXECUTABLE, or run where VS Code can be downloaded)');
    process.exit(3);
  }
  console.error(`VS Code suite failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
