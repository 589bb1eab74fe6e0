/**
 * Small articles and helpers shared by the protocol tests: an English piece with a dateline, a
 * titled person, a place, a weekday and an attributed quote; a French one with a title, an
 * inverted attribution and a relative weekday. Written for the tests, not taken from the dev set.
 */
import type { Hover } from 'vscode-languageserver-protocol/node';

export const ENGLISH_ARTICLE = [
  'WASHINGTON, Sept. 5, 2014',
  '',
  'Secretary of State John Kerry met French Foreign Minister Laurent Fabius in Paris on Monday, officials said.',
  '',
  '“We will degrade and ultimately destroy this organization,” Kerry said after the meeting at the State Department.',
  '',
  'NATO allies in Europe agreed to send aid to Iraq.',
].join('\n');

export const FRENCH_ARTICLE = [
  'Publié le 22 mars 2017',
  '',
  'Le ministre de la Défense Jean-Yves Le Drian s’est rendu mardi à Bagdad.',
  '',
  '« Nous devons poursuivre le combat contre Daech jusqu’au bout », a déclaré M. Le Drian.',
].join('\n');

/** The markdown of a hover, or '' for none. */
export const hoverText = (hover: Hover | null | undefined): string => (hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '');
