/**
 * Runs a bundled CommonJS file through a V8 code cache (Node 20 has no `module.enableCompileCache`).
 * A server's first answer waits for the ~1 MB bundle to be compiled, then for every function the
 * first analysis calls to be compiled lazily; with the cache V8 reuses the bytecode of the last run
 * (~40 ms of the first hover). A cache file holds a copy of the source it was made from and is used
 * only when that copy equals the file byte for byte (V8 itself checks little more than the source's
 * length); V8 rejects data made by other flags or versions, so a stale or corrupt file only costs a
 * normal compile. Comparing bytes rather than hashing them spares every start loading node:crypto
 * (~11 ms). It is written once per start, after `writeAfterMs` (so it holds what the first answers
 * compiled) or at exit, atomically, and never anywhere but `cacheDir`.
 */
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

/** 32-bit FNV-1a of a short string, in hex: names cache files without loading node:crypto. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The cache file of `source` in `cacheDir`: one per source length, Node version and architecture
 * (a changed file mostly changes length and gets a new file; the copy of the source inside decides).
 */
export function cacheFileOf(cacheDir: string, file: string, source: string): string {
  return path.join(cacheDir, `${path.basename(file, '.js')}-${shortHash(`${source.length}|${process.version}|${process.arch}`)}.bin`);
}

/** A cache file: this tag, the source's byte length (uint32 LE), the source's bytes, then V8's data. */
const CACHE_TAG = Buffer.from('ALCC');
const HEADER_BYTES = CACHE_TAG.length + 4;

/** V8's data in `cacheFile` if the file was made from exactly `sourceBytes`; null if it exists but was not; undefined if unreadable. */
function readCache(cacheFile: string | undefined, sourceBytes: Buffer): Buffer | null | undefined {
  if (!cacheFile) return undefined;
  let contents: Buffer;
  try {
    contents = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const sourceEnd = HEADER_BYTES + sourceBytes.length;
  const sameSource = contents.length > sourceEnd && contents.subarray(0, CACHE_TAG.length).equals(CACHE_TAG)
    && contents.readUInt32LE(CACHE_TAG.length) === sourceBytes.length && contents.subarray(HEADER_BYTES, sourceEnd).equals(sourceBytes);
  return sameSource ? contents.subarray(sourceEnd) : null;
}

/** Write `data` made from `sourceBytes` to `cacheFile` through a temporary file (another server may be reading), and drop older versions' caches. */
function writeCache(cacheFile: string, sourceBytes: Buffer, data: Buffer): void {
  try {
    const dir = path.dirname(cacheFile);
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    const header = Buffer.alloc(HEADER_BYTES);
    CACHE_TAG.copy(header);
    header.writeUInt32LE(sourceBytes.length, CACHE_TAG.length);
    fs.writeFileSync(temporary, Buffer.concat([header, sourceBytes, data]));
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
  const sourceBytes = fs.readFileSync(file);
  const source = sourceBytes.toString('utf8');
  const cacheFile = options.cacheDir ? cacheFileOf(options.cacheDir, file, source) : undefined;
  const cached = readCache(cacheFile, sourceBytes);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cached ?? undefined });
  const status: CodeCacheStatus = !cacheFile ? 'disabled' : cached === undefined ? 'absent' : cached === null || script.cachedDataRejected ? 'rejected' : 'accepted';
  let written = status === 'accepted' || status === 'disabled';
  const flush = () => {
    if (written) return;
    written = true;
    writeCache(cacheFile!, sourceBytes, script.createCachedData());
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
