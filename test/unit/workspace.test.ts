/**
 * The workspace layer without a server: glob matching and article discovery rules, the index's
 * cross-file joins (ids, last-name aliases, overrides by open documents) and fuzzy symbol search.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isArticlePath } from '../../server/src/workspace/discovery';
import { fuzzyScore, WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { globToRegExp } from '../../server/src/workspace/glob';
import type { FileSummary } from '../../server/src/workspace/fileSummary';

test('globs: ** spans folders, * stays in one segment, braces are alternatives', () => {
  assert.ok(globToRegExp('**/articles/**/*.txt').test('/home/u/news/articles/2016/a.txt'));
  assert.ok(globToRegExp('**/articles/**/*.txt').test('articles/a.txt'));
  assert.ok(!globToRegExp('**/articles/**/*.txt').test('notes/a.txt'));
  assert.ok(globToRegExp('clippings/*.{txt,md}').test('clippings/x.md'));
  assert.ok(!globToRegExp('clippings/*.txt').test('clippings/deep/x.txt'));
});

test('article files: language patterns on the absolute path, user globs relative to the folder', () => {
  const none = { include: [], exclude: [] };
  assert.ok(isArticlePath('a.txt', none, '/ws/articles/a.txt'), 'a workspace opened on an articles folder');
  assert.ok(isArticlePath('x/b.article', none, '/ws/x/b.article'));
  assert.ok(!isArticlePath('notes.txt', none, '/ws/notes.txt'));
  assert.ok(isArticlePath('clips/n.txt', { include: ['clips/*.txt'], exclude: [] }, '/ws/clips/n.txt'));
  assert.ok(!isArticlePath('drafts/a.article', { include: [], exclude: ['drafts/**'] }, '/ws/drafts/a.article'));
  assert.ok(!isArticlePath('node_modules/p/a.article', none, '/ws/node_modules/p/a.article'));
});

const person = (id: string, canonical: string, lines: number[]) => ({ id, type: 'PERSON' as const, canonical, mentions: lines.map(l => [l, 0, l, 5] as [number, number, number, number]) });
const file = (entities: FileSummary['entities'], speakerIds: string[][] = []): FileSummary => ({
  language: 'en', date: null, entities,
  quotes: speakerIds.map((ids, i) => ({ range: [i, 0, i, 9], text: '“…”', speakerIds: ids, speakers: ids })),
});

test('the index joins files by entity id and a last-name-only person to the unique full name', () => {
  const index = new WorkspaceIndex();
  index.setFile('file:///a', file([person('PERSON:john kerry', 'John Kerry', [1, 3])], [['PERSON:john kerry']]));
  index.setFile('file:///b', file([person('PERSON:kerry', 'Kerry', [2])], [['PERSON:kerry'], []]));
  index.setFile('file:///c', file([person('PERSON:angela merkel', 'Angela Merkel', [0])]));
  const people = index.people();
  assert.deepEqual(people.map(p => [p.canonical, p.articleCount, p.mentionCount, p.quoteCount]), [['John Kerry', 2, 3, 2], ['Angela Merkel', 1, 1, 0]]);
  assert.equal(index.resolveId('PERSON:kerry'), 'PERSON:john kerry');
  assert.deepEqual(index.personFiles('PERSON:kerry').map(f => [f.uri, f.quotes.length]), [['file:///a', 1], ['file:///b', 1]]);
  index.deleteFile('file:///b');
  assert.equal(index.people()[0].articleCount, 1);
});

test('an open document overrides its indexed version until closed', () => {
  const index = new WorkspaceIndex();
  index.setFile('file:///a', file([person('PERSON:john kerry', 'John Kerry', [1])]));
  index.setOverride('file:///a', file([person('PERSON:chuck hagel', 'Chuck Hagel', [1])]));
  assert.deepEqual(index.people().map(p => p.canonical), ['Chuck Hagel']);
  index.setOverride('file:///a', undefined);
  assert.deepEqual(index.people().map(p => p.canonical), ['John Kerry']);
});

test('fuzzy search prefers contiguous and word-start matches, rejects out-of-order letters', () => {
  assert.ok(fuzzyScore('angela merkel', 'merk') > fuzzyScore('angela merkel', 'mrkl'));
  assert.ok(fuzzyScore('angela merkel', 'mrkl') >= 0);
  assert.equal(fuzzyScore('angela merkel', 'lkrm'), -1);
  const index = new WorkspaceIndex();
  index.setFile('file:///a', file([person('PERSON:angela merkel', 'Angela Merkel', [0]), person('PERSON:mark kelly', 'Mark Kelly', [1])]));
  assert.deepEqual(index.searchEntities('merkel').map(e => e.canonical), ['Angela Merkel']);
});
