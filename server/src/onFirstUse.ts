/**
 * A Node built-in (or any module) loaded when first asked for, not when the server starts: a
 * server's first answer waits for every module loaded before it, and zlib, crypto and
 * worker_threads are needed only by model decoding and workspace indexing (~2–11 ms each).
 */
export function onFirstUse<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}
