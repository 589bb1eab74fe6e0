import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { NameIndex } from '../../server/src/analysis/entities/nameIndex';

/** The index of `names` laid out as the model file stores them: UTF-8, joined by "\n". */
function indexOf(names: string[]): NameIndex {
  return new NameIndex(new TextEncoder().encode(names.join('\n')), names.length);
}

test('the name index finds every name at its row, and nothing else', () => {
  // Sorted or not does not matter to the index; ASCII, accented, CJK and astral names all hash as UTF-8.
  const names = ['', 'bias', 'l=kerry', 'l=kerr', 'w=Kerry', 'l=élysée', 'x3=sée', 'l=日本', 'w=😀', 'la=a|b', 'p1=É'];
  for (let k = 0; k < 5000; k++) names.push(`l=w${(k * 7919) % 100_003}`, `x${k % 4}=${String.fromCharCode(0x61 + (k % 26), 0xe0 + (k % 30))}${k}`);
  const index = indexOf(names);
  names.forEach((name, row) => assert.equal(index.find(name), row, name));
  for (const absent of ['l=ker', 'l=kerryx', 'w=kerry', 'l=elysee', 'l=日', 'w=😁', 'la=a|', 'biasx', 'l=w100003', 'x0=a\u00e0'])
    assert.equal(index.find(absent), -1, absent);
  assert.deepEqual([...index.starts.subarray(0, 3)], [0, 1, 6]);
});

test('an index of no names finds nothing, and one of a single name finds it', () => {
  assert.equal(indexOf([]).find(''), -1);
  assert.equal(indexOf([]).find('bias'), -1);
  assert.equal(indexOf(['bias']).find('bias'), 0);
  assert.equal(indexOf(['bias']).find('bia'), -1);
});

test('the name index knows which beginnings through a first "|" some name has', () => {
  const names = ['bias', 'hy|Xx', 'la=a|b', 'la=a|c', 'la=ab|c', 'la=é|x', 'la=é|y', 'la=Ã©|z', 'la=x|y|z', 'la>', 'lb=a|b', 't1|Xx=O'].sort();
  const index = indexOf(names);
  for (const prefix of ['la=a|', 'la=ab|', 'la=é|', 'la=Ã©|', 'la=x|', 'lb=a|', 'hy|', 't1|', 'la=b|', 'lb=ab|', 'la=è|', 'bias|', 'l|', '|', 'la>|'])
    assert.equal(index.hasPrefixThroughBar(prefix), names.some(n => n.startsWith(prefix)), prefix);
  // Other prefixes are left to the caller's search of the sorted names.
  for (const prefix of ['la=a', 'la=x|y|', '', 'la=a|b', 'la=\ud800|']) assert.equal(index.hasPrefixThroughBar(prefix), undefined, prefix);
});

test('the name index finds a name given as a template and a value, split anywhere', () => {
  const names = ['l=kerry', 'x3=sée', '-1l=paris', 'w=日本', 'len=2', 'bias'];
  const index = indexOf(names);
  names.forEach((name, row) => {
    for (let k = 0; k <= name.length; k++) assert.equal(index.findJoined(name.slice(0, k), name.slice(k)), row, `${name} at ${k}`);
  });
  for (const [head, tail] of [['l=', 'kerr'], ['l=k', 'erryy'], ['x3=', 'see'], ['-1l=', 'pari'], ['len=', '3'], ['bias', 'x']]) assert.equal(index.findJoined(head, tail), -1, head + tail);
});
