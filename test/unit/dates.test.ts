import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { layoutText } from '../../server/src/analysis/layout';
import { findReferenceDate, recognizeDates } from '../../server/src/analysis/dates/index';
import type { Language } from '../../server/src/analysis/types';

/**
 * Dates of `text` as `"span" → value` lines (`~` marks values that depend on the reference date).
 * The first line of each text is a date line, so the reference comes from the text itself.
 */
function render(text: string, language: Language): string[] {
  const layout = layoutText(text, () => language);
  const reference = findReferenceDate(layout);
  return recognizeDates(layout, reference).map(d => `${d.text} → ${d.value}${d.relative ? ' ~' : ''}`);
}

function check(text: string, expected: string[], language: Language = 'en'): void {
  assert.deepEqual(render(text, language), expected, text);
}

// Reference: Friday 5 September 2014 (ISO week 36).
const EN = 'Published: September 5, 2014\n';
// Reference: Wednesday 22 March 2017 (ISO week 12).
const FR = 'Publié le 22 mars 2017\n';

test('English full dates, months and years keep their own precision', () => {
  check(`${EN}The summit opens Sept. 16 and the plan runs to January 2017.`, ['September 5, 2014 → 2014-09-05', 'Sept. 16 → 2014-09-16 ~', 'January 2017 → 2017-01']);
  check(`${EN}Friday, November 19, 2010 was a Friday; in 2016 and in early August too.`, [
    'September 5, 2014 → 2014-09-05', 'Friday, November 19, 2010 → 2010-11-19', 'Friday → 2014-09-05 ~', '2016 → 2016', 'early August → 2014-08 ~',
  ]);
  check(`${EN}Talks resumed in mid-October and the 2014-09-16 deadline held; fiscal 2011 results.`, [
    'September 5, 2014 → 2014-09-05', 'mid-October → 2014-10 ~', '2014-09-16 → 2014-09-16', 'fiscal 2011 → 2011',
  ]);
});

test('English weekdays resolve to the recent past, or ahead in the future tense', () => {
  check(`${EN}Kerry met Hagel on Monday and on Friday.`, ['September 5, 2014 → 2014-09-05', 'Monday → 2014-09-01 ~', 'Friday → 2014-09-05 ~']);
  check(`${EN}The ministers will meet on Tuesday.`, ['September 5, 2014 → 2014-09-05', 'Tuesday → 2014-09-09 ~']);
  check(`${EN}He spoke Wednesday afternoon and later Thursday; last Friday it rained.`, [
    'September 5, 2014 → 2014-09-05', 'Wednesday afternoon → 2014-09-03 ~', 'later Thursday → 2014-09-04 ~', 'last Friday → 2014-08-29 ~',
  ]);
});

test('English relative days, weeks, months and years', () => {
  check(`${EN}They agreed today, this morning and last night, yesterday too.`, [
    'September 5, 2014 → 2014-09-05', 'today → 2014-09-05 ~', 'this morning → 2014-09-05 ~', 'last night → 2014-09-04 ~', 'yesterday → 2014-09-04 ~',
  ]);
  check(`${EN}A meeting in three weeks, after last week and later this week, over the weekend.`, [
    'September 5, 2014 → 2014-09-05', 'three weeks → 2014-W39 ~', 'last week → 2014-W35 ~', 'later this week → 2014-W36 ~', 'the weekend → 2014-W35 ~',
  ]);
  check(`${EN}Sales fell last month and last year, unlike last July or this winter.`, [
    'September 5, 2014 → 2014-09-05', 'last month → 2014-08 ~', 'last year → 2013 ~', 'last July → 2014-07 ~', 'this winter → 2013-WI ~',
  ]);
  check(`${EN}Two years ago it began; the middle of last week was calm.`, ['September 5, 2014 → 2014-09-05', 'Two years ago → 2012 ~', 'the middle of last week → 2014-W35 ~']);
});

test('English false positives are rejected', () => {
  check(`${EN}Shares may 5 percent. The index fell below 2000 for the first time in three years.`, ['September 5, 2014 → 2014-09-05']);
  check(`${EN}Black Friday sales and the Sunday Times; 2014 soldiers; $2014; a March on Washington.`, ['September 5, 2014 → 2014-09-05']);
  check(`${EN}On Tuesday Secretary Kerry met the Sunday Times.`, ['September 5, 2014 → 2014-09-05', 'Tuesday → 2014-09-02 ~']);
  check(`${EN}He stayed for three years, now and recently, at 5 p.m., aged 45.`, ['September 5, 2014 → 2014-09-05']);
  check(`${EN}See https://example.com/2014/09/01/story and www.site.org/may-2013/x`, ['September 5, 2014 → 2014-09-05']);
  check(`${EN}He told ABC’s “This Week.” and USA Today; in the last week of the race; more in two weeks than Obama.`, ['September 5, 2014 → 2014-09-05']);
  check(`${EN}After the Sept. 11 attacks, the vote is set for 1900 GMT.`, ['September 5, 2014 → 2014-09-05', 'Sept. 11 → 2001-09-11']);
});

