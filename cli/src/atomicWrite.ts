/**
 * Writing output files so an interrupted run (Ctrl+C, a full disk, a killed CI job) never leaves a
 * truncated annotation file in place of a good one: the content goes to a temporary file beside
 * the target, which is then renamed over it (atomic on one file system).
 */
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, content: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
