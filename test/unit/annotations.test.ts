/**
 * The corrections model in the core: span corrections, merges, speakers, watch-list and stop-list
 * merged over the recognizer's output; re-anchoring after edits before, after and inside a
 * corrected span; the sidecar's brat reading and writing (files made elsewhere included).
 */
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/analyze';
import { anchorCorrections, editBetween } from '../../server/src/analysis/corrections/anchor';
import { correctionsFromBrat, correctionsToBrat } from '../../server/src/analysis/corrections/bratCorrections';
import type { Annotations, Correction } from '../../server/src/analysis/corrections/model';
import { SpanIndex } from '../../server/src/analysis/corrections/spanIndex';
import { analysisToBrat } from '../../server/src/analysis/export/brat';
import { offsetMap } from '../../server/src/analysis/export/codePoints';
import type { Analysis } from '../../server/src/analysis/types';
import { loadEntityResources } from '../../server/src/resources';
import { ENGLISH_ARTICLE } from '../protocol/fixtures';

const DATA = path.join(__dirname, '..', '..', '..', 'data');
const resources = loadEntityResources(DATA);

// The shared sample, with a last paragraph of names the recognizer has no reason to know.
const TEXT = [...ENGLISH_ARTICLE.split('\n').slice(0, 6), 'The Blue Tortoise group and Tortoise said nothing. Le Drian was not there.'].join('\n');

const analyze = (text: string, annotations: Annotations) => analyzeText(text, { entityResources: resources, annotations });

/** Mentions as readable lines: `PER "Kerry" → John Kerry`. */
function mentions(analysis: Analysis): string[] {
  return analysis.mentions.map(m => `${m.type.slice(0, 3)} "${m.text}" → ${m.canonical}`);
}

/** A span correction on the `occurrence`-th `needle` of `text`. */
function at<T extends Correction['kind']>(text: string, needle: string, correction: Omit<Extract<Correction, { kind: T }>, 'start' | 'end' | 'text'>, occurrence = 0): Correction {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, needle);
  return { ...correction, start: index, end: index + needle.length, text: needle } as Correction;
}

test('without annotations the analysis is unchanged', () => {
  assert.deepEqual(analyze(TEXT, {}), analyzeText(TEXT, { entityResources: resources }));
});

test('mark as person / organization / place / date, and not an entity', () => {
  const corrections: Correction[] = [
    at<'entity'>(TEXT, 'Blue Tortoise', { kind: 'entity', label: 'ORGANIZATION' }),
    at<'entity'>(TEXT, 'officials', { kind: 'entity', label: 'PERSON' }),
    at<'reject'>(TEXT, 'Paris', { kind: 'reject' }),
    at<'entity'>(TEXT, 'Laurent Fabius', { kind: 'entity', label: 'LOCATION' }),
    at<'entity'>(TEXT, 'the meeting', { kind: 'entity', label: 'DATE', value: '2014-09-01' }),
  ];
  const analysis = analyze(TEXT, { corrections });
  const lines = mentions(analysis);
  assert.ok(lines.includes('ORG "Blue Tortoise" → Blue Tortoise'), lines.join('\n'));
  assert.ok(lines.includes('PER "officials" → officials'));
  assert.ok(lines.includes('LOC "Laurent Fabius" → Laurent Fabius'));
  assert.ok(!lines.some(l => l.includes('"Paris"')));
  assert.ok(analysis.dates.some(d => d.text === 'the meeting' && d.value === '2014-09-01' && d.origin === 'correction'));
  assert.equal(analysis.mentions.find(m => m.text === 'Blue Tortoise')?.origin, 'correction');
  assert.equal(analysis.mentions.find(m => m.text === 'John Kerry')?.origin, undefined);
  assert.ok(!analysis.mentions.some(m => m.text === 'meeting'));
});

test('not an entity removes a date too; marking a date as a person removes the date', () => {
  const rejected = analyze(TEXT, { corrections: [at<'reject'>(TEXT, 'Monday', { kind: 'reject' })] });
  assert.ok(!rejected.dates.some(d => d.text === 'Monday'));
  const retyped = analyze(TEXT, { corrections: [at<'entity'>(TEXT, 'Monday', { kind: 'entity', label: 'PERSON' })] });
  assert.ok(!retyped.dates.some(d => d.text === 'Monday'));
  assert.ok(mentions(retyped).includes('PER "Monday" → Monday'));
});

