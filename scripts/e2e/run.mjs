// The real-editor tests (`npm run test:e2e`, also the last step of `npm test`). Provisions the
// tools once into a cache outside the repo (see provision.mjs), then runs three suites, each
// printing its own result line:
//   vscode  test/vscode Mocha suite inside code-server's extension host (extension from the repo)
//   ui      Playwright checks of what a person sees in code-server; screenshots in test-artifacts/e2e/
//   nvim    headless Neovim as a second LSP client of `node dist/server.js --stdio`
// A suite whose tools cannot be had prints "skipped: <reason>" and counts as skipped, never
// passed; with E2E_REQUIRE=1 (the default when CI=true) a skip also fails the run.
// Closing line: "e2e: N passed, M failed, K skipped" (N, M: checks and tests; K: suites).
// Env: E2E_ONLY=vscode,ui,nvim  pick suites; E2E_VSCODE_HOST=electron  run the vscode suite with
// @vscode/test-electron (dist/test/vscode/runTest.js) where VS Code can be downloaded;
// ARTICLE_LENS_ARTICLES  dev articles (default ../shared/articles);
// ARTICLE_LENS_E2E_HOME  tool cache (default ~/.cache/article-lens-e2e).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log, printSuiteLine, run } from './lib.mjs';
import { runNvimCheck } from './nvim.mjs';
import { provision } from './provision.mjs';
import { runUiChecks } from './ui.mjs';
import { runVscodeSuite } from './vscodeSuite.mjs';
import { makeWorkspace } from './workspace.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repo, 'test-artifacts', 'e2e');
const devArticles = path.resolve(process.env.ARTICLE_LENS_ARTICLES || path.join(repo, '..', 'shared', 'articles'));
const only = (process.env.E2E_ONLY || 'vscode,ui,nvim').split(',').map(s => s.trim());
const requireAll = process.env.E2E_REQUIRE ? process.env.E2E_REQUIRE === '1' : process.env.CI === 'true';
// development aid: point the editor suites at another extension folder
const extDir = process.env.ARTICLE_LENS_E2E_EXT ? path.resolve(process.env.ARTICLE_LENS_E2E_EXT) : repo;

/** Why `files` (relative to the repo) are not all there, or null. */
function missingBuild(...files) {
  // the extension bundle only matters when the extension is the repo's own
  const gone = files.filter(f => !(f === 'dist/client.js' && extDir !== repo) && !fs.existsSync(path.join(repo, f)));
  return gone.length ? `not built: ${gone.join(', ')} (run node esbuild.mjs)` : null;
}

async function main() {
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'article-lens-e2e-'));
  // also on Ctrl+C, where codeServer.mjs kills the servers and exits
  process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
  const results = [];
  try {
    if (!fs.existsSync(devArticles)) {
      for (const name of only) {
        results.push({ name, passed: 0, failed: 0, skipped: `no dev articles at ${devArticles} (set ARTICLE_LENS_ARTICLES)`, seconds: 0 });
        printSuiteLine(results.at(-1));
      }
      return results;
    }
    const workspace = makeWorkspace(scratch, devArticles);
    const tools = await provision().catch(e => {
      const why = `provisioning failed: ${e.message}`;
      return { why: { codeServer: why, playwright: why, chromium: why, nvim: why } };
    });
    const editorMissing = tools.why.codeServer || tools.why.playwright || tools.why.chromium;

    const suites = {
      vscode: {
        skip: process.env.E2E_VSCODE_HOST === 'electron'
          ? missingBuild('dist/client.js', 'dist/test/vscode/runTest.js', 'dist/test/vscode/suite/index.js')
          : editorMissing || missingBuild('dist/client.js', 'dist/server.js', 'dist/test/vscode/suite/index.js'),
        run: () => (process.env.E2E_VSCODE_HOST === 'electron'
          ? runElectron()
          : runVscodeSuite({ tools, repo, extDir, workspace, stateDir: path.join(scratch, 'state-vscode'), artifacts })),
      },
      ui: {
        skip: editorMissing || missingBuild('dist/client.js', 'dist/server.js'),
        run: () => runUiChecks({ tools, repo, extDir, workspace, stateDir: path.join(scratch, 'state-ui'), artifacts }),
      },
      nvim: {
        skip: tools.why.nvim || missingBuild('dist/server.js'),
        run: () => runNvimCheck({ nvim: tools.nvim, repo, serverDir: extDir, workspace }),
      },
    };
    for (const name of only) {
      const suite = suites[name];
      if (!suite) { results.push({ name, passed: 0, failed: 1, seconds: 0 }); log(`unknown suite ${name}`); continue; }
      const started = Date.now();
      let r;
      if (suite.skip) r = { passed: 0, failed: 0, skipped: suite.skip };
      else {
        log(`${name}: start`);
        try { r = await suite.run(); } catch (e) { console.log(`  ✘ ${name}: ${e.message}`); r = { passed: 0, failed: 1 }; }
      }
      const result = { name, ...r, seconds: (Date.now() - started) / 1000 };
      if (result.failed) keepLogs(path.join(scratch, `state-${name}`), path.join(artifacts, `${name}-logs`));
      printSuiteLine(result);
      results.push(result);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return results;
}

/** Keeps code-server's log and the workbench/extension-host logs of a failed suite. */
function keepLogs(stateDir, dest) {
  if (!fs.existsSync(stateDir)) return;
  fs.mkdirSync(dest, { recursive: true });
  const cs = path.join(stateDir, 'code-server.log');
  if (fs.existsSync(cs)) fs.copyFileSync(cs, path.join(dest, 'code-server.log'));
  const logs = path.join(stateDir, 'user-data', 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dest, 'user-data-logs'), { recursive: true });
  console.log(`  logs kept in ${path.relative(process.cwd(), dest)}`);
}

/** The same suite in a downloaded (or VSCODE_EXECUTABLE) desktop VS Code. */
async function runElectron() {
  const r = await run(process.execPath, [path.join(repo, 'dist/test/vscode/runTest.js')], { timeoutMs: 600000, prefix: '  ' });
  const skipped = /^skipped: (.*)$/m.exec(r.out);
  if (r.code === 3 && skipped) return { passed: 0, failed: 0, skipped: skipped[1] };
  const m = /ARTICLE_LENS_VSCODE_RESULT (\{.*\})/.exec(r.out);
  const counts = m ? JSON.parse(m[1]) : { passed: 0, failed: 1 };
  if (r.code !== 0 && counts.failed === 0) counts.failed = 1;
  return { passed: counts.passed, failed: counts.failed };
}

const results = await main();
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
const skipped = results.filter(r => r.skipped).length;
const shots = fs.existsSync(artifacts) ? fs.readdirSync(artifacts).filter(f => f.endsWith('.png')) : [];
if (shots.length) console.log(`screenshots: ${path.relative(process.cwd(), artifacts) || '.'}/{${shots.join(',')}}`);
if (skipped && requireAll) console.log(`E2E_REQUIRE is on (CI): ${skipped} skipped suite(s) fail the run`);
console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed || (skipped && requireAll) ? 1 : 0);
