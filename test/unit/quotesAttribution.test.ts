// Speaker attribution: every pattern in English and French, pronouns, titles, statements, carry-over.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { linkMentions } from '../../server/src/analysis/entities/identity';
import type { RawMention } from '../../server/src/analysis/entities/index';
import { layoutText } from '../../server/src/analysis/layout';
import { attributeSpeakers, scanQuotes, speakerProblems } from '../../server/src/analysis/quotes/index';
import type { EntityType, Quote } from '../../server/src/analysis/types';

/** Tag every whole-word occurrence of each name (longest first) as a mention of its type. */
function mentionsOf(text: string, names: Record<string, EntityType>): RawMention[] {
  const raw: RawMention[] = [];
  const taken = new Array<boolean>(text.length).fill(false);
  for (const name of Object.keys(names).sort((a, b) => b.length - a.length)) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const m of text.matchAll(new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'gu'))) {
      const start = m.index as number;
      const end = start + name.length;
      if (taken.slice(start, end).some(Boolean)) continue;
      for (let i = start; i < end; i++) taken[i] = true;
      raw.push({ start, end, type: names[name] });
    }
  }
  return raw.sort((a, b) => a.start - b.start);
}

function attribute(text: string, names: Record<string, EntityType>, language: 'en' | 'fr'): Quote[] {
  const layout = layoutText(text, () => language);
  const { mentions, entities } = linkMentions(text, mentionsOf(text, names));
  return attributeSpeakers(layout, scanQuotes(layout).quotes, mentions, entities);
}

/** Each quote as `text → speaker, speaker` (canonical names), one line per quote. */
function show(quotes: Quote[]): string[] {
  return quotes.map(q => `${q.text} → ${q.speakers.join(', ')}`);
}

function check(name: string, text: string, names: Record<string, EntityType>, expected: string[], language: 'en' | 'fr' = 'en') {
  test(name, () => assert.deepEqual(show(attribute(text, names, language)), expected));
}

const P: EntityType = 'PERSON';
const O: EntityType = 'ORGANIZATION';

// English patterns.
check('X said', '“We will degrade and destroy ISIL,” Kerry said.', { Kerry: P }, ['“We will degrade and destroy ISIL,” → Kerry']);
check('said X with a title', '“We must pursue them wherever they are,” said Iraqi President Fouad Masum.', { 'Fouad Masum': P }, ['“We must pursue them wherever they are,” → Fouad Masum']);
check('X told reporters', '“That is not the plan for now at all,” Carter told reporters on Tuesday.', { Carter: P }, ['“That is not the plan for now at all,” → Carter']);
check('according to an organization', 'His strategy is to persuade “the world it faces a stark choice,” according to the New York Times.', { 'New York Times': O }, ['“the world it faces a stark choice,” → New York Times']);
check('X, the title, said', '"There are big market factors occurring," Maria Lindqvist, the company\'s chairman, said yesterday.', { 'Maria Lindqvist': P }, ['"There are big market factors occurring," → Maria Lindqvist']);
check('several speakers', '“There is no time to waste in building a coalition,” Kerry and Hagel said in a joint statement.', { Kerry: P, Hagel: P }, ['“There is no time to waste in building a coalition,” → Kerry, Hagel']);
check('he said refers to the last person', 'Prime Minister David Cameron addressed the summit.\n\n“Russia is ripping up the rulebook in Ukraine,” he said.', { 'David Cameron': P }, ['“Russia is ripping up the rulebook in Ukraine,” → David Cameron']);
check('she added skips a man', 'Mrs. Angela Merkel met Mr. Tony Abbott.\n\n“We are united on this question,” she added.', { 'Angela Merkel': P, 'Tony Abbott': P }, ['“We are united on this question,” → Angela Merkel']);
check('the secretary said refers back through titles', 'Secretary of State John Kerry met Prime Minister Tony Abbott.\n\n“We will continue the discussion tomorrow,” the secretary said.', { 'John Kerry': P, 'Tony Abbott': P }, ['“We will continue the discussion tomorrow,” → John Kerry']);
check('the Maldives coach further added', 'Ghana coach Otto Pfister was happy while Nepal coach Gary Phillips was not.\n\n"Ghana never deserved to win this match," the Nepal coach further added.', { 'Otto Pfister': P, 'Gary Phillips': P, Ghana: 'LOCATION', Nepal: 'LOCATION' }, ['"Ghana never deserved to win this match," → Gary Phillips']);
check('X said that “…” inside a sentence', 'Hollande said the international community “needs to find a durable solution in Syria.”', { Hollande: P }, ['“needs to find a durable solution in Syria.” → Hollande']);
check('colon introduction', 'Lindgren: ‘Would be disastrous if Turkey pulls out of the Council’', { Lindgren: P }, ['‘Would be disastrous if Turkey pulls out of the Council’ → Lindgren']);
check('an unnamed source gives no speaker', 'A US official said the number was “going up almost every hour”.', { US: 'LOCATION' }, ['“going up almost every hour” → ']);
check('they said after a joint statement', '“We agreed on a common plan today,” Kerry and Hagel said.\n\nThe formation of a new government is critical. “We are hopeful that this can be done,” they added.', { Kerry: P, Hagel: P }, ['“We agreed on a common plan today,” → Kerry, Hagel', '“We are hopeful that this can be done,” → Kerry, Hagel']);
check('the statement said refers to its author', 'Pakistan\'s Foreign Ministry announced the visit.\n\n"The objective is to support de-escalation efforts," the statement said.', { Pakistan: 'LOCATION', 'Foreign Ministry': O }, ['"The objective is to support de-escalation efforts," → Foreign Ministry']);
check('a quote without attribution takes the previous quote of its paragraph', 'Secretary of State John Kerry spoke.\n\n“We discussed each of these lines today,” the secretary said. “We agreed to engage in a conversation.”', { 'John Kerry': P }, ['“We discussed each of these lines today,” → John Kerry', '“We agreed to engage in a conversation.” → John Kerry']);
check('nobody named, no carry-over', 'Protesters marched through Rouen singing: "The young in trouble, the old in misery, we do not want this!"', {}, ['"The young in trouble, the old in misery, we do not want this!" → ']);

