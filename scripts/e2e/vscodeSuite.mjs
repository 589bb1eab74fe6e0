// Suite "vscode": runs test/vscode (Mocha, the @vscode/test-electron `run()` contract) inside
// code-server's real extension host, with the extension loaded from the repo. The workbench
// calls window.codeAutomationExit(code) when the test extension host exits; Mocha's output and
// the suite's result line (ARTICLE_LENS_VSCODE_RESULT {...}) arrive through the page console.
import fs from 'node:fs';
import path from 'node:path';
import { forwardConsole, launchBrowser, openWorkbench } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { log, waitFor, withTimeout } from './lib.mjs';

const MARKER = 'ARTICLE_LENS_VSCODE_RESULT';

/** @returns {Promise<{ passed: number, failed: number }>} */
export async function runVscodeSuite({ tools, repo, extDir, workspace, stateDir, artifacts, timeoutMs = 300000 }) {
  const testsModule = path.join(repo, 'dist/test/vscode/suite/index.js');
  if (!fs.existsSync(testsModule)) throw new Error(`${testsModule} is missing: build first (node esbuild.mjs)`);
  extDir = extDir ?? repo;
  const server = await startCodeServer({ ...tools, stateDir, workspace });
  let browser;
  try {
    browser = await launchBrowser(tools);
    const { page, target } = await openWorkbench(browser, { url: server.url, extDir, workspace, testsModule });
    let result = null;
    forwardConsole(page, line => {
      if (line.startsWith(MARKER)) result = JSON.parse(line.slice(MARKER.length));
      else console.log(`  ${line}`);
    });
    let finish;
    const exited = new Promise(resolve => { finish = resolve; });
    await page.exposeFunction('codeAutomationExit', code => finish(code));
    log(`vscode: opening the workbench with the test extension host`);
    await page.goto(target, { waitUntil: 'domcontentloaded', timeout: 60000 });
    let code;
    try {
      // fail fast when the workbench itself never comes up, instead of waiting for the suite
      await Promise.race([exited, page.locator('.monaco-workbench').waitFor({ timeout: 60000 })]);
      code = await withTimeout(exited, timeoutMs, 'the VS Code suite to finish');
    } catch (e) {
      await page.screenshot({ path: path.join(artifacts, 'vscode-failed.png') }).catch(() => {});
      throw e;
    }
    log(`vscode: extension host exited with code ${code}`);
    // console events are decoded asynchronously: give the result line a moment to arrive
    await waitFor('the result line', () => result, { timeoutMs: 5000 }).catch(() => {});
    if (!result) {
      console.log('  ✘ the suite printed no result line (did it load? see the output above)');
      return { passed: 0, failed: 1 };
    }
    // a crash after the last test still fails the suite
    if (code !== 0 && result.failed === 0) result.failed = 1;
    return { passed: result.passed, failed: result.failed };
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
  }
}
