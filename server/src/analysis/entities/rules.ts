/**
 * Rules around the statistical tagger: span clean-up per the annotation guidelines (no titles or
 * honorifics in a person span, no surrounding punctuation or articles, nothing inside a URL),
 * and the rule-based fallback used before the model is loaded (runs of capitalized words, typed by
 * titles, organization head words, acronyms and the gazetteer when one is given). The fallback is
 * deliberately simple: it makes the editor answer at once; the model replaces it seconds later.
 */
import type { Token } from '../types';
import { HONORIFICS, TITLE_WORDS, isTitleWord } from './titles';
import { lowerWord } from './features';

// Unicode-class tests, compiled once (a bundler may turn an inline `/\p{…}/u` into a `new RegExp` per call).
const ALL_CAPS = /^\p{Lu}{2,}$/u; // two capitals or more, nothing else
const GLUED_PARTICLE = /^\p{Ll}{1,4}[-‐’']\p{Lu}/u; // a lower-case particle glued to a name ("al-Assad")
const DIGIT = /\d/; // a digit anywhere
const HAS_CAPITAL = /\p{Lu}/u; // a capital anywhere
const HYPHENATED_PREFIX = /^[\p{L}]+-$/u; // letters then a hyphen ("franco-")
const INITIAL = /^\p{Lu}\.$/u; // an initial ("F.")
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u; // a letter or digit anywhere
const LOWER_START = /^\p{Ll}/u; // starts with a small letter
const NAME_WORD = /^\p{Lu}[\p{Ll}’'-]+$/u; // a capitalized word ("Kerry", "O’Brien")
const UPPER_START = /^\p{Lu}/u; // starts with a capital

/** A typed token span over one sentence: tokens `[start, end)`, end exclusive. */
export interface TokenSpan {
  start: number;
  end: number;
  type: string;
  /** Gazetteer key when the span is exactly a gazetteer phrase. */
  key?: string;
  /** True for the part before a title cut out of a longer span: its type is unsure. */
  fromSplit?: boolean;
}

/**
 * A new span. Every span is made here, with all its fields from the start (even when undefined):
 * spans of one shape keep the code reading them optimized, where fields added later gave several
 * shapes and repeated deoptimizations on new text.
 */
export function tokenSpan(start: number, end: number, type: string, key?: string, fromSplit?: boolean): TokenSpan {
  return { start, end, type, key, fromSplit };
}

/** `span` moved to tokens `[start, end)` with `type`, keeping its gazetteer key and split flag. */
export function reshaped(span: TokenSpan, start: number, end: number, type: string = span.type): TokenSpan {
  return tokenSpan(start, end, type, span.key, span.fromSplit);
}

// Lower-cased words, memoized (bounded): the rules read the same word several times per sentence,
// and words repeat across sentences. `lowerOf` is `toLowerCase`, `normalLowerOf` is `lowerWord` (’ as ').
const lowers = new Map<string, string>();
const normalLowers = new Map<string, string>();
export function lowerOf(w: string): string {
  let lower = lowers.get(w);
  if (lower === undefined) {
    if (lowers.size >= 100_000) lowers.clear();
    lowers.set(w, (lower = w.toLowerCase()));
  }
  return lower;
}
export function normalLowerOf(w: string): string {
  let lower = normalLowers.get(w);
  if (lower === undefined) {
    if (normalLowers.size >= 100_000) normalLowers.clear();
    normalLowers.set(w, (lower = lowerWord(w)));
  }
  return lower;
}

/** Whether a word starts with a small letter (ASCII fast path). */
function startsLower(w: string): boolean {
  const c = w.charCodeAt(0);
  return c < 128 ? c >= 97 && c <= 122 : LOWER_START.test(w);
}

/** Whether a word has a letter or a digit (ASCII fast path). */
function hasLetterOrDigit(w: string): boolean {
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c >= 128) return LETTER_OR_DIGIT.test(w);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  }
  return false;
}