test('merge: a canonical name on one mention renames its whole entity and joins the target', () => {
  const text = 'John Kerry spoke in Paris. Senator Kerry Jones arrived, and Jones left.';
  const before = analyze(text, {});
  assert.notEqual(before.mentions.find(m => m.text === 'Jones')?.entityId, before.mentions.find(m => m.text === 'John Kerry')?.entityId);
  const merged = analyze(text, { corrections: [at<'entity'>(text, 'Kerry Jones', { kind: 'entity', label: 'PERSON', canonical: 'John Kerry' })] });
  const ids = new Set(merged.mentions.filter(m => /Kerry|Jones/.test(m.text)).map(m => m.entityId));
  assert.deepEqual([...ids], ['PERSON:john kerry']);
  const entity = merged.entities.find(e => e.id === 'PERSON:john kerry')!;
  assert.equal(entity.mentions.length, 3);
  assert.equal(merged.mentions[entity.definition].text, 'John Kerry');
  assert.equal(merged.entities.length, 2);
});

test('set speakers of a quote, by canonical name or mention text', () => {
  const quote = TEXT.slice(TEXT.indexOf('“'), TEXT.indexOf('”') + 1);
  const analysis = analyze(TEXT, { corrections: [at<'speakers'>(TEXT, quote, { kind: 'speakers', speakers: ['Fabius', 'John Kerry'] })] });
  const q = analysis.quotes.find(x => x.text === quote)!;
  assert.deepEqual(q.speakers, ['Laurent Fabius', 'John Kerry']);
  assert.deepEqual(q.speakerIds, ['PERSON:laurent fabius', 'PERSON:john kerry']);
  assert.equal(q.attribution, undefined);
  assert.equal(q.origin, 'correction');
  const none = analyze(TEXT, { corrections: [at<'speakers'>(TEXT, quote, { kind: 'speakers', speakers: [] })] });
  assert.deepEqual(none.quotes.find(x => x.text === quote)!.speakers, []);
  assert.ok(none.problems.some(p => p.code === 'quote-without-speaker'));
});

test('a user-chosen speaker the recognizer missed becomes a mention, except where the user said "not an entity"', () => {
  // A lower-case stage name the tagger never takes for a name.
  const text = 'Paris hosted talks. “We will act now, together,” said bono. Later bono left the room.';
  const quote = text.slice(text.indexOf('“'), text.indexOf('”') + 1);
  const chosen = at<'speakers'>(text, quote, { kind: 'speakers', speakers: ['bono'] });
  const withSpeaker = analyze(text, { corrections: [chosen] });
  assert.deepEqual(withSpeaker.quotes[0].speakers, ['bono']);
  assert.deepEqual(withSpeaker.mentions.filter(m => m.text === 'bono').map(m => m.start), [text.indexOf('bono'), text.lastIndexOf('bono')]);
  const rejected = analyze(text, { corrections: [chosen, at<'reject'>(text, 'bono', { kind: 'reject' }, 1)] });
  assert.deepEqual(rejected.mentions.filter(m => m.text === 'bono').map(m => m.start), [text.indexOf('bono')]);
  assert.ok(rejected.entities.every(e => e.mentions.every(i => rejected.mentions[i].entityId === e.id)));
});

test('watch-list: names and aliases always count, with their canonical name; stop-list never tags', () => {
  const watched = analyze(TEXT, { watchList: [{ name: 'Jean-Yves Le Drian', aliases: ['Le Drian'] }, { name: 'Blue Tortoise', aliases: ['Tortoise'], type: 'ORGANIZATION' }] });
  const lines = mentions(watched);
  assert.ok(lines.includes('PER "Le Drian" → Jean-Yves Le Drian'), lines.join('\n'));
  assert.ok(lines.includes('ORG "Blue Tortoise" → Blue Tortoise'));
  assert.ok(lines.includes('ORG "Tortoise" → Blue Tortoise'));
  assert.equal(watched.mentions.find(m => m.text === 'Le Drian')?.origin, 'watch-list');
  const stopped = analyze(TEXT, { stopList: ['paris', 'WASHINGTON'] });
  assert.ok(!mentions(stopped).some(l => /"Paris"|"WASHINGTON"/.test(l)));
  // A user's span correction beats the stop-list.
  const both = analyze(TEXT, { stopList: ['Paris'], corrections: [at<'entity'>(TEXT, 'Paris', { kind: 'entity', label: 'LOCATION' })] });
  assert.ok(mentions(both).includes('LOC "Paris" → Paris'));
});

