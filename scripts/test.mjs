// `npm test`: build, typecheck, then the unit, protocol and CLI tests (node's test runner), then the
// real-editor suites (scripts/e2e/run.mjs: VS Code in code-server, Playwright UI, Neovim).
// Prints one closing line "N passed, M failed, K skipped" over everything; exits non-zero on any failure.
// usage: node scripts/test.mjs [--no-e2e]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const totals = { passed: 0, failed: 0, skipped: 0 };
const step = (title, command, args, env = {}) => {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${title}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status ?? 1;
};

if (step('build', process.execPath, ['esbuild.mjs', '--quiet']) !== 0) process.exit(1);
if (step('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit']) !== 0) totals.failed++;

// node's test runner: readable spec output on the terminal, TAP into a file for the counts.
const tap = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'article-lens-test-')), 'results.tap');
const dirs = ['dist/test/unit', 'dist/test/protocol', 'dist/test/cli'].filter(d => fs.existsSync(d));
const files = dirs.flatMap(d => fs.readdirSync(d).filter(f => f.endsWith('.test.js')).map(f => path.join(d, f)));
step('unit, protocol and CLI tests', process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files]);
const counts = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
const count = name => Number(counts.match(new RegExp(`^# ${name} (\\d+)`, 'm'))?.[1] ?? 0);
totals.passed += count('pass');
totals.failed += count('fail') + count('cancelled');
totals.skipped += count('skipped') + count('todo');
if (!counts) totals.failed++;

if (!process.argv.includes('--no-e2e') && fs.existsSync('scripts/e2e/run.mjs')) {
  // Streamed and captured: its closing line "e2e: N passed, M failed, K skipped" carries the counts.
  console.log('\n=== real-editor suites (VS Code in code-server, Playwright UI, Neovim)');
  const started = Date.now();
  let output = '';
  const status = await new Promise(resolve => {
    const child = spawn(process.execPath, ['scripts/e2e/run.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', chunk => { process.stdout.write(chunk); output += chunk; });
    child.on('close', code => resolve(code ?? 1));
  });
  console.log(`=== real-editor suites: exit ${status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const e2e = output.match(/^e2e: (\d+) passed, (\d+) failed, (\d+) skipped/m);
  if (e2e) {
    totals.passed += Number(e2e[1]);
    totals.failed += Number(e2e[2]);
    totals.skipped += Number(e2e[3]);
  }
  if (status !== 0 && !(e2e && Number(e2e[2]) > 0)) totals.failed++;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed ? 1 : 0);