/** Whether a word has a capital letter (ASCII fast path). */
function hasCapital(w: string): boolean {
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c >= 128) return HAS_CAPITAL.test(w);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** "'s" or "’s": a possessive ending split off as a token. */
function isPossessive(w: string): boolean {
  return w.length === 2 && w[1] === 's' && (w[0] === "'" || w[0] === '’');
}

const LEADING_ARTICLES = new Set(['the', 'le', 'la', 'les', "l'", 'du', 'des', "d'", 'de']);

// Portfolio words of a ministerial title ("Secretary of Defense Ash Carter", "ministre de la
// Défense Jean-Yves Le Drian"): when a span right after a title starts with them, they belong to
// the title, not to the name.
const PORTFOLIOS = new Set([
  'defense', 'defence', 'state', 'interior', 'justice', 'treasury', 'commerce', 'energy', 'agriculture', 'education', 'health',
  'labor', 'labour', 'transportation', 'transport', 'foreign', 'affairs', 'homeland', 'security', 'finance', 'economy', 'war',
  'trade', 'home', 'veterans', 'housing', 'environment', 'culture', 'sports', 'navy', 'army', 'air', 'force', 'national',
  'défense', 'armées', 'intérieur', 'affaires', 'étrangères', 'économie', 'finances', 'santé', 'travail', 'éducation',
  'écologie', 'budget', 'agriculture', 'sports', 'outre-mer', 'logement', 'numérique', 'industrie', 'europe', 'et', 'and', 'of', 'de', 'la', 'des', "l'",
]);

// Name particles that may start a surname ("de Villepin", "van Gogh", "al-Assad").
const PARTICLES = new Set(['de', 'du', 'des', 'van', 'von', 'der', 'den', 'al', 'el', 'bin', 'ben', 'ibn', 'da', 'di', 'dos', 'das', 'la', 'le', 'ter', 'zu']);

// Punctuation that never sits inside a name: a span crossing it is cut there.
const BREAKS = new Set([',', ':', ';', '(', ')', '[', ']', '|', '•', '«', '»', '“', '”', '‘', '’', '"', '—', '–', '/', '©', '?', '!']);

/**
 * Cut a span at punctuation that never sits inside a name ("Comité de rédaction : Jacques de
 * Lestapis"), keeping the pieces. Token indexes, end exclusive. A span without a break is returned
 * as is (the pieces are read, never modified).
 */
export function splitAtBreaks(span: TokenSpan, words: string[]): TokenSpan[] {
  let cut = false;
  for (let k = span.start; k < span.end && !cut; k++) cut = BREAKS.has(words[k]);
  // Most spans have no break: the span itself is its only piece.
  if (!cut && span.end > span.start) return [span];
  const out: TokenSpan[] = [];
  let from = span.start;
  for (let k = span.start; k <= span.end; k++) {
    if (k === span.end || BREAKS.has(words[k])) {
      if (k > from) out.push(reshaped(span, from, k));
      from = k + 1;
    }
  }
  return out;
}

// Lower-case words that may sit inside a name between capitalized words ("Islamic State of Iraq
// and the Levant", "ministère de la Défense", "Bashar al-Assad").
const CONNECTORS = new Set([
  'of', 'the', 'and', 'for', 'de', 'du', 'des', 'la', 'le', 'les', "l'", "d'", 'et', 'au', 'aux',
  'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'von', 'van', 'der', 'den', 'al', 'el', 'bin', 'ben', 'ibn', 'y', 'i', '&',
]);

// A single lower-case word may end an organization or place name when it is an adjective
// ("Union africaine", "Conseil fédéral", "Radio nationale", "Nations unies").
const ADJECTIVE_END = /(?:ain|aine|ains|aines|ale|aux|ais|aise|ien|ienne|iens|ique|iques|elle|éen|éenne|ois|oise|ive|iste|istes|iale|ées|ée|aire|rale|unies|unis|fédéral|national|général|central|international)$/u;

