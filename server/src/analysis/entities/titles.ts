/**
 * Titles, roles and honorifics in English and French ("Secretary of State", "Defense Secretary",
 * "le ministre de la Défense", "Gen.", "Mme", "M."). They are strong evidence that a person's name
 * follows, and the guidelines keep them out of person spans, so the tagger uses them as features
 * and the span clean-up strips them. General vocabulary, lower-cased.
 */

/** Honorifics, usually abbreviated; a following dot is part of the honorific, not a sentence end. */
export const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'rev', 'fr', 'st',
  'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'adm', 'cmdr', 'cdr', 'gov', 'sen', 'rep', 'pres', 'amb', 'insp', 'supt', 'cpl', 'pvt', 'brig',
  'm', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'me', 'maître', 'maitre', 'mgr', 'pr', 'gal', 'cne', 'sheikh', 'cheikh',
]);

/** Role and title words that, written right before a name, say it is a person. */
export const TITLE_WORDS = new Set([
  // English
  'president', 'vice-president', 'secretary', 'secretary-general', 'minister', 'chancellor', 'premier', 'king', 'queen',
  'prince', 'princess', 'pope', 'cardinal', 'bishop', 'archbishop', 'reverend', 'father', 'ayatollah', 'imam', 'emir',
  'judge', 'justice', 'mayor', 'ambassador', 'envoy', 'spokesman', 'spokeswoman', 'spokesperson', 'director', 'chairman',
  'chairwoman', 'chair', 'chief', 'ceo', 'cfo', 'coach', 'manager', 'striker', 'midfielder', 'defender', 'goalkeeper',
  'officer', 'inspector', 'detective', 'sheriff', 'attorney', 'lawyer', 'prosecutor', 'governor', 'senator', 'congressman',
  'congresswoman', 'representative', 'lawmaker', 'general', 'lieutenant', 'colonel', 'major', 'captain', 'sergeant',
  'admiral', 'commander', 'commissioner', 'advisor', 'adviser', 'professor', 'doctor', 'dr', 'leader', 'founder', 'analyst',
  'correspondent', 'reporter', 'editor', 'columnist', 'author', 'economist', 'candidate', 'rapporteur', 'deputy', 'counsel',
  'spokesman', 'official', 'diplomat', 'dictator', 'strongman', 'marshal', 'pilot', 'actor', 'actress', 'singer',
  'rapper', 'star', 'player', 'executive', 'vice', 'democrat', 'champion', 'president-elect', 'nominee', 'gen', 'sen', 'rep', 'gov',
  // French
  'président', 'présidente', 'ministre', 'secrétaire', 'chancelière', 'roi', 'reine', 'pape', 'juge', 'maire',
  'député', 'députée', 'sénateur', 'sénatrice', 'ambassadeur', 'ambassadrice', 'porte-parole', 'directeur', 'directrice',
  'patron', 'patronne', 'sélectionneur', 'entraîneur', 'attaquant', 'défenseur', 'gardien', 'avocat', 'avocate',
  'procureur', 'procureure', 'général', 'colonel', 'capitaine', 'commandant', 'amiral', 'lieutenant', 'sergent',
  'professeur', 'docteur', 'chef', 'dirigeant', 'dirigeante', 'fondateur', 'fondatrice', 'commissaire', 'conseiller',
  'conseillère', 'émir', 'prince', 'princesse', 'cheikh', 'imam', 'chanteur', 'chanteuse', 'acteur', 'actrice',
  'journaliste', 'reporter', 'photographe', 'envoyé', 'envoyée', 'délégué', 'déléguée', 'gouverneur', 'préfet', 'préfète',
  'chancelier', 'premier', 'première', 'vice-président', 'vice-présidente', 'secrétaire-général', 'candidat', 'candidate',
  'ex-président', 'ex-ministre', 'homologue', 'successeur', 'prédécesseur', 'opposant', 'opposante', 'leader',
]);

// Compiled once (a bundler may turn an inline `/\p{…}/u` into a `new RegExp` per call).
const UPPER_START = /^\p{Lu}/u;

/** Words that may sit between a title word and the name ("Secretary of State John Kerry", "ministre de la Défense Jean-Yves Le Drian"). */
const CONNECTORS = new Set(['of', 'the', 'for', 'and', 'de', 'la', 'le', 'du', 'des', "d'", "l'", 'et', 'aux', 'à', 'of the', '-']);

/** True when `lower` (a lower-cased token, with or without a final dot) is a title or honorific. */
export function isTitleWord(lower: string): boolean {
  const c = lower.charCodeAt(lower.length - 1);
  const word = c === 46 ? lower.slice(0, -1) : lower;
  return TITLE_WORDS.has(word) || HONORIFICS.has(word);
}

/** What a token may be in a title phrase: 1 a title word, 2 capitalized or a connector (may sit between title and name), 0 neither. */
export function titleKind(word: string, lower: string): number {
  const c = word.charCodeAt(0);
  if (isTitleWord(lower)) return 1;
  return (c >= 65 && c <= 90) || (c > 127 && UPPER_START.test(word)) || CONNECTORS.has(lower) ? 2 : 0;
}

/**
 * For each token, whether a title phrase ends right before it: a title word or honorific (its
 * dot included) possibly followed by a capitalized complement ("of State", "de la Défense") of
 * up to five tokens. `lowers` are lower-cased tokens; each token's `titleKind` comes from its
 * word-table record, computed once per word.
 */
export function titlesBefore(tokens: readonly { readonly titleKind: number }[], lowers: string[]): boolean[] {
  const n = lowers.length;
  const out = new Array<boolean>(n).fill(false);
  for (let i = 1; i < n; i++) {
    let j = i - 1;
    if (lowers[j] === '.' && j > 0 && HONORIFICS.has(lowers[j - 1])) {
      out[i] = true;
      continue;
    }
    for (let steps = 0; j >= 0 && steps < 6; steps++, j--) {
      const kind = tokens[j].titleKind;
      if (kind === 1) {
        out[i] = true;
        break;
      }
      if (kind === 0) break;
    }
  }
  return out;
}
