/**
 * How the server's Node is started, shared by every launcher (the extension, the bench, the
 * protocol tests' client). Flags are only ever given at start: V8 flags changed at run time while
 * the index's worker threads run crashed the server (a restored `--regexp-tier-up`, SIGSEGV).
 *
 * `--no-regexp-tier-up`: V8 runs a regular expression's first match in its bytecode interpreter
 * and compiles it to machine code at the second, which suits one-off patterns. The analyser's are
 * few and large (chrono's, the date rules), all met by the first analysis and run again at once:
 * compiled straight to machine code, the first hover comes ~60 ms sooner (~315 → ~255 ms without
 * a code cache, ~265 → ~200 ms with one). Throughput and keystroke latency measured the same.
 *
 * `--max-semi-space-size=32` (MB, V8's default 16): a keystroke in a 1 MB article allocates ~15 MB
 * of short-lived objects; a larger young generation lets them die there instead of being promoted,
 * which took the 1 MB keystroke from ~88 to ~70 ms p95 (loaded machine) with no change in peak memory.
 */
export const SERVER_NODE_FLAGS = ['--no-regexp-tier-up', '--max-semi-space-size=32'];

/**
 * Environment entries every launcher sets for the server, over its own environment.
 * `NODE_EXTRA_CA_CERTS` makes Node read and parse that certificate file while it boots, before any
 * server code runs: ~70 ms of every start on a machine that sets it (corporate proxies do; the
 * bench machine does). The server opens no connection at all (test/protocol/noNetwork.test.ts), so
 * it is cleared; empty is what Node reads as unset (the extension client can only merge entries
 * over the extension host's environment, not remove them).
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { NODE_EXTRA_CA_CERTS: '' };
