/**
 * The sidecar file on disk: `NAME.ann` beside `NAME.txt` / `NAME.article` (brat's naming, so brat
 * and INCEpTION find it). Writes are atomic: the content goes to a temporary file in the same
 * folder, is flushed to disk (fsync), then renamed over the sidecar, and the folder is flushed, so
 * a reader sees the old file or the new one, never a partial one, even if the process dies between
 * the write and the rename (the orphaned temporary file is ignored and cleaned up later). Writers
 * in several processes (two editors on one workspace) take a lock file so read-modify-write cycles
 * never interleave.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The sidecar path of an article: same folder, same base name, `.ann`. */
export function sidecarPathFor(articlePath: string): string {
  const parsed = path.parse(articlePath);
  return path.join(parsed.dir, `${parsed.name}.ann`);
}

/** Temporary files of interrupted writes start with this, beside the sidecar. */
export const TEMP_PREFIX = '.article-lens-tmp-';

/** The sidecar's content, or undefined when there is none (or it cannot be read). */
export function readSidecar(sidecarPath: string): string | undefined {
  try {
    // A FIFO or device named NAME.ann would block the server forever.
    if (!fs.statSync(sidecarPath).isFile()) return undefined;
    return fs.readFileSync(sidecarPath, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

let sequence = 0;

/**
 * Write `content` to `target` atomically (temp file + fsync + rename + fsync of the folder).
 * `beforeRename` is a test hook: it runs once the temporary file is complete and flushed.
 */
export function writeFileAtomic(target: string, content: string, beforeRename?: (tempPath: string) => void): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `${TEMP_PREFIX}${path.basename(target)}.${process.pid}.${++sequence}`);
  const fd = fs.openSync(temp, 'w', 0o644);
  try {
    fs.writeFileSync(fd, content, 'utf8');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    beforeRename?.(temp);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  try {
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    /* some file systems cannot fsync a folder; the rename itself is still atomic */
  }
}

/** Remove temporary files left beside `target` by writers that died more than `olderThanMs` ago. */
export function cleanStaleTemps(target: string, olderThanMs = 60_000): void {
  const dir = path.dirname(target);
  const prefix = `${TEMP_PREFIX}${path.basename(target)}.`;
  try {
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith(prefix)) continue;
      const file = path.join(dir, name);
      if (Date.now() - fs.statSync(file).mtimeMs > olderThanMs) fs.rmSync(file, { force: true });
    }
  } catch {
    /* best effort */
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Run `action` holding the lock of `target` (`target.lock`, created exclusively). Waits up to
 * `timeoutMs` for another holder; a lock older than `staleMs` is taken to be a dead writer's.
 * Synchronous on purpose: a correction is a few hundred bytes and must be on disk before the
 * command answers.
 */
export function withFileLock<T>(target: string, action: () => T, timeoutMs = 3000, staleMs = 10_000): T {
  const lock = `${target}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > staleMs) fs.rmSync(lock, { force: true });
      } catch {
        /* released meanwhile */
      }
      if (Date.now() - started > timeoutMs) throw new Error(`${path.basename(target)} is locked by another writer (${lock})`);
      Atomics.wait(sleeper, 0, 0, 10);
    }
  }
  try {
    return action();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
