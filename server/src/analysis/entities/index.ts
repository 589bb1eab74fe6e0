/**
 * Named-entity recognition: people, organizations and places. (Contract placeholder: the
 * statistical tagger lands here.) Returns raw typed spans; identity and canonical names are
 * decided afterwards by `identity.ts`.
 */
import type { Layout } from '../layout';
import type { EntityType, Span } from '../types';

/** A typed span before identity resolution. Titles, honorifics and a possessive 's are outside it. */
export interface RawMention extends Span {
  type: EntityType;
}

/** Data the recognizer needs (model weights, gazetteers), loaded by the host and passed in. */
export interface EntityResources {
  [name: string]: unknown;
}

/** Typed entity spans of the whole text, sorted by start, non-overlapping. */
export function recognizeEntities(layout: Layout, resources?: EntityResources): RawMention[] {
  void layout;
  void resources;
  return [];
}
