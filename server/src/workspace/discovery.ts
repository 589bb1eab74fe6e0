/**
 * Which files of a workspace are articles: the language contribution's rules (`*.article`, any
 * `*.txt` under a folder named `articles`) plus the user's `articleLens.include` globs, minus
 * `articleLens.exclude`. Hidden folders and node_modules are never walked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { matchesAny } from './glob';

export const DEFAULT_INCLUDE = ['**/*.article', '**/articles/**/*.txt'];
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];

export interface DiscoveryRules {
  include: readonly string[];
  exclude: readonly string[];
}

/**
 * Whether a file is an article under `rules`. The language's own patterns match the absolute path,
 * as VS Code's `filenamePatterns` do (a workspace opened *on* a folder named `articles` counts);
 * the user's globs are relative to the workspace folder, like other VS Code file settings.
 */
export function isArticlePath(relativePath: string, rules: DiscoveryRules, absolutePath = relativePath): boolean {
  const absolute = absolutePath.replace(/\\/g, '/');
  const included = matchesAny(absolute, DEFAULT_INCLUDE) || matchesAny(relativePath, rules.include);
  return included && !matchesAny(absolute, DEFAULT_EXCLUDE) && !matchesAny(relativePath, rules.exclude);
}

/** Every article file under `folder` (absolute paths, sorted), stopping early when `cancelled()` says so. */
export function discoverArticles(folder: string, rules: DiscoveryRules, cancelled: () => boolean = () => false): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (cancelled()) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: skip it, the rest of the workspace still indexes
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && isArticlePath(path.relative(folder, full), rules, full)) found.push(full);
    }
  };
  walk(folder);
  return found;
}
