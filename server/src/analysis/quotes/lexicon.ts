/**
 * Word lists the attribution rules read: speech verbs in English and French (every inflected form
 * a news text uses, since there is no lemmatiser here), the words that introduce a source
 * ("according to", « selon »), pronouns, determiners that tell a definite description ("the
 * secretary", « la ministre ») from an indefinite one ("a US official", « un diplomate »), reporting
 * nouns ("the statement", « le communiqué ») and the small words skipped between a subject and its
 * verb. Lists only; the rules that use them live in `events.ts` and `attribute.ts`.
 */
import { foldAccents } from '../fold';

/** Lower-case a token and strip accents, so « déclaré » and "DECLARE" compare on one key. */
export function foldWord(word: string): string {
  // "Mr." and "M." may come as one token: the abbreviation's dot is not part of the word.
  const bare = word.length > 1 && word.endsWith('.') && !word.slice(0, -1).includes('.') ? word.slice(0, -1) : word;
  return foldAccents(bare).replace(/’/g, "'");
}

const ENGLISH_VERBS = [
  'say', 'says', 'said', 'saying', 'add', 'adds', 'added', 'tell', 'tells', 'told', 'stated', 'warn', 'warns', 'warned',
  'noted', 'explain', 'explains', 'explained', 'stress', 'stresses', 'stressed', 'insist', 'insists', 'insisted',
  'claimed', 'argue', 'argues', 'argued', 'announce', 'announces', 'announced', 'declare', 'declares', 'declared',
  'emphasise', 'emphasises', 'emphasised', 'emphasize', 'emphasizes', 'emphasized', 'urge', 'urges', 'urged', 'urging', 'echoes', 'echoed',
  'recall', 'recalls', 'recalled', 'acknowledge', 'acknowledges', 'acknowledged', 'admit', 'admits', 'admitted', 'assert', 'asserts',
  'asserted', 'affirm', 'affirms', 'affirmed', 'reiterate', 'reiterates', 'reiterated', 'remarked', 'comment',
  'commented', 'write', 'writes', 'wrote', 'tweeted', 'boast', 'boasts', 'boasted', 'complain', 'complains',
  'complained', 'vows', 'vowed', 'pledged', 'promised', 'predict', 'predicts', 'predicted', 'suggest',
  'suggests', 'suggested', 'conclude', 'concludes', 'concluded', 'reported', 'replies', 'replied', 'respond', 'responds',
  'responded', 'answered', 'ask', 'asks', 'asked', 'continue', 'continues', 'continued', 'agree', 'agrees', 'agreed', 'confirm',
  'confirms', 'confirmed', 'contend', 'contends', 'contended', 'observe', 'observes', 'observed', 'quip', 'quipped', 'joked',
  'recount', 'recounted', 'describe', 'describes', 'described', 'testify', 'testified', 'maintain', 'maintains', 'maintained', 'describing',
  'adding', 'noting', 'explaining', 'insisting', 'arguing', 'stressing', 'telling', 'writing', 'declaring', 'announcing',
  'shout', 'shouted', 'cried', 'admitting', 'cautioned', 'cautions', 'concede', 'concedes', 'conceded', 'acknowledging',
];

const FRENCH_VERBS = [
  'dit', 'dire', 'disait', 'dira', 'disent', 'declare', 'declarait', 'declarent', 'affirme', 'affirmait', 'affirment', 'ajoute', 'ajoutait',
  'ajoutent', 'ajoutant', 'estime', 'estimait', 'estiment', 'souligne', 'soulignait', 'soulignent', 'soulignant', 'explique', 'expliquait',
  'expliquent', 'expliquant', 'martele', 'martelait', 'lance', 'lancait', 'assure', 'assurait', 'assurent', 'indique', 'indiquait', 'indiquent',
  'precise', 'precisait', 'precisent', 'precisant', 'confie', 'confiait', 'poursuit', 'poursuivi', 'insiste', 'rappelle', 'rappele', 'rappelait',
  'annonce', 'annoncait', 'annoncent', 'observe', 'notant', 'repond', 'repondu', 'reagi', 'commente',
  'conclut', 'conclu', 'previent', 'prevenu', 'averti', 'avertit', 'raconte', 'temoigne', 'reconnait', 'reconnu', 'admet', 'admis', 'regrette',
  'denonce', 'deplore', 'dementi', 'dement', 'plaide', 'ironise', 'complete', 'lache', 'glisse', 'ecrit', 'ecrivait',
  'insistant', 'interroge', 'revele', 'signale', 'proclame', 'clame', 'confirme', 'promet', 'promis', 'enchaine', 'renchérit', 'rencherit',
  'fustige', 'salue', 'commentait', 'detaille', 'argue', 'martelant', 'affirmant', 'declarant', 'estimant', 'repete', 'repetait',
  'lit', 'precisé', 'confiant', 'soutient', 'soutenu', 'avoue', 'reconnaissant', 'tempete', 'insisté', 'exhorte', 'appelle',
];

