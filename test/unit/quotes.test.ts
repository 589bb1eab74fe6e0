// Quote scanner: mark styles, mixtures, nesting, unbalanced marks, scare quotes, paragraphs, linear time.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { layoutText } from '../../server/src/analysis/layout';
import { scanQuotes } from '../../server/src/analysis/quotes/index';
import { isScareQuote } from '../../server/src/analysis/quotes/scare';
import type { ScanStats } from '../../server/src/analysis/quotes/scanner';

/** The quotes of `text` as readable strings: the covered text, with `!` after an unbalanced one. */
function quotes(text: string, language: 'en' | 'fr' = 'en'): string[] {
  const layout = layoutText(text, () => language);
  return scanQuotes(layout).quotes.map(q => text.slice(q.start, q.end) + (q.unbalanced ? ' !' : ''));
}

function check(name: string, text: string, expected: string[], language: 'en' | 'fr' = 'en') {
  test(name, () => assert.deepEqual(quotes(text, language), expected));
}

// Every mark style.
check('curly double quotes', '“We will degrade and destroy ISIL,” Kerry said.', ['“We will degrade and destroy ISIL,”']);
check('straight double quotes', '"We will degrade and destroy ISIL," Kerry said.', ['"We will degrade and destroy ISIL,"']);
check('guillemets without spaces', '«C’est la liberté qui a été massacrée», a-t-il dit.', ['«C’est la liberté qui a été massacrée»'], 'fr');
check('guillemets with (no-break) spaces', '« Nous sommes impatients de travailler », a-t-il déclaré.', ['« Nous sommes impatients de travailler »'], 'fr');
check('single curly quotes', 'Jagland: ‘Would be disastrous if Russia pulls out’', ['‘Would be disastrous if Russia pulls out’']);
check('German low-high quotes', 'Er sagte: „Wir schaffen das schon heute“.', ['„Wir schaffen das schon heute“']);
check('two apostrophes close a double quote', '“That doesn\'t mean that we are opposed to it,\'\' Kerry told reporters.', ['“That doesn\'t mean that we are opposed to it,\'\'']);

// Mixtures and wrong-direction marks.
check('« opened and ” closed', '« Nous devons agir maintenant pour la paix”, a dit le ministre.', ['« Nous devons agir maintenant pour la paix”'], 'fr');
check('“ used as a closing mark', '“It was hotlined, but nobody reacted, I guess, “ said Sen. Larry Craig.', ['“It was hotlined, but nobody reacted, I guess, “']);
check('wrong-direction « closes at the end of a paragraph', '« Les groupes comme ISIS ne peuvent pas exister. «', ['« Les groupes comme ISIS ne peuvent pas exister. «'], 'fr');
check('two quotes in a row', '« Les Etats-Unis restent attachés à cette approche ».  « Les groupes ne peuvent pas exister »', ['« Les Etats-Unis restent attachés à cette approche »', '« Les groupes ne peuvent pas exister »'], 'fr');

// Nesting and apostrophes.
check('nested single quote stays inside', '“Now they say ‘Yeah, we should have had a vote.’” said Craig.', ['“Now they say ‘Yeah, we should have had a vote.’”']);
check('nested guillemets', '« Il m’a dit « non merci » avant de partir très vite », raconte-t-elle.', ['« Il m’a dit « non merci » avant de partir très vite »'], 'fr');
check('apostrophes are not quotes', 'Kerry’s aides said the players’ union doesn’t agree, and l’Etat neither.', []);
check('straight apostrophes are not quotes', "Kerry's aides said the Jones' house isn't for sale in the '90s.", []);
check('inches are not quotes', 'The 5" gun and the 3" shells stayed on board.', []);