// French patterns.
check('a déclaré X', '« Nous pensons à tous ceux qui ont perdu un proche », a déclaré Charles Michel.', { 'Charles Michel': P }, ['« Nous pensons à tous ceux qui ont perdu un proche » → Charles Michel'], 'fr');
check('a déclaré M. X', '« Nous sommes impatients de travailler avec eux », a déclaré M. Le Drian.', { 'Le Drian': P }, ['« Nous sommes impatients de travailler avec eux » → Le Drian'], 'fr');
check('a-t-il affirmé', 'Jean-Yves Le Drian était à Bruxelles.\n\n« Nous devons tous veiller à la sécurité », a-t-il affirmé.', { 'Jean-Yves Le Drian': P }, ['« Nous devons tous veiller à la sécurité » → Jean-Yves Le Drian'], 'fr');
check('a t-il déclaré with a space, il skips a woman', 'Emmanuel Macron soutient la ministre rwandaise, Louise Mushikiwabo.\n"Elle a toutes les compétences pour exercer cette fonction", a t-il déclaré.', { 'Emmanuel Macron': P, 'Louise Mushikiwabo': P }, ['"Elle a toutes les compétences pour exercer cette fonction" → Emmanuel Macron'], 'fr');
check('estime la ministre', 'La ministre des Armées Florence Parly est à Paris.\n\n« La situation reste très préoccupante », estime la ministre.', { 'Florence Parly': P }, ['« La situation reste très préoccupante » → Florence Parly'], 'fr');
check('selon lui', 'Le général Pierre de Villiers a parlé.\n\nLa menace, selon lui, « reste très élevée pour notre pays ».', { 'Pierre de Villiers': P }, ['« reste très élevée pour notre pays » → Pierre de Villiers'], 'fr');
check('X a précisé que « … »', 'Karim Mansouri a précisé sur les ondes que « le ministère se penche actuellement sur la question ».', { 'Karim Mansouri': P }, ['« le ministère se penche actuellement sur la question » → Karim Mansouri'], 'fr');
check('colon introduction in French', 'Sophie Wilmès: «À Anvers, c’est la démocratie qui a été attaquée»', { 'Sophie Wilmès': P }, ['«À Anvers, c’est la démocratie qui a été attaquée» → Sophie Wilmès'], 'fr');
check('name and parenthesis, colon on the previous line', 'Kylian Mbappé (attaquant, sur France 2) :\n\n« On voulait gagner ce match pour les supporters. »', { 'Kylian Mbappé': P }, ['« On voulait gagner ce match pour les supporters. » → Kylian Mbappé'], 'fr');
check('pour X, « … »', 'Pour maître Claire Dubois, l\'un des avocats, il s\'agit de "réquisitions très sévères et injustes".', { 'Claire Dubois': P }, ['"réquisitions très sévères et injustes" → Claire Dubois'], 'fr');
check('cet avocat refers back', 'Maître Claire Dubois, l\'un des avocats de la défense, a parlé.\n\nPour cet avocat de la défense, "il est important de dire le droit".', { 'Claire Dubois': P }, ['"il est important de dire le droit" → Claire Dubois'], 'fr');
check('un diplomate gives no speaker', '« L’UA veut ainsi nous remercier de notre action », explique un diplomate français.', {}, ['« L’UA veut ainsi nous remercier de notre action » → '], 'fr');
check('lit-on dans le communiqué', 'Le ministère du Commerce a démenti ces informations dans un communiqué.\n« Le ministère nie et dément toutes ces informations », lit-on dans le communiqué.', { 'ministère du Commerce': O }, ['« Le ministère nie et dément toutes ces informations » → ministère du Commerce'], 'fr');
check('a pronoun opening the article looks ahead', '"C\'est le bon moment pour partir", a-t-il déclaré. Ueli Maurer quitte le gouvernement.', { 'Ueli Maurer': P }, ['"C\'est le bon moment pour partir" → Ueli Maurer'], 'fr');
check('one speaker article: an unattributed headline quote takes him', 'Procès : "Des réquisitions très sévères" pour la défense\n\n"Nous sommes dans l\'attente d\'une décision juste", a déclaré Claire Dubois.', { 'Claire Dubois': P }, ['"Des réquisitions très sévères" → Claire Dubois', '"Nous sommes dans l\'attente d\'une décision juste" → Claire Dubois'], 'fr');

