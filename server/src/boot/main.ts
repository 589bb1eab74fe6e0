/**
 * The language server's executable (`node dist/server.js --stdio`): runs the server bundle
 * (`dist/serverMain.js`) through a V8 code cache, so a start after the first compiles almost
 * nothing before answering. The cache lives in `--code-cache-dir=<dir>` (the extension passes its
 * global storage), else in the system's temporary folder; `--no-code-cache` turns it off.
 */
import os from 'node:os';
import path from 'node:path';
import { runWithCodeCache } from './codeCache';

function cacheDirOf(argv: string[]): string | undefined {
  if (argv.includes('--no-code-cache')) return undefined;
  const given = argv.find(a => a.startsWith('--code-cache-dir='));
  return given ? given.slice('--code-cache-dir='.length) : path.join(os.tmpdir(), 'article-lens-code-cache');
}

runWithCodeCache(path.join(__dirname, 'serverMain.js'), module, { cacheDir: cacheDirOf(process.argv) });
