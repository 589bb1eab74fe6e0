import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TIME_PARSERS, probeTimeParsers, strictConfiguration } from '../../server/src/analysis/dates/chronoDates';

// The date recognizer drops chrono's time parsers by index (probing them at start-up cost the
// server's first answer ~25 ms): the indexes must be what the probe finds in the installed chrono.
for (const language of ['en', 'fr'] as const) {
  test(`the ${language} time parsers dropped by index are exactly those the probe finds`, () => {
    const configuration = strictConfiguration(language);
    assert.equal(configuration.parsers.length, TIME_PARSERS[language].count);
    assert.deepEqual(probeTimeParsers(configuration), TIME_PARSERS[language].indexes);
  });
}