// Unbalanced marks (guidelines: runs to paragraph end / back to paragraph start).
check('opening mark with no closing runs to the end of the paragraph', '«Alors que les opérations tirent à leur fin, nous devons agir.\n\nMalgré tout, il a parlé.', ['«Alors que les opérations tirent à leur fin, nous devons agir. !'], 'fr');
check('closing mark with no opening runs back to the paragraph start', 'Intro line.\n\nWe agreed that we all must do more,” he said.', ['We agreed that we all must do more,” !']);
check('orphan closing after an earlier quote runs back to the sentence start', '“We are looking to the Gulf,” Carter said. We agreed that we all must do more,” he said.', ['“We are looking to the Gulf,”', 'We agreed that we all must do more,” !']);
check('closing mark after a blank line joins into one quote', '« Abroger cette responsabilité plante les graines de la prochaine vague\n\nde violence contre les innocents », a-t-il dit.', ['« Abroger cette responsabilité plante les graines de la prochaine vague\n\nde violence contre les innocents »'], 'fr');
check('a new opening mark in the next paragraph starts a new quote', '“We will win this fight together.\n\n“And we will not stop until it is done,” he said.', ['“We will win this fight together. !', '“And we will not stop until it is done,”']);
check('unbalanced opening at the end of the text', 'Giroud :\n\n« Sur le but, Lucas se fait mal. Et on a une grosse pensée pour lui.', ['« Sur le but, Lucas se fait mal. Et on a une grosse pensée pour lui. !'], 'fr');

// Scare quotes.
check('scare quotes are not quotes', 'They vowed to win by “any means necessary” and called it “hotlining,” a term of art.', []);
check('four words make a quote', 'Hollande said there was “no time to lose” in the fight.', ['“no time to lose”']);
check('a short full clause is a quote', '“We agreed,” he said. « Je refuse », dit-il.', ['“We agreed,”', '« Je refuse »']);
check('backtick quotes are scare quotes when short', "Nettles cites `emotion' factor", []);

test('scare-quote rule', () => {
  assert.equal(isScareQuote('guest-stars'), true);
  assert.equal(isScareQuote('deserving winners'), true);
  assert.equal(isScareQuote('Des réquisitions très sévères'), false);
  assert.equal(isScareQuote('It is over.'), false);
  assert.equal(isScareQuote('The Lord of the Rings'), true);
});

test('unbalanced marks are reported as information problems', () => {
  const text = 'We agreed that we all must do more,” he said.\n\n“We will go on.';
  const { problems } = scanQuotes(layoutText(text, () => 'en'));
  assert.deepEqual(problems.map(p => [p.code, p.severity, text.slice(p.start, p.end)]), [
    ['unbalanced-quote', 'information', '”'],
    ['unbalanced-quote', 'information', '“'],
  ]);
});

// Linear time: count the scanner's work on pathological inputs instead of timing it.
function steps(text: string): number {
  const stats: ScanStats = { steps: 0 };
  scanQuotes(layoutText(text, () => 'en'), stats);
  return stats.steps;
}

test('10,000 unmatched opening marks stay linear', () => {
  for (const mark of ['«', '“', '"', '‘', "'"]) {
    const small = steps(`${mark}word `.repeat(1_000));
    const large = steps(`${mark}word `.repeat(10_000));
    assert.ok(large <= small * 10 + 100, `${mark}: ${small} → ${large}`);
    assert.ok(large <= 4 * 10_000, `${mark}: ${large} steps for 10,000 marks`);
  }
});

test('10,000 unmatched closing marks and wrong-direction « stay linear', () => {
  for (const unit of ['word” ', 'word» ', 'a «    ', 'x’ ']) {
    const large = steps(unit.repeat(10_000));
    assert.ok(large <= 4 * 10_000, `${JSON.stringify(unit)}: ${large} steps`);
  }
});

test('a 1 MB single paragraph stays linear', () => {
  const unit = '“Nous devons agir,” dit-il, « et vite » et encore « ouvert ';
  const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
  const count = (text.match(/[“”«»]/g) ?? []).length;
  const work = steps(text);
  assert.ok(work <= 4 * count + 100, `${work} steps for ${count} marks`);
});

check('a title of a work inside a sentence is a name, not a quote', "He played ''A Change Is Gonna Come,'' and left.", []);
check('a title-case quote in a title-case headline is kept', "Trump: 'We Will Build The Wall'", ["'We Will Build The Wall'"]);
check('a short clause after a conjunction is a quote', 'Scientists see the trends. "And they\'re terrifying," he said.', ['"And they\'re terrifying,"']);
