import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { EMPTY_LEXICON } from '../../server/src/analysis/entities/features';
import { decodeModel, encodeModel, expandModel } from '../../server/src/analysis/entities/modelFormat';
import { PairTable } from '../../server/src/analysis/entities/pairTable';
import { bilouTags, denseModel, tagSentence, trainTagger } from '../../server/src/analysis/entities/perceptron';
import { buildView } from '../../server/src/analysis/entities/view';
import { WORDS, WordTable, recordsOf } from '../../server/src/analysis/entities/wordTable';

test('the word table interns words once and empties itself only between sentences', () => {
  const table = new WordTable(6);
  // The padding words take ids 0 and 1 in every generation.
  const first = table.sentence(['Kerry', 'met', 'Kerry']);
  assert.equal(first[0], first[2]);
  assert.deepEqual(first.map(r => r.id), [2, 3, 2]);
  assert.equal(first[0].lower, 'kerry');
  assert.equal(first[0].short, 'Xx');
  assert.equal(table.generation, 0);
  // 4 words + 3 new ones would pass the limit of 6: the table is emptied first, and the whole
  // sentence lands in the new generation, even past the limit.
  const second = table.sentence(['Hagel', 'and', 'Kerry', 'Paris', 'Rome']);
  assert.equal(table.generation, 1);
  assert.deepEqual(second.map(r => r.id), [2, 3, 4, 5, 6]);
  assert.notEqual(second[2], first[0]);
  assert.equal(table.size, 7);
  assert.equal(table.record('<S>').id, 0);
  assert.equal(table.record('</S>').id, 1);
  // Cased code points and capitals, counted by case mapping (an ASCII fast path skips the mapping).
  for (let code = 0; code < 0x80; code++) {
    const ch = String.fromCharCode(code);
    const record = table.record(ch);
    assert.equal(record.codeCapitals, ch !== ch.toLowerCase() ? 1 : 0, `code ${code}`);
    assert.equal(record.codeLetters, ch !== ch.toUpperCase() || ch !== ch.toLowerCase() ? 1 : 0, `code ${code}`);
  }
  assert.deepEqual([table.record('Élan😀ß').codeLetters, table.record('Élan😀ß').codeCapitals], [5, 1]);
  // Words differing only in case share a lower-case id.
  const third = table.sentence(['KERRY', 'Kerry']);
  assert.equal(third[0].lowerId, third[1].lowerId);
});

/** A tagger trained on two sentences: enough features for the tests below. */
function tinyModel() {
  const rows: [string, string][] = [
    ['Alice Brown met Carol White in Paris .', 'B-PER L-PER O B-PER L-PER O U-LOC O'],
    ['Dan Green visited Rome .', 'B-PER L-PER O U-LOC O'],
  ];
  return trainTagger(
    rows.map(([s, t]) => ({ view: buildView(s.split(' ')).view, tags: t.split(' ') })),
    { types: ['PER', 'LOC'], epochs: 3, lexicon: EMPTY_LEXICON },
  );
}

test('a view built before the word table was emptied tags as it did', () => {
  const model = tinyModel();
  const view = buildView('Eve Black met Dan Green in Rome .'.split(' ')).view;
  const before = tagSentence(model, view, EMPTY_LEXICON);
  // Fill the shared table with new words until it empties, so the view's ids now name other words.
  const generation = WORDS.generation;
  for (let k = 0; WORDS.generation === generation; k++) WORDS.sentence(Array.from({ length: 1000 }, (_, j) => `w${k}x${j}`));
  assert.notEqual(recordsOf(view), view.records);
  assert.deepEqual(tagSentence(model, view, EMPTY_LEXICON), before);
  // A fresh view of other words reuses those ids without seeing the old weights.
  const other = buildView('Rome met Paris .'.split(' ')).view;
  assert.deepEqual(tagSentence(model, other, EMPTY_LEXICON), tagSentence(model, buildView('Rome met Paris .'.split(' ')).view, EMPTY_LEXICON));
});

