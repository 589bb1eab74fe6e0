/**
 * Folding for comparisons: "Élysée", "ELYSEE" and "élysée" are one word to every recognizer and
 * index. One definition, so names compare the same way everywhere (ids, lexicons, search).
 */

/** Lower case without accents or other combining marks (NFD, marks removed). Length may change. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
