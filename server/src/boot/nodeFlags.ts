/**
 * How the server's Node is started, shared by every launcher (the extension, the bench, the
 * protocol tests' client). Flags are only ever given at start: V8 flags changed at run time while
 * the index's worker threads run crashed the server (a restored `--regexp-tier-up`, SIGSEGV).
 *
 * `--max-semi-space-size=32` (MB, V8's default 16): a keystroke in a 1 MB article allocates ~15 MB
 * of short-lived objects; a larger young generation lets them die there instead of being promoted,
 * which took the 1 MB keystroke from ~88 to ~70 ms p95 with no change in peak memory.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