/**
 * Cut lower-case words a noisy model let into a name: a lower-case run inside a span must be
 * connectors ("of the", "de la"); a trailing one must be a single adjective of an organization or
 * place ("Union africaine"). Anything else ends the name there. A span with nothing to cut is
 * returned as is.
 */
export function trimLowercase(span: TokenSpan, words: string[]): TokenSpan[] {
  // A person's name has no digits: "Manifestation le 1er" is not one.
  if (span.type === 'PER') {
    for (let k = span.start; k < span.end; k++) if (DIGIT.test(words[k])) return trimLowercase(reshaped(span, span.start, k), words);
  }
  // "al-Assad", "bin-Salman": a lower-case particle glued to a capitalized name is part of a name.
  const isLower = (w: string) => startsLower(w) && !GLUED_PARTICLE.test(w);
  const out: TokenSpan[] = [];
  let headed = false;
  if (span.type === 'ORG') {
    const first = normalLowerOf(words[span.start]);
    const head = ARTICLES.has(first) && span.start + 1 < span.end ? lowerOf(words[span.start + 1]) : first;
    headed = INSTITUTION_HEADS.has(head);
  }
  let from = span.start;
  let k = span.start;
  while (k < span.end) {
    if (k === from || !isLower(words[k])) {
      k++;
      continue;
    }
    let e = k;
    while (e < span.end && isLower(words[e])) e++;
    const run = words.slice(k, e).map(normalLowerOf);
    // "and"/"et" join two names unless a connector follows ("Iraq and the Levant"); "&" only
    // inside an organization ("Procter & Gamble", not "Ariana Grande & Willie Nelson").
    const joins =
      run.every(w => CONNECTORS.has(w)) && !((run[0] === 'and' || run[0] === 'et') && run.length === 1) && !(run.includes('&') && span.type !== 'ORG');
    const inside = e < span.end && (joins || run.every(w => HYPHENATED_PREFIX.test(w)));
    const adjective = span.type !== 'PER' && ADJECTIVE_END.test(run[0]) && !CONNECTORS.has(run[0]);
    if (!inside && headed) {
      // "Organisation des pays exportateurs de pétrole", "Cour d'appel de Paris", "Conseil de
      // sécurité de l'ONU": an institution's head takes lower-case complements, up to a word
      // that cannot sit inside a name ("Cour d'appel de Paris de la demande" stops at Paris).
      let q = 0;
      while (q < run.length && !NEVER_INSIDE.has(run[q])) q++;
      const trailing = e === span.end || q < run.length;
      const properSinceHead = words.slice(span.start + 1, k).some(w => UPPER_START.test(w));
      if (q === run.length && !trailing && run.length <= 4) {
        k = e;
        continue;
      }
      if (trailing && !properSinceHead && q > 0 && q <= 5 && !CONNECTORS.has(run[q - 1])) {
        out.push(reshaped(span, from, k + q));
        from = e;
        k = e;
        continue;
      }
    }
    if (!inside) {
      const keep = adjective ? k + 1 : k;
      out.push(reshaped(span, from, keep));
      from = e;
    }
    k = e;
  }
  // Most spans have no lower-case word past their first: the span itself.
  if (from === span.start && !out.length && span.end > span.start && !isLower(words[from])) return [span];
  if (from < span.end) out.push(reshaped(span, from, span.end));
  const kept: TokenSpan[] = [];
  for (const p of out) {
    if (p.end <= p.start) continue;
    // A name may open with a lower-case head only for a few institutions and places ("ministère du Commerce", "quai Valmy").
    if (!isLower(words[p.start]) || (span.type !== 'PER' && LOWER_HEADS.has(lowerOf(words[p.start])) && p.end - p.start > 1)) {
      kept.push(p);
      continue;
    }
    let s = p.start;
    while (s < p.end && isLower(words[s])) s++;
    if (s < p.end) kept.push(reshaped(p, s, p.end));
  }
  return kept;
}

