/**
 * The analysis core's single entry point: text in, `Analysis` out. Pure and deterministic: no I/O,
 * no clock, no randomness; resources (model weights, gazetteers) come in through `options`.
 * Bad input never throws: an oversized or binary text gives an empty analysis with a problem.
 */
import './spanFields';
import { layoutArticle } from './layout';
import { linkMentions } from './entities/identity';
import { recognizeEntities, type EntityResources } from './entities/index';
import { findReferenceDate, recognizeDates } from './dates/index';
import { attributeSpeakers, scanQuotes, speakerProblems } from './quotes/index';
import { addSpeakerMentions } from './speakerMentions';
import type { AnalysisMemo } from './memo';
import type { Analysis, Language, Problem } from './types';
import type { Annotations } from './corrections/model';
import { anchorCorrections } from './corrections/anchor';
import { correctDates, correctionProblems, correctRawMentions, correctSpeakers, dropRejected, forceCanonicals } from './corrections/apply';

export interface AnalyzeOptions {
  /** Entity model and gazetteers; without them the recognizer falls back to rules. */
  entityResources?: EntityResources;
  /**
   * Per-document memos of paragraph layouts and sentence tagging (see memo.ts): with them an edit
   * re-cuts and re-tags only the paragraphs it touched. The result is the same with or without.
   * They must be discarded when `entityResources` change.
   */
  memo?: AnalysisMemo;
  /** Texts longer than this (UTF-16 units) are not analysed. Default 5,000,000. */
  maxLength?: number;
  /** The user's corrections, watch-list and stop-list, merged over the recognizers' output. */
  annotations?: Annotations;
}

export const DEFAULT_MAX_LENGTH = 5_000_000;

/** An analysis with nothing found, carrying the reason. */
export function emptyAnalysis(problems: Problem[] = [], language: Language = 'en'): Analysis {
  return { language, paragraphs: [], sentences: [], mentions: [], entities: [], dates: [], referenceDate: null, quotes: [], problems };
}

const CONTROL_CHARACTER = /[\x00-\x08\x0B\x0E-\x1F]/;

/** Heuristic for binary content: NUL bytes or many control characters in the first 8 KB. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  // Text almost never holds a control character: one native regex pass settles it, where the loop
  // below runs interpreted on a server's first file.
  if (!CONTROL_CHARACTER.test(sample)) return false;
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
    return emptyAnalysis([{ start: 0, end: 0, code: 'too-large', severity: 'information', message: `Not analysed: ${text.length} characters exceeds the limit of ${maxLength} (setting articleLens.maxFileSize).` }]);
  }
  if (looksBinary(text)) {
    return emptyAnalysis([{ start: 0, end: 0, code: 'binary', severity: 'information', message: 'Not analysed: the file looks binary.' }]);
  }
  try {
    return analyzeArticle(text, options);
  } catch (error) {
    // The core reports rather than throws: a bug on odd input costs this text's analysis, not the host.
    return emptyAnalysis([{ start: 0, end: 0, code: 'internal', severity: 'warning', message: `Not analysed: internal error (${(error as Error).message}).` }]);
  }
}

function analyzeArticle(text: string, options: AnalyzeOptions): Analysis {
  const { layout, language } = layoutArticle(text, options.memo);
  const annotations = options.annotations ?? {};
  // Corrections are re-found in this text first, so edits elsewhere never misplace them.
  const corrections = annotations.corrections?.length ? anchorCorrections(text, annotations.corrections) : [];
  const corrected = correctRawMentions(text, recognizeEntities(layout, options.entityResources, options.memo), annotations, corrections);
  const linked = linkMentions(text, corrected.raw, options.memo, layout.edit);
  const recognized = forceCanonicals(linked.mentions, linked.entities, corrected.canonicals, corrected.origins);
  const referenceDate = findReferenceDate(layout, options.memo);
  const dates = correctDates(text, recognizeDates(layout, referenceDate, options.memo), corrections);
  const scanned = scanQuotes(layout, undefined, options.memo);
  const quotes = correctSpeakers(text, attributeSpeakers(layout, scanned.quotes, recognized.mentions, recognized.entities, options.memo), corrections, recognized.mentions, recognized.entities);
  const { mentions, entities } = dropRejected(addSpeakerMentions(text, recognized.mentions, recognized.entities, quotes), corrections);
  return {
    language,
    paragraphs: layout.paragraphs,
    sentences: layout.sentences,
    mentions,
    entities,
    dates,
    referenceDate,
    quotes,
    problems: [...scanned.problems, ...speakerProblems(quotes), ...correctionProblems(corrections)].sort((a, b) => a.start - b.start),
  };
}
