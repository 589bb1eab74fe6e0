/**
 * Speaker names the entity recognizer missed. When an attribution phrase is plainly a name
 * ("said Sen. Larry Craig", "Jagland: ‘…’", "Echoed Sen. Hillary Rodham Clinton,") but no mention
 * covers it, the quote should still get its speaker rather than borrow a neighbour's. This file
 * reads a run of capitalised tokens, drops the titles in front of it ("Senate Appropriations
 * Chairman", « le ministre »), and returns the name with a type guess. The attribution code then
 * links it to a known entity with the same surname, or gives it the id `entityIdOf` would give, so
 * it still lines up with the same person recognised in other files.
 */
import type { EntityType } from '../types';
import { CAPITALISED, type TextView } from './context';

/** Words that are titles or roles in front of a name, folded ("Sen.", "Minister", « ministre »). */
const ROLE_WORDS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'sen', 'senator', 'rep', 'representative', 'gov', 'governor', 'gen', 'general', 'lt', 'col', 'adm', 'capt', 'sgt', 'maj',
  'prof', 'professor', 'president', 'vice', 'prime', 'minister', 'secretary', 'chairman', 'chairwoman', 'chair', 'chief', 'executive', 'ceo', 'director',
  'spokesman', 'spokeswoman', 'spokesperson', 'coach', 'judge', 'justice', 'mayor', 'ambassador', 'envoy', 'king', 'queen', 'prince', 'pope', 'ayatollah',
  'sheikh', 'leader', 'speaker', 'deputy', 'attorney', 'commissioner', 'chancellor', 'foreign', 'defense', 'defence', 'state', 'interior', 'finance',
  'senate', 'house', 'majority', 'minority', 'supreme', 'us', 'u.s', 'uk', 'french', 'american', 'british', 'german', 'iraqi', 'russian',
  'chinese', 'm', 'mme', 'mlle', 'me', 'maitre', 'ministre', 'secretaire', 'directeur', 'directrice', 'porte-parole', 'depute', 'deputee', 'senateur',
  'presidente', 'premier', 'chef', 'general', 'colonel', 'capitaine', 'commissaire', 'procureur', 'juge', 'maire', 'ambassadeur', 'sir', 'dame', 'lord',
]);

/** Honorifics: the next capitalised word is a name whatever it means. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'm', 'mme', 'mlle', 'me', 'maitre', 'sen', 'rep', 'gov', 'gen', 'sir', 'dame', 'prof']);

/** Capitalised words that start sentences or name things other than a speaker. */
const NOT_NAMES = new Set([
  'the', 'a', 'an', 'this', 'that', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'but', 'and', 'in', 'on', 'at', 'for', 'as',
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'il', 'elle', 'ils', 'elles', 'on', 'nous', 'vous', 'je', 'ce', 'cette', 'mais', 'et', 'en', 'selon', 'pour',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre', 'reuters', 'afp', 'ap',
]);

/** Words that make a capitalised run an organisation rather than a person. */
const ORGANIZATION_WORDS = new Set([
  'ministry', 'department', 'council', 'agency', 'office', 'committee', 'commission', 'party', 'union', 'institute', 'university', 'bank', 'court',
  'police', 'army', 'news', 'times', 'post', 'journal', 'watch', 'group', 'association', 'inc', 'corp', 'co', 'ltd', 'company', 'foundation', 'center',
  'centre', 'federation', 'organization', 'organisation', 'service', 'services', 'board', 'authority', 'nations', 'house', 'pentagon', 'kremlin',
  'ministere', 'conseil', 'parti', 'syndicat', 'gouvernement', 'tribunal', 'parquet', 'agence', 'banque', 'universite', 'commission', 'federation',
]);

/** Particles inside names ("Jean-Yves Le Drian", "Ursula von der Leyen", "Charles de Gaulle"). */
const PARTICLES = new Set(['le', 'la', 'de', 'du', 'des', 'van', 'von', 'der', 'den', 'da', 'di', 'al', 'el', 'bin', 'ben', 'ibn', 'st']);

/** A name read from the text: the surface to show and a type guess. */
export interface FoundName {
  name: string;
  type: EntityType;
  /** Token range of the name (inclusive). */
  first: number;
  last: number;
}

/** First token of its paragraph or after a sentence-final mark. */
function startsSentence(view: TextView, i: number): boolean {
  return i === 0 || view.paragraphOf[i - 1] !== view.paragraphOf[i] || /^[.!?…:]$/.test(view.tokens[i - 1].text);
}

function capitalised(view: TextView, i: number): boolean {
  return (view.shape[i] & CAPITALISED) !== 0;
}

/**
 * The name in the token run `[first, last]` (inclusive), reading from the right: name tokens
 * and particles, up to four, stopping at a role word or a lower-case word. Null when the run holds
 * no name (sentence-initial "The", a month, a bare title).
 */
export function nameInRun(view: TextView, first: number, last: number): FoundName | null {
  let start = last + 1;
  let organisation = false;
  for (let k = last; k >= first && last - k < 6; k--) {
    const w = view.folded[k];
    if (view.mentionOf[k] >= 0 || view.quoteOf[k] >= 0) break;
    if (ORGANIZATION_WORDS.has(w)) organisation = true;
    if (capitalised(view, k) && !ROLE_WORDS.has(w) && !NOT_NAMES.has(w)) { start = k; continue; }
    // After an honorific even a role word is a surname: "Mr. King", "Mme Chef".
    if (capitalised(view, k) && start > last && k > first && HONORIFICS.has(view.folded[k - 1])) { start = k; continue; }
    if (organisation && capitalised(view, k)) { start = k; continue; }
    if (PARTICLES.has(w) && k > first && capitalised(view, k - 1) && start <= last) { start = k; continue; }
    break;
  }
  while (start <= last && PARTICLES.has(view.folded[start])) start++;
  if (start > last) return null;
  // One capitalised word that the text also writes in lower case is a common word ("Procès :",
  // "Diplomats said"), and so is a sentence-initial plural.
  if (start === last && !organisation) {
    const w = view.folded[start];
    if (view.lowerWords.has(w)) return null;
    if (/[^s]s$/.test(w) && startsSentence(view, start)) return null;
  }
  const name = view.text.slice(view.tokens[start].start, view.tokens[last].end);
  if (!organisation && last - start > 3) return null;
  return { name, type: organisation ? 'ORGANIZATION' : 'PERSON', first: start, last };
}

/** The capitalised run that ends at token `end` (inclusive), read backwards over names, titles and particles. */
export function nameEndingAt(view: TextView, end: number): FoundName | null {
  if (end < 0 || !capitalised(view, end)) return null;
  let first = end;
  const paragraph = view.paragraphOf[end];
  while (first - 1 >= 0 && end - first < 6 && view.paragraphOf[first - 1] === paragraph && (capitalised(view, first - 1) || PARTICLES.has(view.folded[first - 1]) || view.tokens[first - 1].text === '.')) first--;
  return nameInRun(view, first, end);
}

/** The capitalised run that starts at token `start`: titles, honorifics, then the name ("Sen. Larry Craig"). */
export function nameStartingAt(view: TextView, start: number): FoundName | null {
  const n = view.tokens.length;
  if (start >= n || !capitalised(view, start)) return null;
  const paragraph = view.paragraphOf[start];
  let last = start;
  while (last + 1 < n && last - start < 8 && view.paragraphOf[last + 1] === paragraph && view.mentionOf[last + 1] < 0 && (capitalised(view, last + 1) || (PARTICLES.has(view.folded[last + 1]) && last + 2 < n && capitalised(view, last + 2)))) last++;
  return nameInRun(view, start, last);
}