test('re-anchoring: edits before, after and inside corrections', () => {
  const kerry = at<'entity'>(TEXT, 'Kerry', { kind: 'entity', label: 'ORGANIZATION' }, 1);
  const paris = at<'reject'>(TEXT, 'Paris', { kind: 'reject' });
  // Insert text before both: they shift; the first "Kerry" (in "John Kerry") must not capture the second's correction.
  const inserted = 'BREAKING NEWS. Kerry Kerry.\n' + TEXT;
  const [k, p] = anchorCorrections(inserted, [kerry, paris], TEXT);
  assert.equal(k.start, kerry.start + 28);
  assert.equal(p.start, paris.start + 28);
  // Without the previous text, the nearest occurrence is taken.
  const [k2] = anchorCorrections(inserted, [kerry]);
  assert.equal(inserted.slice(k2.start, k2.end), 'Kerry');
  // Edit after: unchanged.
  const appended = TEXT + '\nMore text about Paris.';
  assert.deepEqual(anchorCorrections(appended, [kerry, paris], TEXT).map(c => c.start), [kerry.start, paris.start]);
  // The corrected word itself is deleted: orphaned, kept, reported; comes back with undo.
  const deleted = TEXT.replace('in Paris on', 'in on');
  const [orphan] = anchorCorrections(deleted, [paris], TEXT);
  assert.equal(orphan.orphaned, true);
  const analysis = analyze(deleted, { corrections: [paris] });
  assert.ok(analysis.problems.some(pr => pr.code === 'correction-orphaned' && /Paris/.test(pr.message)));
  const [back] = anchorCorrections(TEXT, [orphan], deleted);
  assert.equal(back.orphaned, undefined);
  assert.equal(back.start, paris.start);
  // Deleting a corrected word never moves its correction to the same word further on.
  const twice = TEXT + '\nParis again.';
  const [stays] = anchorCorrections(twice.replace('in Paris on', 'in on'), [paris], twice);
  assert.equal(stays.orphaned, true);
  // Retyping the word in place keeps it.
  const [retyped] = anchorCorrections(TEXT, [paris], TEXT.replace('Paris', 'Pariss'));
  assert.equal(retyped.start, paris.start);
  assert.deepEqual(editBetween('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
});

test('the analysis applies corrections after an edit moved them', () => {
  const correction = at<'entity'>(TEXT, 'Blue Tortoise', { kind: 'entity', label: 'ORGANIZATION' });
  const edited = 'Updated.\n' + TEXT.replace('officials said', 'officials told reporters');
  assert.ok(mentions(analyze(edited, { corrections: [correction] })).includes('ORG "Blue Tortoise" → Blue Tortoise'));
});

test('sidecar brat: corrections written and read back, other tools\' lines kept', () => {
  const quote = TEXT.slice(TEXT.indexOf('“'), TEXT.indexOf('”') + 1);
  const corrections: Correction[] = [
    at<'entity'>(TEXT, 'Kerry', { kind: 'entity', label: 'PERSON', canonical: 'John F. Kerry' }, 1),
    at<'reject'>(TEXT, 'Paris', { kind: 'reject' }),
    at<'entity'>(TEXT, 'Monday', { kind: 'entity', label: 'DATE', value: '2014-09-01' }),
    at<'speakers'>(TEXT, quote, { kind: 'speakers', speakers: ['John Kerry', 'Laurent Fabius'] }),
  ];
  const foreign = ['T40\tMISC 0 10\tWASHINGTON', 'R1\tLocatedIn Arg1:T40 Arg2:T41'];
  const ann = correctionsToBrat(TEXT, corrections, foreign);
  // New ids never collide with the kept lines' (T40).
  assert.match(ann, /^T41\tPERSON \d+ \d+\tKerry$/m);
  assert.match(ann, /^N1\tReference T41 ArticleLens:John_F._Kerry\tJohn F. Kerry$/m);
  assert.match(ann, /^A1\tRejected T42$/m);
  assert.match(ann, /^#\d+\tAnnotatorNotes T42\tnot an entity$/m);
  assert.match(ann, /^T44\tQUOTE .*\n#\d+\tAnnotatorNotes T44\tspeakers: John Kerry; Laurent Fabius$/m);
  const back = correctionsFromBrat(TEXT, ann);
  assert.deepEqual(back.corrections.map(c => ({ ...c, id: undefined })), corrections.map(c => ({ ...c, id: undefined })));
  assert.deepEqual(back.other, foreign);
  // Rewriting keeps ids stable.
  assert.equal(correctionsToBrat(TEXT, back.corrections, back.other), ann);
});

test('sidecar brat: orphaned corrections keep their text and flag', () => {
  const paris = at<'reject'>(TEXT, 'Paris', { kind: 'reject' });
  const deleted = TEXT.replace('Paris', 'Lyon');
  const [orphan] = anchorCorrections(deleted, [paris], TEXT);
  const ann = correctionsToBrat(deleted, [orphan]);
  assert.match(ann, /orphaned: "Paris"/);
  const [read] = correctionsFromBrat(deleted, ann).corrections;
  assert.equal(read.orphaned, true);
  assert.equal(read.text, 'Paris');
  assert.equal(correctionsFromBrat(TEXT, ann).corrections[0].text, 'Paris');
});

test('importing a brat file made elsewhere: type names, relations, equivalences, code-point offsets', () => {
  const text = 'Emoji 😀 first. Barack Obama met Obama fans in Chicago on Monday. “We can do it,” he said.';
  const cp = offsetMap(text);
  const span = (needle: string) => `${cp.toCodePoint(text.indexOf(needle))} ${cp.toCodePoint(text.indexOf(needle) + needle.length)}`;
  const ann = [
    `T1\tPerson ${span('Barack Obama')}\tBarack Obama`,
    `T2\tPER ${span('Obama fans').split(' ')[0]} ${cp.toCodePoint(text.indexOf('Obama fans') + 5)}\tObama`,
    `T3\tGPE ${span('Chicago')}\tChicago`,
    `T4\tTIMEX3 ${span('Monday')}\tMonday`,
    `T5\tQuotation ${span('“We can do it,”')}\t“We can do it,”`,
    `T6\tMISC ${span('Emoji')}\tEmoji`,
    '*\tEquiv T1 T2',
    'R1\tSpeaker Arg1:T5 Arg2:T1',
    'E1\tMeet:T1 Agent:T2',
  ].join('\n');
  const { corrections, other } = correctionsFromBrat(text, ann);
  const byText = Object.fromEntries(corrections.map(c => [c.text, c]));
  assert.equal(text.slice(byText['Chicago'].start, byText['Chicago'].end), 'Chicago');
  assert.deepEqual(byText['Barack Obama'], { kind: 'entity', id: 'T1', start: text.indexOf('Barack'), end: text.indexOf('Barack') + 12, text: 'Barack Obama', label: 'PERSON', canonical: 'Barack Obama' });
  assert.equal((byText['Obama'] as { canonical?: string }).canonical, 'Barack Obama');
  assert.equal((byText['Monday'] as { label: string }).label, 'DATE');
  assert.deepEqual((byText['“We can do it,”'] as { speakers: string[] }).speakers, ['Barack Obama']);
  assert.ok(other.some(l => l.startsWith('T6\tMISC')) && other.some(l => l.startsWith('E1')));
  const analysis = analyze(text, { corrections });
  assert.deepEqual(analysis.quotes.map(q => q.speakers), [['Barack Obama']]);
  assert.equal(analysis.mentions.find(m => m.text === 'Obama')?.canonical, 'Barack Obama');
});

test('code point offsets around astral characters', () => {
  const text = 'a😀b😀c';
  const map = offsetMap(text);
  assert.deepEqual([0, 1, 3, 4, 6, 7].map(map.toCodePoint), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(map.toUtf16), [0, 1, 3, 4, 6, 7]);
});

test('span index: overlap, containment and enumeration', () => {
  const index = new SpanIndex([{ start: 0, end: 10 }, { start: 2, end: 4 }, { start: 20, end: 30 }, { start: 25, end: 26 }]);
  assert.equal(index.anyOverlapping({ start: 10, end: 20 }), false);
  assert.equal(index.anyOverlapping({ start: 9, end: 11 }), true);
  assert.equal(index.anyContaining({ start: 3, end: 10 }), true);
  assert.equal(index.anyContaining({ start: 5, end: 11 }), false);
  assert.deepEqual(index.overlapping({ start: 3, end: 25 }), [{ start: 0, end: 10 }, { start: 2, end: 4 }, { start: 20, end: 30 }]);
});

test('thousands of imported corrections cost about as much as the analysis itself', { timeout: 60000 }, () => {
  // A long article's full brat export imported as its sidecar: every mention, date and quote a correction.
  const text = Array(150).fill(TEXT).join('\n\n');
  const started = performance.now();
  const plain = analyzeText(text, { entityResources: resources });
  const plainMs = performance.now() - started;
  const { corrections } = correctionsFromBrat(text, analysisToBrat(text, plain));
  assert.ok(corrections.length > 1500, `${corrections.length} corrections`);
  const t = performance.now();
  analyze(text, { corrections });
  const correctedMs = performance.now() - t;
  assert.ok(correctedMs < Math.max(2000, 5 * plainMs), `${Math.round(correctedMs)} ms with corrections vs ${Math.round(plainMs)} ms without`);
});