/** Speech verbs, folded (see `foldWord`). "stated" but not "states"/"state", which are mostly nouns. */
export const SPEECH_VERBS = new Set([...ENGLISH_VERBS, ...FRENCH_VERBS].map(foldWord));

/**
 * Verbs that report speech only in a French inversion (« résume-t-il », « tranche-t-elle », « note-t-il »):
 * alone they are too often nouns or other verbs to count.
 */
export const INVERSION_VERBS = new Set([
  'resume', 'tranche', 'note', 'juge', 'analyse', 'avance', 'souffle', 'sourit', 'reprend', 'cria', 'crie', 'replique', 'retorque', 'releve',
  'remarque', 'assene', 'tempere', 'nuance', 'interroge', 'questionne', 'lance', 'lache', 'glisse', 'ironise', 'plaisante', 's\'agace', 'poursuit',
  'continue', 'interrompt', 'corrige', 'precise', 'avoue', 'concede', 'admet', 'constate', 'observe', 'rappelle', 'insiste', 'martele', 'deplore',
  'regrette', 'espere', 'assure', 'promet', 'previent', 'avertit', 'prevoit', 'estime', 'pense', 'croit', 'juge', 'conclut', 'resume', 'dit', 'fait',
].map(foldWord));

/**
 * Verbs that are speech verbs only in some uses and must not start an inverted "VERB Speaker"
 * reading on their own ("lance" throws, "juge" judges, "lit" reads, "peut" can, "note" a note).
 */
export const WEAK_VERBS = new Set(['lit', 'peut', 'note', 'juge', 'lance', 'continue', 'continued', 'continues', 'agree', 'agreed', 'agrees', 'ask', 'asked', 'asks', 'appelle', 'salue', 'analyse', 'describe', 'described', 'describes', 'describing', 'report', 'reports', 'promise', 'promised', 'soutient', 'soutenu', 'maintain', 'maintains', 'maintained', 'confirm', 'confirms', 'confirmed', 'dire']);

/** Present participles: they take the subject of the clause they hang on ("…, saying", « ajoutant »). */
export function isParticiple(folded: string): boolean {
  return /ing$/.test(folded) || /ant$/.test(folded);
}

/** Auxiliaries and light words between a subject and a speech verb ("has said", « a déclaré »). */
export const AUXILIARIES = new Set(['has', 'had', 'have', 'was', 'is', 'will', 'would', 'a', 'avait', 'ont', 'avaient', 'aura', 'est', 'sont', 'ne', 'n', 'pas']);

/** Adverbs that sit between subject and verb or verb and subject ("also said", "further added", « a, en outre, dit »). */
export const ADVERBS = new Set([
  'also', 'further', 'then', 'later', 'again', 'once', 'repeatedly', 'recently', 'previously', 'earlier', 'separately', 'simply', 'just',
  'aussi', 'encore', 'ensuite', 'egalement', 'deja', 'notamment', 'pourtant', 'toutefois', 'cependant', 'alors', 'enfin', 'outre', 'ailleurs',
  'en', 'par', 'meme', 'bien', 'plutot', 'lui', 'y', 'quant', 'publiquement', 'clairement', 'fermement', 'visiblement', 'not', 'never',
]);

/** Words that introduce a source placed after them: "according to X", « selon X », « d'après X ». */
export const SOURCE_PREPOSITIONS = new Set(['selon', 'according']);

/** Singular personal pronouns that can be subjects of a speech verb. */
export const SINGULAR_PRONOUNS = new Set(['he', 'she', 'il', 'elle', 'lui']);
/** Plural personal pronouns. */
export const PLURAL_PRONOUNS = new Set(['they', 'ils', 'elles', 'eux', 'we', 'nous']);
/** Pronouns that stand for an organisation or a document rather than a person. */
export const THING_PRONOUNS = new Set(['it', 'on']);

/** Definite determiners and possessives: a description refers back to someone already named. */
export const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their', 'le', 'la', 'l', 'les', 'ce', 'cet', 'cette', 'ces', 'son', 'sa', 'ses', 'leur', 'leurs', 'notre', 'our']);
/** Indefinite determiners and quantifiers: "a US official", « un diplomate », « des médias »: nobody named. */
export const INDEFINITE = new Set(['a', 'an', 'un', 'une', 'des', 'some', 'several', 'many', 'most', 'other', 'others', 'plusieurs', 'certains', 'certaines', 'one', 'two', 'three', 'd', 'de', 'du', 'aucun', 'no', 'any', 'few', 'divers']);

