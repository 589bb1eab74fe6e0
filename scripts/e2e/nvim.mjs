// Suite "nvim": headless Neovim (Debian's 0.7) runs test/nvim/check.lua against
// `node dist/server.js --stdio` on a dev article: initialize, hover on a person and on a date,
// and the five outline groups. Positions come from searching the article text, in UTF-16
// units as LSP counts them.
import fs from 'node:fs';
import path from 'node:path';
import { run } from './lib.mjs';

/** Line and UTF-16 character of `offset` (+ `into`) in `text`. */
function lspPosition(text, needle, into) {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the article`);
  const before = text.slice(0, at + into).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** @returns {Promise<{ passed: number, failed: number }>} */
export async function runNvimCheck({ nvim, repo, serverDir = repo, workspace, timeoutMs = 90000 }) {
  const server = path.join(serverDir, 'dist/server.js');
  if (!fs.existsSync(server)) throw new Error(`${server} is missing: build first (node esbuild.mjs)`);
  const article = path.join(workspace, '000_ff0c1e383a01bb23.txt');
  const text = fs.readFileSync(article, 'utf8');
  const checks = {
    person: { ...lspPosition(text, 'Chuck Hagel', 7), expect: ['Person', 'Chuck Hagel'] },
    date: { ...lspPosition(text, 'September 5, 2014', 3), expect: ['2014-09-05'] },
    groups: ['People', 'Organizations', 'Places', 'Dates', 'Quotations'],
  };
  const env = {
    ...process.env,
    LSP_CMD_JSON: JSON.stringify([process.execPath, server, '--stdio']),
    CHECKS_JSON: JSON.stringify(checks),
  };
  const r = await run(nvim, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(repo, 'test/nvim/check.lua')}`, article],
    { env, cwd: workspace, timeoutMs, quiet: true });
  let passed = 0;
  let failed = 0;
  for (const line of r.out.split('\n')) {
    const m = /^CHECK (ok|fail) (\S+) ?(.*)$/.exec(line.trim());
    if (!m) continue;
    if (m[1] === 'ok') passed++; else failed++;
    console.log(`  ${m[1] === 'ok' ? '✔' : '✘'} ${m[2]}${m[3] ? `: ${m[3].slice(0, 200)}` : ''}`);
  }
  if (!/^DONE$/m.test(r.out)) {
    failed++;
    console.log(`  ✘ nvim did not finish (exit ${r.code}):\n${r.out.split('\n').slice(-10).join('\n')}`);
  } else if (r.code !== 0 && failed === 0) {
    failed++;
    console.log(`  ✘ nvim exited with ${r.code}`);
  }
  return { passed, failed };
}