test('the pair table keeps offsets for a sentence and empties itself only in reserve', () => {
  const table = new PairTable(2, 4); // rows of 2 floats, 16 slots, 8 pairs at most
  table.reserve(3);
  assert.equal(table.find(7), -1);
  const a = table.addRow(Float32Array.of(1, 2));
  table.set(7, a);
  table.set(9, 0); // an unknown pair: row 0, zeros
  assert.equal(table.find(7), a);
  assert.equal(table.find(9), 0);
  assert.deepEqual(Array.from(table.weights.subarray(0, 2)), [0, 0]);
  // Rows added past the slab's first size move it, offsets stay valid.
  const offsets = Array.from({ length: 2000 }, (_, k) => table.addRow(Float32Array.of(k, -k)));
  assert.deepEqual(Array.from(table.weights.subarray(offsets[1999], offsets[1999] + 2)), [1999, -1999]);
  assert.deepEqual(Array.from(table.weights.subarray(a, a + 2)), [1, 2]);
  // Past its limit, the next reserve empties the table.
  table.reserve(3);
  assert.equal(table.find(7), -1);
  assert.equal(table.size, 0);
  assert.equal(table.addRow(Float32Array.of(5, 6)), 2);
});

test('the pair table grows as pairs come, keeping every offset', () => {
  const table = new PairTable(1, 19);
  table.reserve(20_000);
  for (let k = 0; k < 20_000; k++) table.set(k * 7919, k);
  for (let k = 0; k < 20_000; k++) assert.equal(table.find(k * 7919), k);
  assert.equal(table.find(3), -1);
});

test('a decoded model knows which feature prefixes it has', () => {
  const model = tinyModel();
  const bytes = encodeModel(model, { minWeight: 0 });
  const decoded = decodeModel(bytes);
  const names = [...expandModel(bytes).index.keys()];
  assert.ok(names.length > 10);
  // Every prefix of every feature is found, and a prefix is found exactly when some feature has it.
  for (const name of names) for (let k = 0; k <= name.length; k++) assert.ok(decoded.hasPrefix!(name.slice(0, k)), name.slice(0, k));
  for (const prefix of ['la=alice|', 'la=alice|brown', 'lb=carol|', 'la=zed|', 'la=alice|zz', 'zzz', '\u00e9', 'la=alice|brownie'])
    assert.equal(decoded.hasPrefix!(prefix), names.some(n => n.startsWith(prefix)), prefix);
  assert.equal(decodeModel(encodeModel(model, { minWeight: 1e9 })).hasPrefix!(''), false);
});

test('word-pair prefix flags kept by lower-case id are emptied with the word table', () => {
  // One feature only: "alice" before "brown" is a one-word person.
  const tags = bilouTags(['PER']);
  const weights = new Float32Array(tags.length);
  weights[tags.indexOf('U-PER')] = 5;
  const model = decodeModel(encodeModel(denseModel(tags, new Map([['la=alice|brown', 0]]), weights, {}), { minWeight: 0 }));
  /** A view of `words` made just as the table empties, so its first word gets the first free lower-case id. */
  const firstInGeneration = (words: string[]) => {
    for (let k = 0; WORDS.size + words.length <= WORDS.limit; k++) WORDS.sentence(Array.from({ length: Math.min(1000, WORDS.limit - WORDS.size) }, (_, j) => `q${k}x${j}`));
    const generation = WORDS.generation;
    const view = buildView(words).view;
    assert.equal(WORDS.generation, generation + 1);
    return view;
  };
  // "zed" has no `la=zed|…` feature, and the tagger remembers it for zed's lower-case id …
  const zed = firstInGeneration(['zed', 'brown', '.']);
  assert.deepEqual(tagSentence(model, zed, EMPTY_LEXICON), ['O', 'O', 'O']);
  // … then "alice" takes that id in the next generation: its word-pair weights must count.
  const alice = firstInGeneration(['alice', 'brown', '.']);
  assert.equal(alice.records![0].lowerId, zed.records![0].lowerId);
  assert.deepEqual(tagSentence(model, alice, EMPTY_LEXICON), ['U-PER', 'O', 'O']);
});
