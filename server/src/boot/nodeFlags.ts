/**
 * How the server's Node is started, shared by every launcher (the extension, the bench).
 *
 * `--no-regexp-tier-up`: V8 runs a regular expression's first match in its bytecode interpreter
 * and compiles it to machine code at the second, which suits one-off patterns. The analyser's are
 * few and large (chrono's, the date rules), all met by the first analysis and run again at once:
 * compiled straight to machine code, they cost the first hover ~40 ms less CPU (~300 → ~260 ms).
 * For the long run V8's default is better (patterns built at run time are compiled again after a
 * GC), so the server returns to it once started (`restoreFlagsAfter`).
 *
 * `--max-semi-space-size=32` (MB, V8's default 16): a keystroke in a 1 MB article allocates ~18 MB
 * of short-lived objects; a larger young generation lets them die there instead of being promoted,
 * which took the 1 MB keystroke from ~88 to ~70 ms p95 with no change in peak memory. It can only
 * be set at start.
 */
import v8 from 'node:v8';

export const SERVER_NODE_FLAGS = ['--no-regexp-tier-up', '--max-semi-space-size=32'];

/** V8's defaults for what `SERVER_NODE_FLAGS` changes. */
export const DEFAULT_FLAGS = '--regexp-tier-up';

/** Sets `flags` after `ms` (a timer that does not keep the process alive). */
export function restoreFlagsAfter(ms: number, flags: string = DEFAULT_FLAGS): void {
  setTimeout(() => v8.setFlagsFromString(flags), ms).unref();
}
