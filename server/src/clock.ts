/**
 * Milliseconds from an arbitrary origin, for measuring durations on the host side. Not
 * `performance.now()`: the first touch of Node's `performance` global loads perf_hooks (~2 ms),
 * which a server's first answer would otherwise wait for.
 */
export function nowMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}
