/**
 * The Article Lens command line: annotate article files and folders.
 *   article-lens <files or folders> [--format summary|table|json|brat|conll|jsonl] [--out DIR]
 * `summary` (default) prints a readable digest per file; `table` lists every annotation; `json`
 * writes one gold-format JSON per article into DIR (or JSON lines on stdout without --out);
 * `brat`, `conll` and `jsonl` export for other tools (see `server/src/analysis/export/`). The
 * user's corrections (`NAME.ann` beside each article) and watch-lists apply unless
 * `--no-annotations`.
 * A file that cannot be annotated prints one line on stderr and makes the exit code 1; the other
 * files are still processed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toAnnotationJson } from '../../server/src/analysis/export/annotationJson';
import { writeFileAtomic } from './atomicWrite';
import { BRAT_ANNOTATION_CONF } from '../../server/src/analysis/export/brat';
import { exportAnnotations, EXPORT_EXTENSIONS } from '../../server/src/analysis/export/formats';
import { sidecarPathFor } from '../../server/src/annotations/sidecarFile';
import { collectArticleFiles } from './files';
import { annotateAll } from './pool';
import { formatSummary, formatTable } from './summary';

const USAGE = `usage: npm start -- <files or folders> [--format summary|table|json|brat|conll|jsonl] [--out DIR]
  Annotates news articles (*.txt, *.article): people, organizations, places, dates, quotations.
  --format summary  readable digest per article (default)
  --format table    every annotation with its offsets
  --format json     one JSON per article in the gold format (into --out DIR, else JSON lines on stdout)
  --format brat     brat standoff: NAME.ann, a copy of the text as NAME.txt and annotation.conf into --out DIR (brat, INCEpTION)
  --format conll    CoNLL-2003 columns, IOB2 tags: NAME.conll per article into --out DIR, else all on stdout
  --format jsonl    JSON lines for spaCy and doccano: DIR/annotations.jsonl, else stdout
  --annotations DIR read your corrections (NAME.ann) from DIR instead of beside each article
  --no-annotations  ignore corrections and watch-lists: the recognizers' output alone`;

const FORMATS = ['summary', 'table', 'json', 'brat', 'conll', 'jsonl'] as const;

interface Options {
  inputs: string[];
  format: (typeof FORMATS)[number];
  out?: string;
  annotations?: string;
  noAnnotations?: boolean;
}

function parseArgs(argv: string[]): Options | string {
  const options: Options = { inputs: [], format: 'summary' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return USAGE;
    if (arg === '--no-annotations') {
      options.noAnnotations = true;
    } else if (arg === '--format' || arg === '--out' || arg === '--annotations') {
      const value = argv[++i];
      if (value === undefined) return `${arg} needs a value\n${USAGE}`;
      if (arg === '--out') options.out = value;
      else if (arg === '--annotations') options.annotations = value;
      else if ((FORMATS as readonly string[]).includes(value)) options.format = value as Options['format'];
      else return `unknown format "${value}" (${FORMATS.join(', ')})`;
    } else if (arg.startsWith('--')) {
      return `unknown option ${arg}\n${USAGE}`;
    } else {
      options.inputs.push(arg);
    }
  }
  if (options.inputs.length === 0) return `no files or folders given\n${USAGE}`;
  if (options.format === 'brat' && !options.out) return `--format brat needs --out DIR (one NAME.ann and NAME.txt per article)`;
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
  const jsonl: string[] = [];
  const source = { sidecarDir: options.annotations, ignore: options.noAnnotations };
  await annotateAll(files, (result, done) => {
    if (progress) process.stderr.write(`\rannotating ${done}/${files.length}`);
    if (!result.ok) {
      failed++;
      console.error(`${progress ? '\n' : ''}error: ${result.file}: ${result.reason}`);
      return;
    }
    if (result.warning) console.error(`warning: ${result.file}: ${result.warning}`);
    const name = path.basename(result.file);
    const stem = name.replace(/\.[^.]+$/, '');
    if (options.format === 'brat') {
      const ann = path.resolve(options.out!, `${stem}.ann`);
      // Never write an export over the article's own corrections.
      if (ann === path.resolve(sidecarPathFor(result.file))) {
        failed++;
        console.error(`error: ${result.file}: --out would overwrite its corrections file ${ann}; choose another folder`);
        return;
      }
      writeFileAtomic(ann, exportAnnotations('brat', name, result.text, result.analysis));
      // brat needs the types declared in the collection folder; never replace the user's own.
      const conf = path.join(options.out!, 'annotation.conf');
      if (!fs.existsSync(conf)) writeFileAtomic(conf, BRAT_ANNOTATION_CONF);
      const txt = path.resolve(options.out!, `${stem}.txt`);
      if (txt !== path.resolve(result.file)) writeFileAtomic(txt, result.text);
      written++;
    } else if (options.format === 'conll') {
      const conll = exportAnnotations('conll', name, result.text, result.analysis);
      if (options.out) {
        writeFileAtomic(path.join(options.out, `${stem}${EXPORT_EXTENSIONS.conll}`), conll);
        written++;
      } else {
        process.stdout.write(conll);
      }
    } else if (options.format === 'jsonl') {
      const line = exportAnnotations('jsonl', name, result.text, result.analysis);
      if (options.out) jsonl.push(line);
      else process.stdout.write(line);
    } else if (options.format === 'json') {
      const json = toAnnotationJson(name, result.analysis);
      if (options.out) {
        writeFileAtomic(path.join(options.out, name.replace(/\.[^.]+$/, '') + '.json'), JSON.stringify(json, null, 2) + '\n');
        written++;
      } else {
        console.log(JSON.stringify(json));
      }
    } else {
      console.log((options.format === 'table' ? formatTable : formatSummary)(result.file, result.analysis) + '\n');
    }
  }, undefined, source);
  if (options.out && options.format === 'jsonl') {
    writeFileAtomic(path.join(options.out, 'annotations.jsonl'), jsonl.join(''));
    written = jsonl.length;
  }
  if (progress) process.stderr.write('\n');
  const what = options.format === 'jsonl' ? `${written} articles to ${path.join(options.out ?? '', 'annotations.jsonl')}` : `${written} annotation files to ${options.out}`;
  if (options.out) console.error(`wrote ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed) console.error(`${failed} input(s) could not be annotated`);
  return failed ? 1 : 0;
}

main().then(code => { process.exitCode = code; }, error => { console.error(`error: ${(error as Error).stack ?? error}`); process.exitCode = 1; });
