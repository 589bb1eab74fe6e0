/**
 * Where watch-lists and stop-lists come from on the host: the settings `articleLens.people`
 * (`[{ "name": "Jean-Yves Le Drian", "aliases": ["Le Drian"] }]`) and `articleLens.stopList`
 * (`["Reuters"]`), and a workspace file `.article-lens/watchlist.json` holding
 * `{ "people": [...], "stopList": [...] }` that a team can commit with its articles. The CLI
 * finds that file by walking up from each article's folder. Malformed entries are skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WatchEntry } from '../analysis/corrections/model';

/** The workspace file, relative to a workspace folder. */
export const WATCHLIST_FILE = path.join('.article-lens', 'watchlist.json');

/** A watch-list and a stop-list, as the core takes them. */
export interface Lists {
  watchList: WatchEntry[];
  stopList: string[];
}

const TYPES = new Set(['PERSON', 'ORGANIZATION', 'LOCATION']);

/** Well-formed watch entries from untrusted JSON. */
export function sanitizeWatchList(raw: unknown): WatchEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: WatchEntry[] = [];
  for (const item of raw) {
    if (typeof item === 'string' && item.trim()) {
      out.push({ name: item.trim() });
      continue;
    }
    const value = item as { name?: unknown; aliases?: unknown; type?: unknown };
    if (!value || typeof value.name !== 'string' || !value.name.trim()) continue;
    const entry: WatchEntry = { name: value.name.trim() };
    if (Array.isArray(value.aliases)) entry.aliases = value.aliases.filter((a): a is string => typeof a === 'string' && !!a.trim()).map(a => a.trim());
    if (typeof value.type === 'string' && TYPES.has(value.type.toUpperCase())) entry.type = value.type.toUpperCase() as WatchEntry['type'];
    out.push(entry);
  }
  return out;
}

/** Well-formed stop-list names from untrusted JSON. */
export function sanitizeStopList(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string' && !!s.trim()).map(s => s.trim()) : [];
}

/** The lists in one `watchlist.json`; empty when missing or unreadable (the reason goes to `log`). */
export function readWatchListFile(file: string, log: (message: string) => void = () => undefined): Lists {
  let text: string;
  try {
    // A FIFO or device in place of the file would block the server forever.
    if (!fs.statSync(file).isFile()) return { watchList: [], stopList: [] };
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { watchList: [], stopList: [] };
  }
  try {
    const json = JSON.parse(text) as { people?: unknown; stopList?: unknown };
    return { watchList: sanitizeWatchList(json.people), stopList: sanitizeStopList(json.stopList) };
  } catch (error) {
    log(`${file}: not valid JSON (${(error as Error).message})`);
    return { watchList: [], stopList: [] };
  }
}

/** The nearest `.article-lens/watchlist.json` at or above `dir`, if any. */
export function findWatchListFile(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, WATCHLIST_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

/** Settings lists plus the workspace folders' files, concatenated. */
export function collectLists(settings: { people?: unknown; stopList?: unknown } | undefined, folders: readonly string[], log?: (message: string) => void): Lists {
  const lists: Lists = { watchList: sanitizeWatchList(settings?.people), stopList: sanitizeStopList(settings?.stopList) };
  for (const folder of folders) {
    const file = readWatchListFile(path.join(folder, WATCHLIST_FILE), log);
    lists.watchList.push(...file.watchList);
    lists.stopList.push(...file.stopList);
  }
  return lists;
}
