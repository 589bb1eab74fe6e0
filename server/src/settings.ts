/**
 * The server's view of the `articleLens.*` settings, with the defaults the manifest declares.
 */
export interface Settings {
  /** Largest document analysed, in megabytes. */
  maxFileSize: number;
  inlayHints: { dates: boolean };
  diagnostics: { quotes: boolean };
  /** Extra globs (relative to a workspace folder) of files to index as articles. */
  include: string[];
  /** Globs of files never indexed. */
  exclude: string[];
}

export const DEFAULT_SETTINGS: Settings = { maxFileSize: 5, inlayHints: { dates: true }, diagnostics: { quotes: true }, include: [], exclude: [] };

/** Merge what the client sent over the defaults, ignoring values of the wrong type. */
export function readSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Partial<{ maxFileSize: unknown; inlayHints: { dates?: unknown }; diagnostics: { quotes?: unknown }; include: unknown; exclude: unknown }>;
  const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);
  const globs = (v: unknown) => (Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g.length > 0) : []);
  return {
    maxFileSize: typeof value.maxFileSize === 'number' && value.maxFileSize > 0 ? value.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    inlayHints: { dates: bool(value.inlayHints?.dates, DEFAULT_SETTINGS.inlayHints.dates) },
    diagnostics: { quotes: bool(value.diagnostics?.quotes, DEFAULT_SETTINGS.diagnostics.quotes) },
    include: globs(value.include),
    exclude: globs(value.exclude),
  };
}
