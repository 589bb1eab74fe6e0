// Bundles the extension client, the language server, the CLI and the tests with esbuild.
// usage: node esbuild.mjs [--watch] [--production] [--quiet]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const quiet = process.argv.includes('--quiet');

/** Every `*.ts` file under `dir` whose name matches `pattern`. */
function filesUnder(dir, pattern) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).filter(f => pattern.test(f)).map(f => path.join(dir, f));
}

const common = {
  bundle: true,
  platform: 'node',
  // es2022, not node18: for node targets esbuild rewrites every \p{…} regex literal into a
  // `new RegExp()` built at each evaluation, which costs the recognizers' hot loops dearly.
  // Node 18 (VS Code's oldest supported extension host here) runs all of ES2022.
  target: 'es2022',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  logLevel: quiet ? 'error' : 'info',
  // chrono-node ships ESM and CJS; prefer the CJS entry so bundles stay plain CommonJS.
  mainFields: ['main', 'module'],
};

// vscode-languageserver's node entry loads node:crypto (random pipe names) and node:child_process
// (finding global npm/yarn modules) at start, for transports and helpers a stdio server never uses;
// loading them delayed the first answer by ~13 ms. In the server bundle they load on first use.
const lazyVscodeBuiltins = {
  name: 'lazy-vscode-builtins',
  setup(build) {
    build.onResolve({ filter: /^(crypto|child_process)$/ }, args =>
      /[\\/]node_modules[\\/]vscode-/.test(args.importer) ? { path: args.path, namespace: 'lazy-builtin' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, args => ({
      contents: `let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:${args.path}'))[key] });`,
      loader: 'js',
    }));
  },
};

// V8 checks every regular-expression literal while parsing: in the pre-parse of functions not yet
// called, again when they compile, and a literal with Unicode property classes (\p{L}) costs
// 0.07–0.5 ms each time. A server's first start parsed ~90 of them before its first answer. In the
// analysis code each such literal without the g or y flag becomes one RegExp built at its first
// use and reused (same matches: a regex without those flags keeps no state between uses), so each
// pattern is parsed only when first used; one with g or y outside any function (evaluated once)
// becomes the same `new RegExp`. The sources are unchanged; only the bundles differ.
const lazyUnicodeRegExps = {
  name: 'lazy-unicode-regexps',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/].*\.ts$/ }, async args => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const file = ts.createSourceFile(args.path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
      const edits = [];
      const onceEdits = [];
      const insideFunction = node => {
        for (let up = node.parent; up; up = up.parent) if (ts.isFunctionLike(up) || ts.isClassLike(up)) return true;
        return false;
      };
      const visit = node => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const literal = node.getText(file);
          const slash = literal.lastIndexOf('/');
          const [source, flags] = [literal.slice(1, slash), literal.slice(slash + 1)];
          if (/\\[pP]\{/.test(source)) {
            const edit = { start: node.getStart(file), end: node.end, source, flags };
            if (!/[gy]/.test(flags)) edits.push(edit);
            else if (!insideFunction(node)) onceEdits.push(edit);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      if (!edits.length && !onceEdits.length) return undefined;
      const construct = edit => `new RegExp(${JSON.stringify(edit.source)}, ${JSON.stringify(edit.flags)})`;
      const all = [...edits.map((edit, i) => ({ ...edit, text: `(lazyRegExp${i} ??= ${construct(edit)})` })), ...onceEdits.map(edit => ({ ...edit, text: construct(edit) }))];
      let out = text;
      for (const edit of all.sort((a, b) => b.start - a.start)) out = `${out.slice(0, edit.start)}${edit.text}${out.slice(edit.end)}`;
      if (edits.length) out += `\nvar ${edits.map((_, i) => `lazyRegExp${i}: RegExp | undefined`).join(', ')};\n`;
      return { contents: out, loader: 'ts' };
    });
  },
};

const products = [
  // The extension: `vscode` is provided by the editor at run time.
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/boot/main.ts', serverMain: 'server/src/main.ts', indexWorker: 'server/src/workspace/indexWorker.ts', cli: 'cli/src/main.ts', bench: 'cli/src/bench.ts', worker: 'cli/src/worker.ts' }, outdir: 'dist', plugins: [lazyVscodeBuiltins, lazyUnicodeRegExps] },
];
if (!production) {
  const tests = ['test/unit', 'test/protocol', 'test/cli'].flatMap(dir => filesUnder(dir, /\.test\.ts$/));
  const scripts = filesUnder('scripts', /\.ts$/);
  const entries = Object.fromEntries([...tests, ...scripts].map(f => [f.replace(/\.ts$/, ''), f]));
  if (Object.keys(entries).length) products.push({ ...common, entryPoints: entries, outdir: 'dist', plugins: [lazyUnicodeRegExps] });
  const suite = filesUnder('test/vscode', /\.ts$/);
  if (suite.length) {
    products.push({ ...common, entryPoints: Object.fromEntries(suite.map(f => [f.replace(/\.ts$/, ''), f])), outdir: 'dist', external: ['vscode', 'mocha'] });
  }
}

const existing = products.map(p => ({ ...p, entryPoints: Object.fromEntries(Object.entries(p.entryPoints).filter(([, f]) => fs.existsSync(f))) }))
  .filter(p => Object.keys(p.entryPoints).length);

if (watch) {
  for (const p of existing) await (await esbuild.context(p)).watch();
} else {
  await Promise.all(existing.map(p => esbuild.build(p)));
}
