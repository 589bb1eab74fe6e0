/**
 * CoNLL-2003 columns with IOB2 tags: one token per line, `word POS chunk NER`, a blank line
 * between sentences, `-DOCSTART- -X- -X- O` before each article. Tokens and sentences are the
 * project's own (`layout.ts`), so a file exported here and the tagger's training data agree.
 * POS and chunk columns are `_`: the project does not tag them, and readers (spaCy's
 * `conll_ner` converter, Flair's column corpus, seqeval) take the NER tag from the last column.
 * Labels are CoNLL's PER / ORG / LOC, plus DATE. A span that cuts a token tags the whole token.
 */
import { tokenize } from '../layout';
import type { Analysis, Token } from '../types';
import { labelledSpans, type ExportLabel } from './spans';

const CONLL_LABEL: Record<ExportLabel, string> = { PERSON: 'PER', ORGANIZATION: 'ORG', LOCATION: 'LOC', DATE: 'DATE' };

/** One tagged token. */
export interface ConllToken {
  word: string;
  tag: string;
}

/** Tokens with IOB2 tags, grouped in sentences. */
export function conllSentences(text: string, analysis: Analysis): ConllToken[][] {
  const spans = labelledSpans(analysis);
  const sentences: ConllToken[][] = [];
  let s = 0;
  for (const sentence of analysis.sentences) {
    const tokens: Token[] = tokenize(text, sentence.start, sentence.end).filter(t => !/\s/.test(t.text));
    if (!tokens.length) continue;
    let previous: number | undefined;
    const tagged = tokens.map(token => {
      while (s < spans.length && spans[s].end <= token.start) s++;
      const k = s < spans.length && spans[s].start < token.end ? s : undefined;
      const tag = k === undefined ? 'O' : `${k === previous ? 'I' : 'B'}-${CONLL_LABEL[spans[k].label]}`;
      previous = k;
      return { word: token.text, tag };
    });
    sentences.push(tagged);
  }
  return sentences;
}

/** The article as CoNLL-2003 columns (IOB2). */
export function toConll(text: string, analysis: Analysis): string {
  const blocks = conllSentences(text, analysis).map(sentence => sentence.map(t => `${t.word} _ _ ${t.tag}`).join('\n'));
  return `-DOCSTART- -X- -X- O\n\n${blocks.map(b => `${b}\n\n`).join('')}`;
}

/** Read CoNLL columns back: sentences of (word, last-column tag). Blank lines and -DOCSTART- separate. */
export function parseConll(conll: string): ConllToken[][] {
  const sentences: ConllToken[][] = [];
  let current: ConllToken[] = [];
  for (const line of conll.split(/\r?\n/)) {
    const cols = line.trim().split(/\s+/);
    if (!line.trim() || cols[0] === '-DOCSTART-') {
      if (current.length) sentences.push(current);
      current = [];
      continue;
    }
    current.push({ word: cols[0], tag: cols[cols.length - 1] });
  }
  if (current.length) sentences.push(current);
  return sentences;
}
