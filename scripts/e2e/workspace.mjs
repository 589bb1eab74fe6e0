// The throw-away workspace every editor suite opens: a temp folder named `articles` (so the
// extension's `**/articles/**/*.txt` pattern applies) with copies of the dev articles and a
// small `sample.article`. Mirrors test/vscode/workspace.ts, which runTest.ts uses.
import fs from 'node:fs';
import path from 'node:path';

/** Creates `<parent>/articles` and returns its absolute path. */
export function makeWorkspace(parent, devArticles) {
  const dir = path.join(parent, 'articles');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(devArticles).filter(f => f.endsWith('.txt'))) {
    fs.copyFileSync(path.join(devArticles, f), path.join(dir, f));
  }
  fs.writeFileSync(path.join(dir, 'sample.article'), 'PARIS, March 3, 2021 - Angela Merkel met Emmanuel Macron.\n');
  return dir;
}
