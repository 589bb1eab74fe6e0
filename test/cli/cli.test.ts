/**
 * The CLI as a user runs it: annotate the dev articles to gold-format JSON and validate the output
 * with the shared checker; bad inputs give one clear line each and a non-zero exit while the other
 * files are still annotated.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../tempDir';

const CLI = path.resolve(__dirname, '..', '..', 'cli.js');
const SHARED = process.env.ARTICLE_LENS_SHARED ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

test('annotates the dev articles into gold-format JSON that the shared checker accepts', { skip: !fs.existsSync(SHARED) && `no shared folder at ${SHARED}` }, () => {
  const out = tempDir('article-lens-cli-');
  const result = run(path.join(SHARED, 'articles'), '--format', 'json', '--out', out);
  assert.equal(result.status, 0, result.stderr);
  const articles = fs.readdirSync(path.join(SHARED, 'articles')).filter(f => f.endsWith('.txt'));
  assert.deepEqual(fs.readdirSync(out).sort(), articles.map(f => f.replace(/\.txt$/, '.json')).sort());
  const check = spawnSync(process.execPath, [path.join(SHARED, 'gold', 'check.mjs'), out, path.join(SHARED, 'articles')], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /all consistent/);
  const first = JSON.parse(fs.readFileSync(path.join(out, fs.readdirSync(out)[0]), 'utf8'));
  assert.ok(first.mentions.length > 10, 'a real article has many mentions');
  assert.ok(first.dates.length > 0 && first.quotes.length > 0);
});

test('summary output lists people, dates with ISO values and quotations with speakers', () => {
  const dir = tempDir('article-lens-cli-');
  fs.writeFileSync(path.join(dir, 'a.article'), 'WASHINGTON, Sept. 5, 2014\n\nSecretary of State John Kerry met allies in Paris.\n\n“We will not stand by while this threat grows,” Kerry said.\n');
  const result = run(dir);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /People \(1\): John Kerry ×2/);
  assert.match(result.stdout, /Sept\. 5, 2014 → 2014-09-05/);
  assert.match(result.stdout, /John Kerry: “We will not stand by/);
  const table = run(dir, '--format', 'table');
  assert.match(table.stdout, /PERSON\s+\d+-\d+\s+John Kerry\s+John Kerry/);
  assert.match(table.stdout, /QUOTE\s+\d+-\d+\s+“We will not stand by.*John Kerry/);
});

test('bad inputs: one clear line each, exit code 1, the good files still annotated', () => {
  const dir = tempDir('article-lens-cli-');
  fs.writeFileSync(path.join(dir, 'good.txt'), 'Angela Merkel visited Paris on Monday.\n');
  fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2]));
  fs.writeFileSync(path.join(dir, 'empty.txt'), '');
  const emptyDir = tempDir('article-lens-empty-');
  const out = tempDir('article-lens-out-');
  const result = run(dir, path.join(dir, 'missing.txt'), emptyDir, '--format', 'json', '--out', out);
  assert.equal(result.status, 1);
  const errors = result.stderr.split('\n').filter(l => l.startsWith('error:'));
  assert.equal(errors.length, 3, result.stderr);
  assert.ok(errors.some(l => /missing\.txt: no such file/.test(l)));
  assert.ok(errors.some(l => /binary\.txt: binary file/.test(l)));
  assert.ok(errors.some(l => /no article files/.test(l)));
  assert.deepEqual(fs.readdirSync(out).sort(), ['empty.json', 'good.json']);
});

test('usage errors exit 2 with the usage text', () => {
  const result = run('--format', 'xml', 'x');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /unknown format "xml"/);
  assert.equal(run().status, 2);
  assert.equal(run('--help').status, 0);
});