/** Articles that may open a sentence before a name ("La Cour d'appel", "The Pentagon"). */
export const ARTICLES = new Set(['le', 'la', 'les', "l'", 'the']);

// Capitalized head nouns of institution names that take lower-case complements.
const INSTITUTION_HEADS = new Set([
  'cour', 'conseil', 'organisation', 'organization', 'ministère', 'comité', 'union', 'agence', 'banque', 'fédération', 'parti',
  'assemblée', 'commission', 'association', 'institut', 'office', 'tribunal', 'syndicat', 'confédération', 'direction',
  'société', 'compagnie', 'chambre', 'conférence', 'fonds', 'mouvement', 'front', 'armée', 'forces', 'brigade', 'régiment',
  'collège', 'université', 'école', 'lycée', 'centre', 'service', 'autorité', 'caisse', 'secrétariat', 'département', 'ligue',
  'groupe', 'observatoire', 'académie', 'fondation', 'sénat', 'parlement', 'bureau', 'haut-commissariat', 'état-major', 'garde',
]);

// Words that never sit inside a name: verbs, pronouns, most prepositions ("durant", "avec", "est").
const NEVER_INSIDE = new Set([
  'durant', 'pendant', 'avec', 'sans', 'pour', 'par', 'sur', 'sous', 'dans', 'contre', 'après', 'avant', 'selon', 'depuis', 'entre',
  'est', 'a', 'ont', 'sont', 'était', 'été', 'sera', 'qui', 'que', 'qu\'', 'dont', 'où', 'ce', 'cette', 'ces', 'son', 'sa', 'ses',
  'leur', 'leurs', 'il', 'elle', 'ils', 'elles', 'se', 's\'', 'ne', 'n\'', 'pas', 'plus', 'mais', 'ou', 'donc', 'car', 'si', 'comme',
  'is', 'was', 'are', 'were', 'has', 'have', 'had', 'said', 'says', 'with', 'without', 'from', 'by', 'to', 'in', 'at', 'on', 'as',
  'that', 'which', 'who', 'will', 'would', 'but', 'or', 'if', 'when', 'while', 'after', 'before',
]);

const LOWER_HEADS = new Set([
  'ministère', 'quai', 'rue', 'avenue', 'boulevard', 'place', 'mont', 'lac', 'golfe', 'mer', 'océan', 'détroit', 'île', 'îles',
  'cap', 'canal', 'palais', 'parti', 'conseil', 'cour', 'tribunal', 'assemblée', 'commission', 'université', 'lycée', 'collège',
  'hôpital', 'musée', 'gare', 'aéroport', 'pont', 'porte', 'château', 'abbaye', 'église', 'cathédrale', 'département', 'région',
]);

/**
 * Titles written inside a span ("Defense Secretary Ash Carter", "National Security Advisor Robert
 * O'Brien", "US Secretary"): the words after the last title word are a person's name; the words
 * before it (minus portfolio words) stay a separate name ("US"). Spans without titles are kept.
 */
