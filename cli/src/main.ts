/**
 * The Article Lens command line: annotate article files and folders.
 *   article-lens <files or folders> [--format summary|table|json] [--out DIR]
 * `summary` (default) prints a readable digest per file; `table` lists every annotation; `json`
 * writes one gold-format JSON per article into DIR (or JSON lines on stdout without --out).
 * A file that cannot be annotated prints one line on stderr and makes the exit code 1; the other
 * files are still processed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toAnnotationJson } from '../../server/src/analysis/export/annotationJson';
import { collectArticleFiles } from './files';
import { annotateAll } from './pool';
import { formatSummary, formatTable } from './summary';

const USAGE = `usage: npm start -- <files or folders> [--format summary|table|json] [--out DIR]
  Annotates news articles (*.txt, *.article): people, organizations, places, dates, quotations.
  --format summary  readable digest per article (default)
  --format table    every annotation with its offsets
  --format json     one JSON per article in the gold format (into --out DIR, else JSON lines on stdout)`;

interface Options {
  inputs: string[];
  format: 'summary' | 'table' | 'json';
  out?: string;
}

function parseArgs(argv: string[]): Options | string {
  const options: Options = { inputs: [], format: 'summary' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return USAGE;
    if (arg === '--format' || arg === '--out') {
      const value = argv[++i];
      if (value === undefined) return `${arg} needs a value\n${USAGE}`;
      if (arg === '--out') options.out = value;
      else if (value === 'summary' || value === 'table' || value === 'json') options.format = value;
      else return `unknown format "${value}" (summary, table or json)`;
    } else if (arg.startsWith('--')) {
      return `unknown option ${arg}\n${USAGE}`;
    } else {
      options.inputs.push(arg);
    }
  }
  if (options.inputs.length === 0) return `no files or folders given\n${USAGE}`;
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (typeof options === 'string') {
    const isHelp = options === USAGE;
    (isHelp ? console.log : console.error)(options);
    return isHelp ? 0 : 2;
  }
  const { files, errors } = collectArticleFiles(options.inputs);
  for (const error of errors) console.error(`error: ${error}`);
  if (options.out) fs.mkdirSync(options.out, { recursive: true });
  const progress = process.stderr.isTTY && files.length > 20;
  let failed = errors.length;
  let written = 0;
  const started = Date.now();
  await annotateAll(files, (result, done) => {
    if (progress) process.stderr.write(`\rannotating ${done}/${files.length}`);
    if (!result.ok) {
      failed++;
      console.error(`${progress ? '\n' : ''}error: ${result.file}: ${result.reason}`);
      return;
    }
    if (result.warning) console.error(`warning: ${result.file}: ${result.warning}`);
    const name = path.basename(result.file);
    if (options.format === 'json') {
      const json = toAnnotationJson(name, result.analysis);
      if (options.out) {
        fs.writeFileSync(path.join(options.out, name.replace(/\.[^.]+$/, '') + '.json'), JSON.stringify(json, null, 2) + '\n');
        written++;
      } else {
        console.log(JSON.stringify(json));
      }
    } else {
      console.log((options.format === 'table' ? formatTable : formatSummary)(result.file, result.analysis) + '\n');
    }
  });
  if (progress) process.stderr.write('\n');
  if (options.out) console.error(`wrote ${written} annotation files to ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed) console.error(`${failed} input(s) could not be annotated`);
  return failed ? 1 : 0;
}

main().then(code => { process.exitCode = code; }, error => { console.error(`error: ${(error as Error).stack ?? error}`); process.exitCode = 1; });
