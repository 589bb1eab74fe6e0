/**
 * The sidecar file on disk: atomic writes (a process killed between writing the temporary file
 * and renaming it leaves the old sidecar whole; readers racing a writer only ever see a whole
 * old or new file) and the lock that serializes read-modify-write cycles of several processes.
 * The writers are child processes running this same file with `SIDECAR_CHILD` set.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { cleanStaleTemps, readSidecar, sidecarPathFor, TEMP_PREFIX, withFileLock, writeFileAtomic } from '../../server/src/annotations/sidecarFile';
import { tempDir } from '../tempDir';

const role = process.env.SIDECAR_CHILD;
const target = process.env.SIDECAR_TARGET ?? '';

if (role === 'crash') {
  // Complete and flush the temporary file, then die before the rename.
  writeFileAtomic(target, 'T1\tPERSON 0 4\tJohn\nT2\tPERSON 5 10\tKerry\n', () => process.kill(process.pid, 'SIGKILL'));
} else if (role === 'flip') {
  const [a, b] = ['a', 'b'].map(c => `${c.repeat(200_000)}\n`);
  for (let i = 0; i < 150; i++) writeFileAtomic(target, i % 2 ? a : b);
} else if (role === 'count') {
  for (let i = 0; i < 40; i++) {
    withFileLock(target, () => {
      const n = Number(readSidecar(target) ?? '0');
      writeFileAtomic(target, String(n + 1));
    });
  }
} else {
  const run = (child: string, file: string) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(resolve => {
      const p = spawn(process.execPath, [__filename], { env: { ...process.env, SIDECAR_CHILD: child, SIDECAR_TARGET: file }, stdio: 'inherit' });
      p.on('exit', (code, signal) => resolve({ code, signal }));
    });
  const newFolder = () => tempDir('article-lens-sidecar-');

  test('the sidecar sits beside the article with the same base name', () => {
    assert.equal(sidecarPathFor('/a/b/story.txt'), '/a/b/story.ann');
    assert.equal(sidecarPathFor('/a/b/story.v2.article'), '/a/b/story.v2.ann');
  });

  test('a crash between write and rename leaves the old sidecar whole', { timeout: 20000 }, async () => {
    const dir = newFolder();
    const file = path.join(dir, 'story.ann');
    const old = 'T1\tLOCATION 0 5\tParis\nA1\tRejected T1\n';
    fs.writeFileSync(file, old);
    const { signal } = await run('crash', file);
    assert.equal(signal, 'SIGKILL');
    assert.equal(readSidecar(file), old, 'the old file, not a partial or a new one');
    const temps = fs.readdirSync(dir).filter(n => n.startsWith(TEMP_PREFIX));
    assert.equal(temps.length, 1, 'the interrupted write left its temporary file');
    cleanStaleTemps(file, 0);
    assert.deepEqual(fs.readdirSync(dir), ['story.ann']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('readers racing a writer see a whole old or new file, never a partial one', { timeout: 60000 }, async () => {
    const dir = newFolder();
    const file = path.join(dir, 'story.ann');
    const [a, b] = ['a', 'b'].map(c => `${c.repeat(200_000)}\n`);
    fs.writeFileSync(file, a);
    const writer = run('flip', file);
    let done = false;
    void writer.then(() => (done = true));
    let reads = 0;
    while (!done) {
      const content = readSidecar(file);
      assert.ok(content === a || content === b, `partial read of ${content?.length} characters`);
      reads++;
      await new Promise(resolve => setImmediate(resolve));
    }
    assert.equal((await writer).code, 0);
    assert.ok(reads > 10, `only ${reads} reads`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the lock serializes read-modify-write cycles of several processes', { timeout: 60000 }, async () => {
    const dir = newFolder();
    const file = path.join(dir, 'counter.ann');
    const results = await Promise.all([run('count', file), run('count', file), run('count', file)]);
    assert.deepEqual(results.map(r => r.code), [0, 0, 0]);
    assert.equal(readSidecar(file), '120', 'no increment lost');
    assert.ok(!fs.existsSync(`${file}.lock`));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a stale lock left by a dead writer is taken over; a live one times out', () => {
    const dir = newFolder();
    const file = path.join(dir, 'story.ann');
    fs.writeFileSync(`${file}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    assert.equal(withFileLock(file, () => 'ran'), 'ran');
    fs.writeFileSync(`${file}.lock`, '');
    assert.throws(() => withFileLock(file, () => 'ran', 50), /locked by another writer/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
