// Builds the throw-away workspace every editor test opens: a temp folder named `articles`
// (so our `**/articles/**/*.txt` file pattern applies) holding copies of the dev articles
// and a small `sample.article`. Shared by runTest.ts; scripts/e2e/ has the same in .mjs.
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../tempDir';

/** Creates the workspace and returns the absolute path of its `articles` folder. */
export function makeWorkspace(devArticles: string): string {
  const dir = path.join(tempDir('article-lens-vscode-ws-'), 'articles');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(devArticles).filter(f => f.endsWith('.txt'))) {
    fs.copyFileSync(path.join(devArticles, f), path.join(dir, f));
  }
  fs.writeFileSync(path.join(dir, 'sample.article'), 'PARIS, March 3, 2021 - Angela Merkel met Emmanuel Macron.\n');
  return dir;
}
