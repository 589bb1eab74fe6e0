// Entry point of the VS Code integration suite: the `run(): Promise<void>` contract that
// @vscode/test-electron and our code-server runner (scripts/e2e/vscodeSuite.mjs) both load in
// the extension host. It runs Mocha (tdd) over the bundled `*.test.js` files beside it, then
// prints one machine-readable line with the counts, because the runner only sees the
// extension host's console and must report individual tests, not just an exit code.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export const RESULT_MARKER = 'ARTICLE_LENS_VSCODE_RESULT';

export function run(): Promise<void> {
  // Mocha's own timeout is a backstop: each test bounds its waits itself (see helpers.ts).
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  const grep = process.env.ARTICLE_LENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(__dirname).filter(f => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run(failures => {
        const s = runner.stats ?? { passes: 0, failures, pending: 0 };
        console.log(`${RESULT_MARKER} ${JSON.stringify({ passed: s.passes, failed: s.failures, pending: s.pending })}`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (e) {
      console.log(`${RESULT_MARKER} ${JSON.stringify({ passed: 0, failed: 1, pending: 0, error: String(e) })}`);
      reject(e);
    }
  });
}
