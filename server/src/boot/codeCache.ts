/**
 * Runs a bundled CommonJS file through a V8 code cache (Node 20 has no `module.enableCompileCache`).
 * A server's first answer waits for the ~1 MB bundle to be compiled, then for every function the
 * first analysis calls to be compiled lazily; with the cache V8 reuses the bytecode of the last run
 * (~40 ms of the first hover). The cache is keyed by the file's content, the Node version and the
 * architecture, and V8 itself rejects data made by other flags or versions, so a stale or corrupt
 * file only costs a normal compile. It is written once per start, after `writeAfterMs` (so it holds
 * what the first answers compiled) or at exit, atomically, and never anywhere but `cacheDir`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export type CodeCacheStatus = 'accepted' | 'rejected' | 'absent' | 'disabled';

export interface CodeCacheOptions {
  /** Folder of the cache files; undefined runs the file without a cache. */
  cacheDir?: string;
  /** When to write the cache after start (the timer does not keep the process alive). Default 10 s. */
  writeAfterMs?: number;
}

export interface CodeCacheRun {
  status: CodeCacheStatus;
  /** The cache file used or to be written. */
  cacheFile?: string;
  /** Write the cache now if this run has not yet (called by the timer and at exit; exposed for tests). */
  flush(): void;
}

/** The cache file of `source` in `cacheDir`: one per content, Node version and architecture. */
export function cacheFileOf(cacheDir: string, file: string, source: string): string {
  const hash = crypto.createHash('sha256').update(source).update(process.version).update(process.arch).digest('hex').slice(0, 16);
  return path.join(cacheDir, `${path.basename(file, '.js')}-${hash}.bin`);
}

function readCache(cacheFile: string | undefined): Buffer | undefined {
  if (!cacheFile) return undefined;
  try {
    return fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** Write `data` to `cacheFile` through a temporary file (another server may be reading), and drop older versions' caches. */
function writeCache(cacheFile: string, data: Buffer): void {
  try {
    const dir = path.dirname(cacheFile);
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, cacheFile);
    const prefix = path.basename(cacheFile).replace(/-[0-9a-f]+\.bin$/, '-');
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(prefix) && name.endsWith('.bin') && name !== path.basename(cacheFile)) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // A read-only or full disk only means the next start compiles as usual.
  }
}

/** Load and run `file` as the CommonJS module `parent` requires, through the code cache in `options.cacheDir`. */
export function runWithCodeCache(file: string, parent: NodeModule, options: CodeCacheOptions = {}): CodeCacheRun {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = options.cacheDir ? cacheFileOf(options.cacheDir, file, source) : undefined;
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const status: CodeCacheStatus = !cacheFile ? 'disabled' : !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
  let written = status === 'accepted' || status === 'disabled';
  const flush = () => {
    if (written) return;
    written = true;
    writeCache(cacheFile!, script.createCachedData());
  };
  if (!written) {
    setTimeout(flush, options.writeAfterMs ?? 10_000).unref();
    process.once('exit', flush);
  }
  const module = new Module(file, parent);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, module.require.bind(module) as NodeJS.Require, module, file, path.dirname(file));
  return { status, cacheFile, flush };
}
