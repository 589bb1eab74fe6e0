import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cacheFileOf, runWithCodeCache } from '../../server/src/boot/codeCache';
import { tempDir } from '../tempDir';

/** A module with enough code for V8 to cache, which reports that it ran through `module.exports`. */
function writeModule(dir: string, name: string, body = ''): string {
  const file = path.join(dir, name);
  const functions = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }`).join('\n');
  fs.writeFileSync(file, `${functions}\n${body}\nmodule.exports = { ran: true, sum: f7(2) + f9(1), dir: __dirname, builtin: typeof require('node:path').join };\n`);
  return file;
}

test('the first run writes the cache, the next run accepts it and the module still works', () => {
  const dir = tempDir('al-codecache-');
  const cacheDir = path.join(dir, 'cache');
  const file = writeModule(dir, 'mod.js');
  const first = runWithCodeCache(file, module, { cacheDir, writeAfterMs: 60_000 });
  assert.equal(first.status, 'absent');
  first.flush();
  assert.ok(fs.statSync(first.cacheFile!).size > 0, 'cache written');
  const second = runWithCodeCache(file, module, { cacheDir });
  assert.equal(second.status, 'accepted');
  assert.equal(second.cacheFile, first.cacheFile);
});

test('the file runs as a CommonJS module: __dirname, __filename, module and require of builtins', () => {
  const dir = tempDir('al-codecache-');
  const probe = path.join(dir, 'probe.js');
  fs.writeFileSync(probe, `globalThis.__codeCacheProbe = { dir: __dirname, file: __filename, join: typeof require('node:path').join, self: module.filename };`);
  assert.equal(runWithCodeCache(probe, module).status, 'disabled');
  assert.deepEqual((globalThis as { __codeCacheProbe?: unknown }).__codeCacheProbe, { dir, file: probe, join: 'function', self: probe });
});

test('a corrupt cache file is rejected, the module still runs and the cache is rewritten', () => {
  const dir = tempDir('al-codecache-');
  const cacheDir = path.join(dir, 'cache');
  const file = writeModule(dir, 'mod.js');
  const cacheFile = cacheFileOf(cacheDir, file, fs.readFileSync(file, 'utf8'));
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(cacheFile, Buffer.from('not a V8 code cache at all, just bytes'));
  const run = runWithCodeCache(file, module, { cacheDir, writeAfterMs: 60_000 });
  assert.equal(run.status, 'rejected');
  run.flush();
  assert.equal(runWithCodeCache(file, module, { cacheDir }).status, 'accepted');
});

test('a changed file gets a new cache and the old version is removed', () => {
  const dir = tempDir('al-codecache-');
  const cacheDir = path.join(dir, 'cache');
  const file = writeModule(dir, 'mod.js');
  const old = runWithCodeCache(file, module, { cacheDir, writeAfterMs: 60_000 });
  old.flush();
  writeModule(dir, 'mod.js', '// a new version');
  const next = runWithCodeCache(file, module, { cacheDir, writeAfterMs: 60_000 });
  assert.equal(next.status, 'absent');
  assert.notEqual(next.cacheFile, old.cacheFile);
  next.flush();
  assert.deepEqual(fs.readdirSync(cacheDir), [path.basename(next.cacheFile!)]);
});

test('an unwritable cache folder only means no cache', () => {
  const dir = tempDir('al-codecache-');
  const file = writeModule(dir, 'mod.js');
  // A file where the cache folder should be: mkdir and writes fail.
  const blocked = path.join(dir, 'blocked');
  fs.writeFileSync(blocked, '');
  const run = runWithCodeCache(file, module, { cacheDir: path.join(blocked, 'cache'), writeAfterMs: 60_000 });
  assert.equal(run.status, 'absent');
  assert.doesNotThrow(() => run.flush());
  assert.equal(runWithCodeCache(file, module, { cacheDir: path.join(blocked, 'cache') }).status, 'absent');
});

test('a same-length change is caught by the source copy in the cache, not run from stale bytecode', () => {
  const dir = tempDir('al-codecache-');
  const cacheDir = path.join(dir, 'cache');
  const file = writeModule(dir, 'mod.js', 'globalThis.__codeCacheValue = 1;');
  const first = runWithCodeCache(file, module, { cacheDir, writeAfterMs: 60_000 });
  first.flush();
  // Same length, same cache file name: V8 alone would accept the old data (it checks little more than the length).
  writeModule(dir, 'mod.js', 'globalThis.__codeCacheValue = 2;');
  const next = runWithCodeCache(file, module, { cacheDir, writeAfterMs: 60_000 });
  assert.equal(next.cacheFile, first.cacheFile);
  assert.equal(next.status, 'rejected');
  assert.equal((globalThis as { __codeCacheValue?: number }).__codeCacheValue, 2);
  next.flush();
  assert.equal(runWithCodeCache(file, module, { cacheDir }).status, 'accepted');
});
