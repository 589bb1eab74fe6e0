/**
 * Prints what the date recognizer finds in ad-hoc sentences, for exploring its behaviour:
 * usage: node dist/scripts/probe-dates.js en|fr "REFERENCE LINE" "sentence" ...
 */
import { layoutText } from '../server/src/analysis/layout';
import { findReferenceDate, recognizeDates } from '../server/src/analysis/dates/index';

const [language, ...texts] = process.argv.slice(2);
const lang = language === 'fr' ? 'fr' : 'en';
const head = texts.shift() ?? '';
for (const sentence of texts) {
  const text = `${head}\n${sentence}`;
  const layout = layoutText(text, () => lang);
  const reference = findReferenceDate(layout);
  const found = recognizeDates(layout, reference).filter(d => d.start > head.length);
  console.log(`${sentence}\n   ref=${reference?.value ?? 'none'} :: ${found.map(d => `[${d.text}]=${d.value}`).join('  ')}`);
}
