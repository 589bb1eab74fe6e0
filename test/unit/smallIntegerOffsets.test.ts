/**
 * Offsets must stay small integers in every `{ start, end, ... }` object. Object literals of the same
 * shape share V8's hidden classes, so one `start` that is not a small integer (a -0 from `-offset`, a
 * fraction) turns the field into a boxed double in every span, mention, token and quote alike: a
 * heap number allocated per field on every write, ~3 MB more garbage per keystroke in a 1 MB article.
 * The test analyses in a child process that V8 runs with --trace-generalization and fails on any
 * `start`/`end` field generalized to a double.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/analyze';
import { createAnalysisMemo } from '../../server/src/analysis/memo';
import { loadEntityResources } from '../../server/src/resources';
import { ENGLISH_ARTICLE, FRENCH_ARTICLE } from '../protocol/fixtures';

const CHILD = 'ARTICLE_LENS_OFFSETS_CHILD';

/** Analyses with and without memos, by the rules and by the model. */
function analyseWithEdits(): void {
  for (const entityResources of [undefined, loadEntityResources()]) {
    let text = `${ENGLISH_ARTICLE}\n\n${FRENCH_ARTICLE}\n\n“It is done,” she said.\n`;
    const memo = createAnalysisMemo();
    for (let k = 0; k < 4; k++) {
      const at = text.indexOf('\n', (text.length * (k + 1)) >> 3);
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      memo.roll();
      analyzeText(text, { entityResources, memo });
    }
    analyzeText(text, { entityResources });
  }
}

if (process.env[CHILD]) analyseWithEdits();
else {
  test('spans keep small-integer offsets (no start/end field becomes a boxed double)', () => {
    // Without baseline code: V8 20's trace aborts when it names a baseline-compiled frame.
    const run = spawnSync(process.execPath, ['--trace-generalization', '--no-sparkplug', __filename], { env: { ...process.env, [CHILD]: '1' }, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(run.status, 0, run.stderr);
    const doubled = run.stdout.split('\n').filter(line => /^\[generalizing\](start|end):.*->d\{/.test(line));
    assert.deepEqual(doubled, []);
  });
}