export function splitTitles(span: TokenSpan, words: string[]): TokenSpan[] {
  let title = -1;
  for (let k = span.start; k < span.end; k++) {
    const lower = lowerOf(words[k]);
    if (TITLE_WORDS.has(lower.endsWith('.') ? lower.slice(0, -1) : lower)) title = k;
  }
  if (title < 0) return [span];
  const out: TokenSpan[] = [];
  let left = title;
  while (left > span.start && PORTFOLIOS.has(words[left - 1].toLowerCase())) left--;
  while (left > span.start && /^['’]s$/.test(words[left - 1])) left--;
  if (left > span.start) {
    const before = reshaped(span, span.start, left);
    before.fromSplit = true;
    out.push(before);
  }
  let right = title + 1;
  while (right < span.end && (PORTFOLIOS.has(words[right].toLowerCase()) || CONNECTORS.has(words[right].toLowerCase()))) right++;
  if (right < span.end && span.end - right <= 4 && words.slice(right, span.end).every(w => UPPER_START.test(w) || PARTICLES.has(w.toLowerCase()) || INITIAL.test(w))) {
    out.push(reshaped(span, right, span.end, 'PER'));
  }
  return out;
}

/**
 * Tighten a span to the guidelines; returns null when nothing is left. `words` are the sentence's
 * token texts; `afterTitle` says where a title phrase ends right before a token.
 */
export function cleanSpan(span: TokenSpan, words: string[], afterTitle?: boolean[]): TokenSpan | null {
  let { start, end } = span;
  let type = span.type;
  const lower = (k: number) => normalLowerOf(words[k]);
  for (;;) {
    if (start >= end) return null;
    const w = lower(start);
    const isLower = words[start] === w;
    if (!hasLetterOrDigit(w)) start++;
    else if (isLower && LEADING_ARTICLES.has(w) && end - start > 1 && !(type === 'PER' && PARTICLES.has(w))) start++;
    else if (end - start > 1 && (isTitleWord(w) || HONORIFICS.has(w)) && (type === 'PER' || UPPER_START.test(words[start + 1]))) start++;
    else if (type === 'PER' && isLower && end - start > 1 && !PARTICLES.has(w)) start++;
    else break;
  }
  // "ministre de la Défense", "Secretary of State": a portfolio alone after a title is part of the title.
  if (afterTitle && afterTitle[span.start] && words.slice(start, end).every(w => PORTFOLIOS.has(lowerOf(w)))) return null;
  // "Defense Ash Carter" after "Secretary of": the portfolio words belong to the title.
  if (afterTitle && afterTitle[span.start] && end - start > 1) {
    let k = start;
    while (k < end - 1 && PORTFOLIOS.has(lower(k))) k++;
    if (k > start && end - k <= 4 && words.slice(k, end).every(w => UPPER_START.test(w) || PARTICLES.has(w.toLowerCase()))) {
      start = k;
      type = 'PER';
    }
  }
  while (end > start && (!hasLetterOrDigit(words[end - 1]) && !words[end - 1].endsWith('.') ? true : isPossessive(words[end - 1]))) end--;
  // A dot that is not part of an abbreviation token ("Inc.", "U.S.", "Tenn.") ends the sentence, not the name.
  while (end > start && words[end - 1] === '.') end--;
  if (start >= end) return null;
  let capital = false;
  for (let k = start; k < end && !capital; k++) capital = hasCapital(words[k]);
  if (!capital) return null;
  return reshaped(span, start, end, type);
}

/** UTF-16 ranges of URLs, e-mail addresses and domain names in `text`: nothing inside them is an entity. */
export function urlRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  // Each alternative starts with a literal ("http", "www.", "@", ".com"), which keeps the scan fast;
  // the match is then widened back to the white space before it.
  const re = /(?:https?:\/\/|www\.)\S+|@[\w-]+\.[\w.]+|\.(?:com|org|net|fr|be|ch|ca|uk|de|info|gov|mil|edu)\b(?:\/\S*)?/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    while (start > 0 && /[\w.+\-/:]/.test(text[start - 1])) start--;
    const end = m.index + m[0].length;
    if (out.length && out[out.length - 1].end >= start) out[out.length - 1].end = Math.max(out[out.length - 1].end, end);
    else out.push({ start, end });
  }
  return out;
}

