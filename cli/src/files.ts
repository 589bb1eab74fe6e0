/**
 * Which files the CLI annotates: the paths given, and inside folders every `*.txt` and `*.article`
 * file (recursively, skipping hidden folders and node_modules), in a stable sorted order.
 */
import fs from 'node:fs';
import path from 'node:path';

const ARTICLE_FILE = /\.(txt|article)$/i;

export interface FileList {
  files: string[];
  /** One line per argument that gave nothing to annotate. */
  errors: string[];
}

/** Expand CLI arguments into article files. */
export function collectArticleFiles(args: string[]): FileList {
  const files: string[] = [];
  const errors: string[] = [];
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      errors.push(`${arg}: no such file or directory`);
      continue;
    }
    if (!stat.isDirectory()) {
      files.push(arg);
      continue;
    }
    const found = walk(arg, errors);
    if (found.length === 0) errors.push(`${arg}: no article files (*.txt, *.article) in this directory`);
    files.push(...found);
  }
  return { files, errors };
}

/** Article files under `dir`; an unreadable folder adds one line to `errors` and the walk goes on. */
export function walk(dir: string, errors: string[]): string[] {
  const found: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    errors.push(`${dir}: cannot read this directory (${(error as NodeJS.ErrnoException).code ?? error})`);
    return found;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(full, errors));
    else if (ARTICLE_FILE.test(entry.name)) found.push(full);
  }
  return found;
}
