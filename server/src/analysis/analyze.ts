/**
 * The analysis core's single entry point: text in, `Analysis` out. Pure and deterministic: no I/O,
 * no clock, no randomness; resources (model weights, gazetteers) come in through `options`.
 * Bad input never throws: an oversized or binary text gives an empty analysis with a problem.
 */
import { detectLanguage, languageScore } from './language';
import { layoutText } from './layout';
import { linkMentions } from './entities/identity';
import { recognizeEntities, type EntityResources } from './entities/index';
import { findReferenceDate, recognizeDates } from './dates/index';
import { attributeSpeakers, scanQuotes, speakerProblems } from './quotes/index';
import type { Analysis, Language, Problem } from './types';

export interface AnalyzeOptions {
  /** Entity model and gazetteers; without them the recognizer falls back to rules. */
  entityResources?: EntityResources;
  /** Texts longer than this (UTF-16 units) are not analysed. Default 5,000,000. */
  maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 5_000_000;

/** An analysis with nothing found, carrying the reason. */
export function emptyAnalysis(problems: Problem[] = [], language: Language = 'en'): Analysis {
  return { language, paragraphs: [], sentences: [], mentions: [], entities: [], dates: [], referenceDate: null, quotes: [], problems };
}

/** Heuristic for binary content: NUL bytes or many control characters in the first 8 KB. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/** Analyse one article. */
export function analyzeText(text: string, options: AnalyzeOptions = {}): Analysis {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return emptyAnalysis([{ start: 0, end: 0, code: 'too-large', severity: 'information', message: `Not analysed: ${text.length} characters exceeds the limit of ${maxLength}.` }]);
  }
  if (looksBinary(text)) {
    return emptyAnalysis([{ start: 0, end: 0, code: 'binary', severity: 'information', message: 'Not analysed: the file looks binary.' }]);
  }
  const language: Language = languageScore(text) < 0 ? 'fr' : 'en';
  const layout = layoutText(text, paragraph => detectLanguage(paragraph, language));
  const { mentions, entities } = linkMentions(text, recognizeEntities(layout, options.entityResources));
  const referenceDate = findReferenceDate(layout);
  const dates = recognizeDates(layout, referenceDate);
  const scanned = scanQuotes(layout);
  const quotes = attributeSpeakers(layout, scanned.quotes, mentions, entities);
  return {
    language,
    paragraphs: layout.paragraphs,
    sentences: layout.sentences,
    mentions,
    entities,
    dates,
    referenceDate,
    quotes,
    problems: [...scanned.problems, ...speakerProblems(quotes)].sort((a, b) => a.start - b.start),
  };
}