/** Head words of organization names ("Ministry", "Council", "Corp", "ministère"). */
export const ORG_HEADS = new Set([
  'ministry', 'department', 'council', 'union', 'agency', 'university', 'corp', 'corporation', 'inc', 'ltd', 'co', 'company',
  'bank', 'party', 'army', 'navy', 'committee', 'commission', 'court', 'parliament', 'assembly', 'association', 'institute',
  'news', 'times', 'post', 'group', 'organization', 'organisation', 'fund', 'office', 'senate', 'congress', 'forces', 'police',
  'ministère', 'conseil', 'parti', 'armée', 'comité', 'cour', 'tribunal', 'assemblée', 'agence', 'banque', 'université',
  'gouvernement', 'fédération', 'syndicat', 'journal', 'groupe', 'société', 'commission', 'parlement', 'sénat',
  'corps', 'activity', 'service', 'services', 'systems', 'technologies', 'airlines', 'board', 'authority', 'bureau', 'foundation',
  'museum', 'school', 'college', 'church', 'club', 'league', 'federation', 'tribunal', 'cabinet', 'administration', 'nations',
]);

/** Function words, pronouns, weekdays and months: capitalized, they are still never a name on their own. */
export const STOP_CAPITALS = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'for', 'but', 'and', 'or', 'if', 'this', 'that', 'these', 'those', 'he', 'she', 'it', 'we',
  'they', 'i', 'you', 'his', 'her', 'their', 'our', 'my', 'as', 'after', 'before', 'when', 'while', 'with', 'by', 'from', 'to',
  'le', 'la', 'les', 'un', 'une', 'des', 'il', 'elle', 'ils', 'elles', 'nous', 'vous', 'on', 'ce', 'cette', 'ces', 'et', 'mais',
  'dans', 'pour', 'par', 'avec', 'selon', 'après', 'avant', 'lors', 'en', 'au', 'aux', 'du', 'de', 'monday', 'tuesday',
  'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
  'august', 'september', 'october', 'november', 'december', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi',
  'dimanche', 'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  // Interjections and adverbs that open spoken turns and clauses.
  'well', 'yes', 'yeah', 'no', 'oh', 'ok', 'okay', 'now', 'so', 'then', 'here', 'there', 'more', 'today', 'still', 'also',
  'however', 'meanwhile', 'please', 'thanks', 'why', 'what', 'who', 'how', 'where', 'which', 'yet', 'indeed', 'perhaps',
  'oui', 'non', 'alors', 'bien', 'donc', 'ainsi', 'ici', 'hier', 'demain', "aujourd'hui", 'aujourd’hui', 'cependant',
  'pourtant', 'enfin', 'puis', 'pourquoi', 'comment', 'quand', 'où', 'mon', 'ma', 'mes', 'notre', 'nos', 'votre', 'son', 'sa', 'ses',
]);

/**
 * Rule-based spans of one sentence, for when no model is loaded: maximal runs of capitalized
 * words (joined by "of", "de", "la", …), skipping sentence-initial function words.
 */
export function fallbackSpans(tokens: Token[], afterTitle: boolean[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  const words = tokens.map(t => t.text);
  const cap = (w: string) => UPPER_START.test(w) && !STOP_CAPITALS.has(w.toLowerCase()) && !isTitleWord(w.toLowerCase());
  for (let i = 0; i < words.length; i++) {
    if (!cap(words[i])) continue;
    let j = i + 1;
    while (j < words.length) {
      if (cap(words[j]) && tokens[j].start - tokens[j - 1].end <= 1) j++;
      else if (/^(of|de|du|des|la|d'|d’)$/i.test(words[j]) && j + 1 < words.length && cap(words[j + 1])) j += 2;
      else break;
    }
    const run = words.slice(i, j);
    const lowers = run.map(w => w.toLowerCase());
    let type = 'LOC';
    if (lowers.some(w => ORG_HEADS.has(w)) || (run.length === 1 && ALL_CAPS.test(run[0]))) type = 'ORG';
    else if (afterTitle[i] || (run.length >= 2 && run.length <= 4 && run.every(w => NAME_WORD.test(w)))) type = 'PER';
    spans.push(tokenSpan(i, j, type));
    i = j - 1;
  }
  return spans;
}
