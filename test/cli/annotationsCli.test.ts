/**
 * The CLI with annotations: a sidecar `NAME.ann` beside the article and the nearest
 * `.article-lens/watchlist.json` change its output in every format; `--no-annotations` and
 * `--annotations DIR` choose where corrections come from; `--format brat|conll|jsonl` write files
 * other tools read, and brat never overwrites the article's own corrections.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { correctionsFromBrat } from '../../server/src/analysis/corrections/bratCorrections';
import { parseConll } from '../../server/src/analysis/export/conll';
import { parseJsonl } from '../../server/src/analysis/export/jsonl';
import { tempDir } from '../tempDir';

const CLI = path.resolve(__dirname, '..', '..', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

const TEXT = 'WASHINGTON, Sept. 5, 2014\n\nSecretary of State John Kerry met allies in Paris, said tortoise trust.\n\n“We will not stand by while this threat grows,” Kerry said. Le Drian agreed.\n';
const at = (needle: string) => `${TEXT.indexOf(needle)} ${TEXT.indexOf(needle) + needle.length}`;
const SIDECAR = [`T1\tORGANIZATION ${at('tortoise trust')}\ttortoise trust`, `T2\tLOCATION ${at('Paris')}\tParis`, 'A1\tRejected T2', '#1\tAnnotatorNotes T2\tnot an entity', ''].join('\n');

function setup() {
  const dir = tempDir('article-lens-cli-ann-');
  fs.mkdirSync(path.join(dir, 'articles'));
  fs.writeFileSync(path.join(dir, 'articles', 'a.txt'), TEXT);
  fs.writeFileSync(path.join(dir, 'articles', 'a.ann'), SIDECAR);
  fs.mkdirSync(path.join(dir, '.article-lens'));
  fs.writeFileSync(path.join(dir, '.article-lens', 'watchlist.json'), JSON.stringify({ people: [{ name: 'Jean-Yves Le Drian', aliases: ['Le Drian'] }] }));
  return dir;
}

test('corrections and the watch-list apply to the table; --no-annotations ignores them', () => {
  const dir = setup();
  const table = run(path.join(dir, 'articles'), '--format', 'table');
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /ORGANIZATION\s+\d+-\d+\s+tortoise trust/);
  assert.doesNotMatch(table.stdout, /LOCATION\s+\d+-\d+\s+Paris/);
  assert.match(table.stdout, /PERSON\s+\d+-\d+\s+Le Drian\s+Jean-Yves Le Drian/);
  const bare = run(path.join(dir, 'articles'), '--format', 'table', '--no-annotations');
  assert.match(bare.stdout, /LOCATION\s+\d+-\d+\s+Paris/);
  assert.doesNotMatch(bare.stdout, /tortoise trust/);
  // Corrections from another folder of sidecars.
  fs.mkdirSync(path.join(dir, 'elsewhere'));
  fs.renameSync(path.join(dir, 'articles', 'a.ann'), path.join(dir, 'elsewhere', 'a.ann'));
  const moved = run(path.join(dir, 'articles'), '--format', 'table', '--annotations', path.join(dir, 'elsewhere'));
  assert.match(moved.stdout, /ORGANIZATION\s+\d+-\d+\s+tortoise trust/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--format brat writes NAME.ann and NAME.txt for brat, and refuses to overwrite the sidecar', () => {
  const dir = setup();
  const out = path.join(dir, 'brat');
  const result = run(path.join(dir, 'articles'), '--format', 'brat', '--out', out);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(fs.readdirSync(out).sort(), ['a.ann', 'a.txt', 'annotation.conf']);
  assert.match(fs.readFileSync(path.join(out, 'annotation.conf'), 'utf8'), /^\[entities\]\nPERSON\n/);
  assert.equal(fs.readFileSync(path.join(out, 'a.txt'), 'utf8'), TEXT);
  const { corrections } = correctionsFromBrat(TEXT, fs.readFileSync(path.join(out, 'a.ann'), 'utf8'));
  assert.ok(corrections.some(c => c.kind === 'entity' && c.text === 'tortoise trust' && c.label === 'ORGANIZATION'));
  assert.ok(corrections.some(c => c.kind === 'speakers' && c.speakers.includes('John Kerry')));
  const clobber = run(path.join(dir, 'articles'), '--format', 'brat', '--out', path.join(dir, 'articles'));
  assert.equal(clobber.status, 1);
  assert.match(clobber.stderr, /would overwrite its corrections file/);
  assert.equal(fs.readFileSync(path.join(dir, 'articles', 'a.ann'), 'utf8'), SIDECAR);
  assert.equal(run(path.join(dir, 'articles'), '--format', 'brat').status, 2, 'brat needs --out');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--format conll and jsonl, to stdout and into --out', () => {
  const dir = setup();
  const conll = run(path.join(dir, 'articles'), '--format', 'conll');
  assert.equal(conll.status, 0, conll.stderr);
  const words = parseConll(conll.stdout).flat();
  assert.deepEqual(words.filter(w => w.word === 'tortoise' || w.word === 'trust').map(w => w.tag), ['B-ORG', 'I-ORG']);
  assert.equal(words.find(w => w.word === 'Paris')?.tag, 'O');
  const out = path.join(dir, 'out');
  assert.equal(run(path.join(dir, 'articles'), '--format', 'conll', '--out', out).status, 0);
  assert.ok(fs.existsSync(path.join(out, 'a.conll')));
  const jsonl = run(path.join(dir, 'articles'), '--format', 'jsonl', '--out', out);
  assert.equal(jsonl.status, 0, jsonl.stderr);
  const [record] = parseJsonl(fs.readFileSync(path.join(out, 'annotations.jsonl'), 'utf8'));
  assert.equal(record.text, TEXT);
  assert.ok(record.entities.some(([s, e, l]) => TEXT.slice(s, e) === 'tortoise trust' && l === 'ORGANIZATION'));
  assert.deepEqual(record.label, record.entities);
  fs.rmSync(dir, { recursive: true, force: true });
});
