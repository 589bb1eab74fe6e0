/**
 * `npm run bench`: throughput and latencies, printed as a table. Speed is measured here, never in
 * timed tests. Corpus: the dev articles repeated to at least 1 MB (generated in memory, nothing
 * written). Figures: full pipeline MB/s on one core, each stage's share (entities, dates, quotes),
 * per-article latency p50/p95, model load time, pathological inputs (10,000 unmatched quote marks,
 * one 1 MB paragraph), and the real server's start-to-first-hover time over stdio.
 * usage: npm run bench -- [articles folder]   (default ../shared/articles)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeText } from '../../server/src/analysis/analyze';
import { findReferenceDate, recognizeDates } from '../../server/src/analysis/dates/index';
import { recognizeEntities } from '../../server/src/analysis/entities/index';
import { detectLanguage } from '../../server/src/analysis/language';
import { layoutText } from '../../server/src/analysis/layout';
import { scanQuotes } from '../../server/src/analysis/quotes/index';
import { loadEntityResources } from '../../server/src/resources';

const folder = process.argv[2] ?? path.resolve(__dirname, '..', '..', 'shared', 'articles');
const articles = fs.readdirSync(folder).filter(f => /\.(txt|article)$/.test(f)).map(f => fs.readFileSync(path.join(folder, f), 'utf8'));
if (!articles.length) throw new Error(`no articles in ${folder}`);

const MB = 1024 * 1024;
const bytes = (texts: string[]) => texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const corpus: string[] = [];
while (bytes(corpus) < MB) corpus.push(...articles);
const corpusBytes = bytes(corpus);

const rows: Array<[string, string]> = [];
const report = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name.padEnd(48)} ${value}`);
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const time = (fn: () => void) => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};

console.log(`corpus: ${articles.length} articles from ${folder}, repeated to ${(corpusBytes / MB).toFixed(2)} MB (${corpus.length} texts)\n`);

let loadMillis = 0;
const resources = (() => {
  const started = performance.now();
  const loaded = loadEntityResources();
  loadMillis = performance.now() - started;
  return loaded;
})();
report('entity model + gazetteers load', `${loadMillis.toFixed(0)} ms`);

// Warm up the JIT on one pass, then measure a second.
for (const text of articles) analyzeText(text, { entityResources: resources });
const latencies: number[] = [];
const total = time(() => {
  for (const text of corpus) latencies.push(time(() => analyzeText(text, { entityResources: resources })));
});
report('full pipeline throughput (one core)', `${(corpusBytes / MB / (total / 1000)).toFixed(2)} MB/s`);
report('per-article analysis p50 / p95', `${percentile(latencies, 50).toFixed(2)} ms / ${percentile(latencies, 95).toFixed(2)} ms`);

const layouts = corpus.map(text => layoutText(text, p => detectLanguage(p, 'en')));
const stage = (name: string, fn: (i: number) => void) => {
  const millis = time(() => corpus.forEach((_, i) => fn(i)));
  report(`${name} alone`, `${(corpusBytes / MB / (millis / 1000)).toFixed(2)} MB/s`);
};
stage('layout + language', i => layoutText(corpus[i], p => detectLanguage(p, 'en')));
stage('entities', i => recognizeEntities(layouts[i], resources));
stage('dates', i => recognizeDates(layouts[i], findReferenceDate(layouts[i])));
stage('quotes (scan)', i => scanQuotes(layouts[i]));

const unmatched = 'He said “ and then '.repeat(10_000);
report('10,000 unmatched quote marks (one paragraph)', `${time(() => analyzeText(unmatched, { entityResources: resources })).toFixed(0)} ms for ${(unmatched.length / 1024).toFixed(0)} KB`);
const mixed = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? '«' : i % 3 === 1 ? '”' : '"')).join(' word ');
report('10,000 mixed unpaired marks', `${time(() => analyzeText(mixed, { entityResources: resources })).toFixed(0)} ms`);
let paragraph = '';
while (paragraph.length < MB) paragraph += articles[0].replace(/\s*\n\s*/g, ' ') + ' ';
report('one 1 MB paragraph', `${time(() => analyzeText(paragraph, { entityResources: resources })).toFixed(0)} ms`);

async function serverFirstHover(): Promise<{ start: number; hover: number }> {
  const server = spawn(process.execPath, [path.join(__dirname, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const started = performance.now();
  let buffer = Buffer.alloc(0);
  const waiting = new Map<number, (value: unknown) => void>();
  server.stdout!.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())?.[1]);
      if (buffer.length < header + 4 + length) return;
      const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString());
      buffer = buffer.subarray(header + 4 + length);
      if (message.id !== undefined && waiting.has(message.id)) waiting.get(message.id)!(message.result);
    }
  });
  let id = 0;
  const send = (method: string, params: unknown, notify = false) => {
    const message: Record<string, unknown> = { jsonrpc: '2.0', method, params };
    if (!notify) message.id = ++id;
    const body = JSON.stringify(message);
    server.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return notify ? Promise.resolve(undefined) : new Promise(resolve => waiting.set(id, resolve));
  };
  await send('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  const initialized = performance.now() - started;
  await send('initialized', {}, true);
  const text = articles[0];
  const uri = 'file:///bench/article.article';
  await send('textDocument/didOpen', { textDocument: { uri, languageId: 'article', version: 1, text } }, true);
  const word = text.search(/\p{Lu}\p{Ll}{3,}/u);
  const before = text.slice(0, word);
  const position = { line: before.split('\n').length - 1, character: word - (before.lastIndexOf('\n') + 1) };
  await send('textDocument/hover', { textDocument: { uri }, position });
  const hover = performance.now() - started;
  await send('shutdown', null);
  await send('exit', null, true);
  server.kill();
  return { start: initialized, hover };
}

serverFirstHover().then(({ start, hover }) => {
  report('server start → initialize answered', `${start.toFixed(0)} ms`);
  report('server start → first hover answered', `${hover.toFixed(0)} ms`);
  console.log(`\npeak RSS ${(process.memoryUsage().rss / MB).toFixed(0)} MB`);
});