test('ranges, period edges, tense of coordinated clauses', () => {
  check(`${EN}The talks, which began Monday, will resume Tuesday; the vote is set for 1900 GMT.`, ['September 5, 2014 → 2014-09-05', 'Monday → 2014-09-01 ~', 'Tuesday → 2014-09-09 ~']);
  check(`${EN}Troops arrived on Jan 20 and will stay through the end of the year, as from 2010 to 2012.`, [
    'September 5, 2014 → 2014-09-05', 'Jan 20 → 2014-01-20 ~', 'the end of the year → 2014 ~', '2010 → 2010', '2012 → 2012',
  ]);
  check(`${FR}Dès dimanche, petits et grands pourront venir. Les règles annoncées mercredi vont changer.`, ['22 mars 2017 → 2017-03-22', 'dimanche → 2017-03-26 ~', 'mercredi → 2017-03-22 ~'], 'fr');
  check(`${FR}Il est arrivé lundi et repartira jeudi.`, ['22 mars 2017 → 2017-03-22', 'lundi → 2017-03-20 ~', 'jeudi → 2017-03-23 ~'], 'fr');
  check(`${FR}Le sommet se tiendra du 10 au 12 mai, d'ici la fin de l'année.`, ['22 mars 2017 → 2017-03-22', '10 au 12 mai → 2017-05-10 ~', "la fin de l'année → 2017 ~"], 'fr');
  check(`${EN}From Aug. 26 to Oct. 20; between Jan. 3 and Feb. 5, 2015.`, ['September 5, 2014 → 2014-09-05', 'Aug. 26 → 2014-08-26 ~', 'Oct. 20 → 2014-10-20 ~', 'Jan. 3 → 2015-01-03', 'Feb. 5, 2015 → 2015-02-05']);
  check(`${FR}Du 3 mars au 5 avril 2016, les 12 et 13 avril prochains, le Dimanche 5 janvier.`, [
    '22 mars 2017 → 2017-03-22', '3 mars → 2016-03-03', '5 avril 2016 → 2016-04-05', '13 avril prochains → 2017-04-13 ~', 'Dimanche 5 janvier → 2017-01-05 ~',
  ], 'fr');
  check(`${EN}Since 9/11 the country changed; on 09/11/2001 it was attacked.`, ['September 5, 2014 → 2014-09-05', '09/11/2001 → 2001-09-11']);
});

test('holidays resolve to their day, moveable feasts included', () => {
  check(`${EN}He'll be home for Christmas; a Christmas tree; last Thanksgiving; Easter 2015; on Election Day.`, [
    'September 5, 2014 → 2014-09-05', 'Christmas → 2014-12-25 ~', 'last Thanksgiving → 2013-11-28 ~', 'Easter 2015 → 2015-04-05', 'Election Day → 2014-11-04 ~',
  ]);
  check(`${FR}Il viendra à Pâques; le Père Noël; à Noël dernier; le lundi de Pentecôte.`, ['22 mars 2017 → 2017-03-22', 'Pâques → 2017-04-16 ~', 'Noël dernier → 2016-12-25 ~', 'lundi de Pentecôte → 2017-06-05 ~'], 'fr');
});

test('years in event names count, products far from the article do not', () => {
  check(`${EN}RIMPAC 2016 will include 26 nations; Mirage 2000 jets flew.`, ['September 5, 2014 → 2014-09-05', '2016 → 2016']);
});

test('French full dates, weekdays and modifiers', () => {
  check(`${FR}Le secrétaire a participé ce mercredi (22 mars 2017) à une réunion, en mai.`, [
    '22 mars 2017 → 2017-03-22', 'ce mercredi → 2017-03-22 ~', '22 mars 2017 → 2017-03-22', 'mai → 2017-05 ~',
  ], 'fr');
  check(`${FR}Il est arrivé lundi et repartira vendredi 24 mars prochain.`, ['22 mars 2017 → 2017-03-22', 'lundi → 2017-03-20 ~', 'vendredi 24 mars prochain → 2017-03-24 ~'], 'fr');
  check(`${FR}Depuis le 22 février dernier, et le 1er octobre 2024, fin mars et début juillet.`, [
    '22 mars 2017 → 2017-03-22', '22 février dernier → 2017-02-22 ~', '1er octobre 2024 → 2024-10-01', 'fin mars → 2017-03 ~', 'début juillet → 2017-07 ~',
  ], 'fr');
});

