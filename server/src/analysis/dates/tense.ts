/**
 * The tense of the clause around a date expression, which decides whether a bare weekday or month
 * points back or ahead. News reports what happened, so without a future marker the answer is past:
 * "met on Monday" is the Monday before the article, "will visit on Monday" the one after. The
 * nearest marker to the expression, inside its sentence, wins.
 */
import type { Language } from '../types';

export type Tense = 'past' | 'future';

const FUTURE_EN = /\b(?:will|won['’]t|['’]ll|shall|going\s+to|is\s+to|are\s+to|plans?\s+to|planned|scheduled|set\s+to|expected\s+to|due\s+to|upcoming|next|would\s+be\s+held)\b/giu;
const PAST_EN = /\b(?:was|were|had|did|said|told|met|went|came|took|made|held|gave|left|\w{3,}ed)\b/giu;

// Futur simple (sera, aura, se rendra, devront), "va/vont" + infinitive, and scheduling words.
const FUTURE_FR = /(?<![\p{L}])(?:\p{Ll}{2,}(?:era|ira|ra|ront|rai|ras|rons|rez)|va|vont|prévu|prévue|prévus|doit|doivent|devrait|devraient|prochaine?s?|compte)(?![\p{L}])/giu;
const NOT_FUTURE_FR = /^(?:extra|caméra|opéra|choléra|mantra|tiara|sera?pa|front|affront|kontra|cobra|zebra|ultra|contra|hydra|mafia|sierra|tora|autra|entra|montra|rentra|pénétra|déclara|resta|quitta|gagna|mena|éclata|lança|tira|ira)$/i;
const PAST_FR = /(?<![\p{L}])(?:a|ont|avait|avaient|était|étaient|fut|furent|eut|hier|\p{Ll}{2,}(?:é|ée|és|ées|i|is|it|u|ue|us))(?![\p{L}])/giu;

function nearest(re: RegExp, window: string, at: number, reject?: RegExp): number {
  let best = Infinity;
  re.lastIndex = 0;
  for (let m = re.exec(window); m; m = re.exec(window)) {
    if (reject && reject.test(m[0])) continue;
    best = Math.min(best, Math.abs(m.index - at));
  }
  return best;
}

/**
 * Past or future for an expression at `[start, end)` inside the sentence `[sentenceStart, sentenceEnd)`.
 * Looks at most 80 characters either side.
 */
export function tenseAt(text: string, sentenceStart: number, sentenceEnd: number, start: number, end: number, language: Language): Tense {
  const from = Math.max(sentenceStart, start - 80);
  const to = Math.max(end, Math.min(sentenceEnd, end + 80));
  // The date words themselves ("next", "prochain") are handled by the spec, not here.
  const window = text.slice(from, start) + ' '.repeat(end - start) + text.slice(end, to);
  const at = start - from;
  const future = language === 'fr' ? nearest(FUTURE_FR, window, at, NOT_FUTURE_FR) : nearest(FUTURE_EN, window, at);
  if (future === Infinity) return 'past';
  const past = language === 'fr' ? nearest(PAST_FR, window, at) : nearest(PAST_EN, window, at);
  return future <= past ? 'future' : 'past';
}
