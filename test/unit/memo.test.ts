/**
 * The rolling memo keeps what the current or the previous analysis used or set, and nothing
 * older. Its single stamped map must answer every lookup as the two generations it stands for
 * would: checked against that model over random lookups, stores and rolls.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { RollingMemo } from '../../server/src/analysis/memo';
import { prng } from '../../scripts/prng';

/** The model: one map per generation, lookups falling back to the previous one. */
class TwoGenerations {
  previous = new Map<string, number>();
  current = new Map<string, number>();
  get(key: string): number | undefined {
    const value = this.current.get(key) ?? this.previous.get(key);
    if (value !== undefined) this.current.set(key, value);
    return value;
  }
  set(key: string, value: number): void {
    this.current.set(key, value);
  }
  roll(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

test('a rolling memo answers as its current and previous generations would', () => {
  const random = prng(5);
  const memo = new RollingMemo<number>();
  const model = new TwoGenerations();
  for (let step = 0; step < 20000; step++) {
    const key = `k${Math.floor(random() * 40)}`;
    const choice = random();
    if (choice < 0.05) {
      memo.roll();
      model.roll();
    } else if (choice < 0.35) {
      memo.set(key, step);
      model.set(key, step);
    } else {
      assert.equal(memo.get(key), model.get(key), `step ${step}, ${key}`);
    }
    assert.equal(memo.size, model.current.size, `step ${step}: entries used since the roll`);
  }
});

test('an entry unused for a whole analysis is forgotten', () => {
  const memo = new RollingMemo<string>();
  memo.set('a', 'A');
  memo.roll();
  assert.equal(memo.get('a'), 'A', 'kept through one roll');
  memo.roll();
  memo.roll();
  assert.equal(memo.get('a'), undefined, 'the analysis between the rolls did not use it');
});
