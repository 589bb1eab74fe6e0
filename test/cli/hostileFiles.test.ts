/**
 * The CLI on hostile files (issue 9): binary, NUL bytes, 50 MB, invalid UTF-8, UTF-16 with a BOM
 * (both byte orders), CRLF and lone CR, a 1 MB single line, 10,000 unbalanced quote marks, emoji
 * and combining accents. One run over a folder of all of them (enough files for the worker pool):
 * each unreadable file gets one clear `error:` line, the others gold-format JSON whose UTF-16
 * offsets point at exactly the text they claim. The 50 MB file lives in a temp folder only.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { cutsGrapheme, fiftyMegabytes, HOSTILE_CASES, justUnderTheLimit } from '../protocol/hostileTexts';
import { tempDir } from '../tempDir';

const CLI = path.resolve(__dirname, '..', '..', 'cli.js');

interface Span { start: number; end: number; text: string }

test('hostile files: clear errors for binary and oversized files, exact offsets for the rest', { timeout: 180_000 }, t => {
  const dir = tempDir('article-lens-hostile-');
  const out = tempDir('article-lens-hostile-out-');
  t.after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });
  for (const c of HOSTILE_CASES) fs.writeFileSync(path.join(dir, c.name), c.bytes());
  fs.writeFileSync(path.join(dir, 'fifty-mb.txt'), fiftyMegabytes());
  fs.writeFileSync(path.join(dir, 'just-under-limit.txt'), justUnderTheLimit());

  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI, dir, '--format', 'json', '--out', out], { encoding: 'utf8', timeout: 170_000 });
  const seconds = (Date.now() - started) / 1000;
  assert.equal(result.signal, null, `the CLI did not finish: ${result.stderr}`);
  assert.equal(result.status, 1, result.stderr);
  const errors = result.stderr.split('\n').filter(l => l.startsWith('error:'));
  const refused = [...HOSTILE_CASES.filter(c => c.expect !== 'analysed').map(c => c.name), 'fifty-mb.txt'];
  assert.deepEqual(errors.map(l => path.basename(l.slice(7, l.indexOf(': ', 7)))).sort(), refused.sort(), result.stderr);
  assert.match(result.stderr, /binary\.txt: binary file/);
  assert.match(result.stderr, /fifty-mb\.txt: too large \(5\d\.\d MB; the limit is 5\.0 MB, setting articleLens\.maxFileSize\)/);

  for (const c of HOSTILE_CASES.filter(c => c.expect === 'analysed')) {
    if (c.warning) assert.match(result.stderr, new RegExp(`warning: .*${c.name}: ${c.warning.source}`));
    const json = JSON.parse(fs.readFileSync(path.join(out, c.name.replace(/\.txt$/, '.json')), 'utf8')) as { mentions: Span[]; dates: Span[]; quotes: Span[] };
    const text = c.text().replace(/^\ufeff/, ''); // decoders drop the byte-order mark, as editors do
    const spans = [...json.mentions, ...json.dates, ...json.quotes];
    for (const span of spans) {
      assert.equal(text.slice(span.start, span.end), span.text, `${c.name}: [${span.start}, ${span.end})`);
      assert.ok(!cutsGrapheme(text, span.start) && !cutsGrapheme(text, span.end), `${c.name}: "${span.text}" cuts a character`);
    }
    for (const needle of c.found ?? []) assert.ok(spans.some(s => s.text === needle), `${c.name}: "${needle}" not found in ${spans.slice(0, 20).map(s => s.text).join(' | ')}`);
  }
  const big = JSON.parse(fs.readFileSync(path.join(out, 'just-under-limit.json'), 'utf8')) as { mentions: Span[]; dates: Span[] };
  assert.ok(big.mentions.length > 10_000 && big.dates.length > 10_000, 'the 4.9 MB article is analysed whole');
  t.diagnostic(`CLI: ${HOSTILE_CASES.length + 2} hostile files in ${seconds.toFixed(1)} s`);
});

test('output files are replaced atomically: no temporary file is left, an old good file is only ever replaced whole', { timeout: 60_000 }, t => {
  const dir = tempDir('article-lens-atomic-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(dir, 'a.txt'), 'Angela Merkel visited Paris on Monday.\n');
  fs.writeFileSync(path.join(out, 'a.json'), '{"old": true}\n');
  const result = spawnSync(process.execPath, [CLI, path.join(dir, 'a.txt'), '--format', 'json', '--out', out], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(fs.readdirSync(out), ['a.json']);
  assert.ok(JSON.parse(fs.readFileSync(path.join(out, 'a.json'), 'utf8')).mentions.length > 0);
});

test('pipes and devices named like articles are refused, never read (reading would block or never end)', { timeout: 60_000, skip: process.platform === 'win32' && 'no FIFOs' }, t => {
  const dir = tempDir('article-lens-special-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'good.txt'), 'Angela Merkel visited Paris on Monday.\n');
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
  const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.txt')]);
  const result = spawnSync(process.execPath, [CLI, dir, '--format', 'json', '--out', path.join(dir, 'out')], { encoding: 'utf8', timeout: 50_000 });
  assert.equal(result.signal, null, 'the CLI did not hang');
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stderr, /zero\.txt: not a regular file/);
  if (fifo.status === 0) assert.match(result.stderr, /pipe\.txt: not a regular file/);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'out')), ['good.json']);
});
