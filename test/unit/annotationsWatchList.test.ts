/**
 * Where watch-lists come from on the host: settings and `.article-lens/watchlist.json` (found by
 * walking up from an article for the CLI), malformed entries skipped, bad JSON reported.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { annotationsFingerprint, loadArticleAnnotations } from '../../server/src/annotations/articleAnnotations';
import { collectLists, findWatchListFile, readWatchListFile, sanitizeStopList, sanitizeWatchList } from '../../server/src/annotations/watchListFile';
import { tempDir } from '../tempDir';

test('malformed watch-list entries are skipped, types normalized, bare strings accepted', () => {
  assert.deepEqual(
    sanitizeWatchList([{ name: ' Jean-Yves Le Drian ', aliases: ['Le Drian', 3, ''] }, { name: 'Daech', type: 'organization' }, 'Fabius', { aliases: ['x'] }, null, 7, { name: 'X', type: 'MISC' }]),
    [{ name: 'Jean-Yves Le Drian', aliases: ['Le Drian'] }, { name: 'Daech', type: 'ORGANIZATION' }, { name: 'Fabius' }, { name: 'X' }],
  );
  assert.deepEqual(sanitizeWatchList({ name: 'not an array' }), []);
  assert.deepEqual(sanitizeStopList(['Reuters', 4, ' AFP ', '']), ['Reuters', 'AFP']);
});

test('the workspace file: read, found from below, merged with settings; bad JSON is reported', () => {
  const root = tempDir('article-lens-watch-');
  fs.mkdirSync(path.join(root, '.article-lens'));
  fs.mkdirSync(path.join(root, 'articles', '2014'), { recursive: true });
  const file = path.join(root, '.article-lens', 'watchlist.json');
  fs.writeFileSync(file, JSON.stringify({ people: [{ name: 'Jean-Yves Le Drian', aliases: ['Le Drian'] }], stopList: ['Reuters'] }));
  assert.equal(findWatchListFile(path.join(root, 'articles', '2014')), file);
  assert.deepEqual(collectLists({ people: ['Fabius'], stopList: ['AFP'] }, [root]), {
    watchList: [{ name: 'Fabius' }, { name: 'Jean-Yves Le Drian', aliases: ['Le Drian'] }],
    stopList: ['AFP', 'Reuters'],
  });
  const article = path.join(root, 'articles', '2014', 'a.txt');
  fs.writeFileSync(article, 'Le Drian spoke.');
  assert.deepEqual(loadArticleAnnotations(article, 'Le Drian spoke.').annotations.stopList, ['Reuters']);
  const before = annotationsFingerprint(article);
  fs.writeFileSync(path.join(root, 'articles', '2014', 'a.ann'), 'T1\tPERSON 0 8\tLe Drian\n');
  assert.notEqual(annotationsFingerprint(article), before, 'a new sidecar changes the fingerprint');
  fs.writeFileSync(file, '{ people: [');
  const logged: string[] = [];
  assert.deepEqual(readWatchListFile(file, m => logged.push(m)), { watchList: [], stopList: [] });
  assert.match(logged[0], /not valid JSON/);
  fs.rmSync(root, { recursive: true, force: true });
});
