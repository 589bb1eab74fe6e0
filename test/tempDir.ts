/**
 * Temporary folders for tests, removed when the test process exits (even when a test fails or a
 * server child still holds a file), so test runs leave nothing behind in the system temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];
process.on('exit', () => {
  for (const dir of created) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // A folder made unreadable by the test itself: leave it rather than fail the run.
    }
  }
});

/** A new empty folder under the system temp folder, named `prefix` + random letters. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}