test('attribution spans name the speaker phrase', () => {
  const text = '“We will degrade and destroy ISIL,” Kerry and Hagel said in a statement.';
  const [q] = attribute(text, { Kerry: P, Hagel: P }, 'en');
  assert.ok(q.attribution);
  assert.equal(text.slice(q.attribution.start, q.attribution.end), 'Kerry and Hagel said');
  assert.deepEqual(q.speakerIds, ['PERSON:kerry', 'PERSON:hagel']);
});

test('quotes nobody is credited with become information problems', () => {
  const quotes = attribute('Diplomats said it was “a threat to the entire international community”.', {}, 'en');
  assert.deepEqual(speakerProblems(quotes).map(p => [p.code, p.severity]), [['quote-without-speaker', 'information']]);
});

// Names the recognizer missed still credit the quote (and do not borrow a neighbour's speaker).
check('an unrecognised name after the verb', '“It was hotlined, but nobody reacted,” said Sen. Larry Craig (R-Idaho).', {}, ['“It was hotlined, but nobody reacted,” → Larry Craig']);
check('an unrecognised name before a colon', 'Jagland: ‘Would be disastrous if Russia pulls out of the Council’', {}, ['‘Would be disastrous if Russia pulls out of the Council’ → Jagland']);
check('an unrecognised name links to a known surname', 'Senator Larry Craig voted.\n\n“Nobody reacted to the call at all,” Craig said.', { 'Larry Craig': P }, ['“Nobody reacted to the call at all,” → Larry Craig']);
check('a common word before a colon is not a speaker', 'Procès : "Des réquisitions très sévères et injustes"\n\nLe procès continue.', {}, ['"Des réquisitions très sévères et injustes" → '], 'fr');
check('a transcript label inside the quote', 'Fox News interviewed Governor Mike Pence.\n\n"PENCE: Well, look, this is serious business for the American people."', { 'Mike Pence': P }, ['"PENCE: Well, look, this is serious business for the American people." → Mike Pence']);
check('a byline after a dash', '“He represents our greatest shame and we will vote.” ― Sonya Herridge', {}, ['“He represents our greatest shame and we will vote.” → Sonya Herridge']);
check('a participle takes the sentence subject', 'During a speech, Trump attacked Clinton, saying, "She is trigger-happy and very unstable."', { Trump: P, Clinton: P }, ['"She is trigger-happy and very unstable." → Trump']);
check('attribution later in the sentence', "''I have admiration for the mechanics'' of the plan, Mr. Holtz-Eakin said.", {}, ["''I have admiration for the mechanics'' → Holtz-Eakin"]);
check('a name before a dash introduces the quote', "Republicans said the same, including the former candidate Mitt Romney -- ''It is disqualifying for a nominee to refuse this'' -- and others.", { 'Mitt Romney': P }, ["''It is disqualifying for a nominee to refuse this'' → Mitt Romney"]);
check('a noun is not a speech verb', "Mr. Trump answered, treating Mrs. Clinton's remark as a compliment -- ''That makes me very smart'' -- and laughed.", { Trump: P, Clinton: P }, ["''That makes me very smart'' → Trump"]);

