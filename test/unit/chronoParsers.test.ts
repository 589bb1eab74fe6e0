import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as chrono from 'chrono-node';
import { TIME_PARSERS, gatedParser, probeTimeParsers, strictConfiguration } from '../../server/src/analysis/dates/chronoDates';

// The date recognizer drops chrono's time parsers by index (probing them at start-up cost the
// server's first answer ~25 ms): the indexes must be what the probe finds in the installed chrono.
for (const language of ['en', 'fr'] as const) {
  test(`the ${language} time parsers dropped by index are exactly those the probe finds`, () => {
    const configuration = strictConfiguration(language);
    assert.equal(configuration.parsers.length, TIME_PARSERS[language].count);
    assert.deepEqual(probeTimeParsers(configuration), TIME_PARSERS[language].indexes);
  });
}

// chrono's "3 days later" parser runs only on texts holding one of its closing words (its large
// pattern is not compiled for the many that hold none): it must be found and gated, and still read.
test('the English "later" parser is gated by its words and parses as before', () => {
  const parsers = strictConfiguration('en').parsers;
  const gated = parsers.filter(parser => gatedParser(parser) !== parser);
  assert.equal(gated.length, 1);
  assert.deepEqual(strictConfiguration('fr').parsers.filter(parser => gatedParser(parser) !== parser), []);
  const reference = new Date(2000, 0, 1, 12);
  for (const text of ['He left 3 days later.', 'Two weeks AFTER the vote', 'due 5 months from now', 'Sept. 5, 2014, no more']) {
    const plain = new chrono.Chrono({ parsers: gated, refiners: [] }).parse(text, reference).map(r => [r.index, r.text]);
    const viaGate = new chrono.Chrono({ parsers: gated.map(gatedParser), refiners: [] }).parse(text, reference).map(r => [r.index, r.text]);
    assert.deepEqual(viaGate, plain, text);
  }
  assert.ok(new chrono.Chrono({ parsers: gated.map(gatedParser), refiners: [] }).parse('He left 3 days later.', reference).length > 0);
});