/** Nouns for a written statement: its author is whoever issued it ("the statement said", « lit-on dans le communiqué »). */
export const REPORTING_NOUNS = new Set([
  'statement', 'statements', 'release', 'communique', 'communiques', 'report', 'letter', 'declaration', 'note', 'message', 'text', 'texte', 'tweet',
  'post', 'memo', 'document', 'announcement', 'website', 'site', 'transcript',
]);

/** Nouns that, after a light verb, make a speech event: "made a contradictory statement that …". */
export const SPEECH_NOUNS = new Set(['statement', 'remarks', 'remark', 'comments', 'comment', 'declaration', 'announcement', 'speech', 'propos', 'discours', 'remarque']);
/** Light verbs for `SPEECH_NOUNS`. */
export const LIGHT_VERBS = new Set(['made', 'makes', 'make', 'issued', 'issues', 'gave', 'gives', 'delivered', 'fait', 'publie', 'tenu', 'prononce', 'livre']);

/** Words that end a subject noun phrase when walking back from a verb. */
export const PHRASE_BREAKERS = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'when', 'while', 'as', 'if', 'but', 'because', 'since', 'where', 'than', 'so',
  'que', 'qu', 'qui', 'dont', 'quand', 'lorsque', 'lorsqu', 'si', 'mais', 'car', 'comme', 'ou', 'puisque', 'puisqu',
  'said', 'told', 'says', 'dit', 'to', 'for', 'with', 'from', 'in', 'on', 'at', 'by', 'of', 'after', 'before', 'about', 'over', 'under',
  'dans', 'pour', 'avec', 'sur', 'sous', 'apres', 'avant', 'chez', 'vers', 'par', 'entre', 'contre', 'depuis', 'pendant', 'lors', 'devant',
]);

/** Role words and what else a description with them may match ("the Iraqi leader" → "Iraqi President …"). */
export const ROLE_SYNONYMS: Record<string, string[]> = {
  leader: ['president', 'prime', 'premier', 'chief', 'head', 'chairman', 'leader', 'king', 'chancellor', 'ayatollah', 'dirigeant'],
  chef: ['president', 'premier', 'chef', 'dirigeant', 'leader'],
  dirigeant: ['president', 'premier', 'chef', 'leader', 'directeur'],
  boss: ['chief', 'chairman', 'president', 'ceo', 'head', 'executive'],
  executive: ['ceo', 'chief', 'executive', 'chairman', 'president'],
  ceo: ['chief', 'executive', 'ceo'],
  patron: ['president', 'directeur', 'pdg', 'chef', 'patron'],
  official: ['secretary', 'minister', 'director', 'spokesman', 'spokeswoman', 'official', 'officer'],
  diplomat: ['ambassador', 'envoy', 'secretary', 'minister', 'diplomat'],
  lawmaker: ['senator', 'sen', 'representative', 'rep', 'congressman', 'congresswoman', 'mp', 'lawmaker'],
  senator: ['senator', 'sen'],
  responsable: ['directeur', 'secretaire', 'president', 'chef', 'responsable', 'ministre'],
  avocat: ['avocat', 'maitre', 'me'],
  lawyer: ['lawyer', 'attorney'],
  attorney: ['lawyer', 'attorney'],
};

/** Words that carry no identity in a description or a title context. */
export const TITLE_STOPWORDS = new Set([
  'the', 'a', 'an', 'of', 'and', 'for', 'in', 'on', 'at', 'to', 'with', 'his', 'her', 'its', 'their', 's', 'who', 'which', 'this', 'that',
  'le', 'la', 'l', 'les', 'un', 'une', 'des', 'de', 'du', 'd', 'et', 'a', 'au', 'aux', 'en', 'sur', 'ce', 'cet', 'cette', 'son', 'sa', 'ses',
  'mr', 'mrs', 'ms', 'm', 'mme', 'dr', 'also', 'further', 'then', 'former', 'ancien', 'ancienne', 'new', 'nouveau', 'nouvelle', 'current', 'actuel',
]);

/**
 * True when a folded word can start a speech event: a speech or light verb, a source preposition,
 * « pour », « après », or a hyphenated French inversion (« a-t-il »). Every rule of
 * `events.ts` needs one of these, so the other words (most of a text) are skipped at once.
 */
export function mayStartEvent(folded: string): boolean {
  return folded.includes('-') || SPEECH_VERBS.has(folded) || LIGHT_VERBS.has(folded) || SOURCE_PREPOSITIONS.has(folded) || folded === 'pour' || folded === 'apres';
}
