/**
 * Which files the CLI annotates: folders are walked for *.txt and *.article, and a folder that
 * cannot be read is reported as one line while the walk goes on.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { collectArticleFiles, walk } from '../../cli/src/files';
import { tempDir } from '../tempDir';

test('folders give their article files, sorted, skipping hidden folders and other files', () => {
  const dir = tempDir('article-lens-files-');
  for (const f of ['b.txt', 'a.article', 'notes.md', '.hidden/c.txt', 'sub/d.TXT']) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), 'x');
  }
  const { files, errors } = collectArticleFiles([dir]);
  assert.deepEqual(files.map(f => path.relative(dir, f)), ['a.article', 'b.txt', path.join('sub', 'd.TXT')]);
  assert.deepEqual(errors, []);
});

test('an unreadable folder is one error line and the walk returns what it could read', () => {
  const errors: string[] = [];
  assert.deepEqual(walk(path.join(os.tmpdir(), 'article-lens-no-such-folder'), errors), []);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /cannot read this directory \(ENOENT\)/);
});
