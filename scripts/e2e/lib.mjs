// Shared helpers for the editor end-to-end runners: logging with elapsed time,
// bounded waits (poll until a condition, never a bare sleep as synchronization),
// running a child process with a hard time limit, and the per-suite result record
// that run.mjs sums into the closing "e2e: N passed, M failed, K skipped" line.
import { spawn } from 'node:child_process';
import net from 'node:net';

const t0 = Date.now();

/** Prints `[e2e +12.3s] msg` so a slow step is easy to spot in CI logs. */
export function log(msg) {
  console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
}

/**
 * Calls `check` every `intervalMs` until it returns a truthy value, and returns it.
 * Throws `what` after `timeoutMs`. This is the only way the runners wait for state.
 */
export async function waitFor(what, check, { timeoutMs = 30000, intervalMs = 100 } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

/** Rejects with `what` if `promise` has not settled after `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * Runs a command, streaming its output with a prefix (or capturing it when `quiet`),
 * killing its whole process group after `timeoutMs`. Resolves { code, out }.
 */
export function run(cmd, args, { env, cwd, timeoutMs = 600000, quiet = false, prefix = '' } = {}) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { env: env ?? process.env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = chunk => {
      const s = chunk.toString();
      out += s;
      if (!quiet) process.stdout.write(s.replace(/^(?=.)/gm, prefix));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      out += `\n[killed after ${timeoutMs} ms]\n`;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs);
    child.on('error', e => { clearTimeout(timer); resolve({ code: 127, out: out + String(e) }); });
    child.on('close', code => { clearTimeout(timer); resolve({ code: code ?? 1, out }); });
  });
}

/** A free TCP port on 127.0.0.1, so parallel runs by several engineers do not collide. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * One suite's outcome. `passed`/`failed` count individual checks or tests;
 * `skipped` is set (with a reason) when the suite could not run at all.
 * @typedef {{ name: string, passed: number, failed: number, skipped?: string, seconds: number }} SuiteResult
 */

/** Prints the suite's own result line in the form run.mjs and CI logs expect. */
export function printSuiteLine(r) {
  if (r.skipped) console.log(`${r.name}: skipped: ${r.skipped}`);
  else console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)`);
}