test('French relative expressions', () => {
  check(`${FR}L'OTAN a approuvé hier une mission, aujourd’hui il parle, ce soir il part.`, [
    '22 mars 2017 → 2017-03-22', 'hier → 2017-03-21 ~', 'aujourd’hui → 2017-03-22 ~', 'ce soir → 2017-03-22 ~',
  ], 'fr');
  check(`${FR}Les succès de l’année dernière et de l'an dernier, cette semaine et la semaine prochaine.`, [
    '22 mars 2017 → 2017-03-22', 'l’année dernière → 2016 ~', "l'an dernier → 2016 ~", 'cette semaine → 2017-W12 ~', 'la semaine prochaine → 2017-W13 ~',
  ], 'fr');
  check(`${FR}Il y a deux ans, puis dans trois semaines, le mois dernier, en 2016.`, [
    '22 mars 2017 → 2017-03-22', 'Il y a deux ans → 2015 ~', 'trois semaines → 2017-W15 ~', 'le mois dernier → 2017-02 ~', '2016 → 2016',
  ], 'fr');
});

test('French false positives are rejected', () => {
  check(`${FR}Terre Air Mer Gendarmerie Renseignement`, ['22 mars 2017 → 2017-03-22'], 'fr');
  check(`${FR}2016 est une année difficile, avec 2020 salariés.`, ['22 mars 2017 → 2017-03-22', '2016 → 2016'], 'fr');
  check(`${FR}La sonde vers Mars, Mardi gras, plus de 2000 personnes, pendant dix ans, bientôt.`, ['22 mars 2017 → 2017-03-22'], 'fr');
});

test('no reference date: relative values are null, absolute ones stay', () => {
  check('Il a dénoncé vendredi les réquisitions, le 23 mai, depuis 2011 et hier.', ['vendredi → null ~', '23 mai → null ~', '2011 → 2011', 'hier → null ~'], 'fr');
  check('Officials met on Monday and last year, in 1992.', ['Monday → null ~', 'last year → null ~', '1992 → 1992'], 'en');
});

function reference(text: string, language: Language = 'en'): string | null {
  const layout = layoutText(text, () => language);
  const r = findReferenceDate(layout);
  return r ? `${r.text} → ${r.value}` : null;
}

test('reference date from the many forms of date lines', () => {
  assert.equal(reference('Title\n\nWashington D.C. – (DoD News) – September 5, 2014 – With the summit, they met.'), 'September 5, 2014 → 2014-09-05');
  assert.equal(reference('Title\n\nBy IANS | Updated: January 15, 2020 14:55 IST\n\nBody on Jan. 3, 2019.'), 'January 15, 2020 → 2020-01-15');
  assert.equal(reference('Title\nLatest update : 2014-09-16\nBody text.'), '2014-09-16 → 2014-09-16');
  assert.equal(reference('Titre\nPublié le 22 mai 2013 Lecture : 1 minute.', 'fr'), '22 mai 2013 → 2013-05-22');
  assert.equal(reference('Titre\nMis à jour le 15/09/2014 à 10h12\nTexte.', 'fr'), '15/09/2014 → 2014-09-15');
  assert.equal(reference('Source: https://www.usatoday.com/story/news/world/2014/06/27/eu-summit/11448363/\n\nLeaders meet on Friday.'), '2014/06/27 → 2014-06-27');
  assert.equal(reference('Headline\nThe caption shows Paris on Jan. 20, 2016.\nCarter spoke Wednesday.'), 'Jan. 20, 2016 → 2016-01-20');
  assert.equal(reference('Headline\nSept. 5, 2014\nBody.'), 'Sept. 5, 2014 → 2014-09-05');
  assert.equal(reference('No date here, only Monday and 2016.'), null);
  // A date in running text is not a date line: the URL wins.
  assert.equal(reference('Source: https://x.com/2016/01/21/story\nOn Jan. 20, 2016, the ministers met.'), '2016/01/21 → 2016-01-21');
  // Publication beats update; a compact date counts after a cue.
  assert.equal(reference('Le Monde | 22.03.2017 à 10h12 • Mis à jour le 23.03.2017 à 14h05\nTexte.', 'fr'), '22.03.2017 → 2017-03-22');
  assert.equal(reference('Published: 19980812\n\nText.'), '19980812 → 1998-08-12');
});

test('cost stays linear on one huge paragraph full of dates', () => {
  const text = 'On Monday, Sept. 5, 2014, officials met in 2014 and will meet next week. '.repeat(3000);
  const layout = layoutText(text, () => 'en');
  const t0 = process.hrtime.bigint();
  const dates = recognizeDates(layout, findReferenceDate(layout));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.equal(dates.length, 3 * 3000); // "Monday, Sept. 5, 2014", "2014", "next week"
  assert.ok(ms < 5000, `took ${ms} ms`);
});

test('each date says how its value was obtained', () => {
  const layout = layoutText(`${EN}Kerry met Hagel on Monday and yesterday, in 2016.`, () => 'en');
  const how = recognizeDates(layout, findReferenceDate(layout)).map(d => `${d.text}: ${d.resolution}`);
  assert.deepEqual(how, ['September 5, 2014: as written', 'Monday: Monday before 2014-09-05 (past tense)', 'yesterday: 2014-09-05 − 1 day', '2016: as written']);
  const bare = layoutText('Il est venu vendredi.', () => 'fr');
  assert.deepEqual(recognizeDates(bare, findReferenceDate(bare)).map(d => d.resolution), ['no reference date in the article']);
});