// More French news patterns: incises, appositions after a role, role descriptions, organisations.
check('an incise inside the guillemets', '« Nous devons, a-t-il dit, agir très vite sur ce dossier. » Emmanuel Macron est arrivé.', { 'Emmanuel Macron': P }, ['« Nous devons, a-t-il dit, agir très vite sur ce dossier. » → Emmanuel Macron'], 'fr');
check('a role then the name in apposition', '« Nous ne lâcherons rien sur ce dossier », prévient la maire de Paris, Anne Hidalgo.', { 'Anne Hidalgo': P, Paris: 'LOCATION' }, ['« Nous ne lâcherons rien sur ce dossier » → Anne Hidalgo'], 'fr');
check('selon a role and the name', 'Selon le porte-parole du gouvernement, Olivier Véran, « les mesures seront annoncées mardi prochain ».', { 'Olivier Véran': P }, ['« les mesures seront annoncées mardi prochain » → Olivier Véran'], 'fr');
check('a role description with no title seen refers to the last person', 'Élisabeth Borne a réagi dimanche. « C’est une décision responsable et nécessaire », a estimé la Première ministre.', { 'Élisabeth Borne': P }, ['« C’est une décision responsable et nécessaire » → Élisabeth Borne'], 'fr');
check('an organisation with a statement', '« Il n’y a pas de plan B pour le moment », indique la CGT dans un communiqué.', { CGT: O }, ['« Il n’y a pas de plan B pour le moment » → CGT'], 'fr');
check('an unnamed close aide', '« Il n’y a pas de plan B pour le moment », confie un proche du président.', {}, ['« Il n’y a pas de plan B pour le moment » → '], 'fr');
check('two people, colon introduction', 'Jean Castex et Olivier Véran ont déclaré jeudi : « Nous allons renforcer les contrôles partout ».', { 'Jean Castex': P, 'Olivier Véran': P }, ['« Nous allons renforcer les contrôles partout » → Jean Castex, Olivier Véran'], 'fr');
check('résume-t-elle before the name', '« Ce n’est pas acceptable en l’état », résume-t-elle. Marine Le Pen quitte la salle.', { 'Marine Le Pen': P }, ['« Ce n’est pas acceptable en l’état » → Marine Le Pen'], 'fr');

// More English news patterns.
check('said X, a spokesman', '“We will appeal this ruling immediately,” said John Smith, a spokesman for the agency.', { 'John Smith': P }, ['“We will appeal this ruling immediately,” → John Smith']);
check('X, who …, said:', 'John Smith, who heads the group, said: “We will appeal this ruling immediately.”', { 'John Smith': P }, ['“We will appeal this ruling immediately.” → John Smith']);
check('X, age, said', '“The deal is dead and buried now,” Mr. Smith, 54, said.', { Smith: P }, ['“The deal is dead and buried now,” → Smith']);
check('an unnamed official', '“It is dead and buried now,” said a senior administration official, who spoke on condition of anonymity.', {}, ['“It is dead and buried now,” → ']);
check('she refers to the sentence subject over an object', 'Jane Doe met John Roe on Monday. “It was a very productive meeting,” she wrote on Twitter.', { 'Jane Doe': P, 'John Roe': P }, ['“It was a very productive meeting,” → Jane Doe']);
check('the company refers to the organisation that spoke', '“We are very pleased with the outcome,” Acme Corp. said in a statement.\n\n“The ruling confirms our position,” the company added.', { 'Acme Corp.': O }, ['“We are very pleased with the outcome,” → Acme Corp.', '“The ruling confirms our position,” → Acme Corp.']);
check('an English multi-quote paragraph', 'Smith said the deal was dead. “It is buried now. We move on,” he added. “There is nothing more to say.”', { Smith: P }, ['“It is buried now. We move on,” → Smith', '“There is nothing more to say.” → Smith']);
check('an open quote continued in the next paragraph takes the continuation’s speaker', 'The minister spoke for an hour.\n\n“We will win this fight together, whatever it takes.\n\n“And we will not stop until it is done,” Kerry said.', { Kerry: P }, ['“We will win this fight together, whatever it takes. → Kerry', '“And we will not stop until it is done,” → Kerry']);
check('the head of « avocat de la défense » is « avocat »', 'Maître Claire Dubois plaide vendredi.\n\nPour cet avocat de la défense, "il est important de dire le droit".', { 'Claire Dubois': P }, ['"il est important de dire le droit" → Claire Dubois'], 'fr');
check('an organisation described before its name is tagged', 'Le ministère du commerce a démenti ces informations dans un communiqué.\n« Le ministère du Commerce nie et dément toutes ces informations », lit-on dans le communiqué.', { 'ministère du Commerce': O }, ['« Le ministère du Commerce nie et dément toutes ces informations » → ministère du Commerce'], 'fr');
