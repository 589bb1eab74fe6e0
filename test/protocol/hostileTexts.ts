/**
 * The hostile inputs of issue 9, shared by the protocol tests (what an editor hands the server:
 * decoded text) and the CLI tests (what sits on disk: raw bytes). Each case says what must come
 * back: an analysis whose spans point at the right UTF-16 text, or a clear "binary" / "too large"
 * refusal. The 50 MB text is built on demand in memory and never committed.
 */

import { ENGLISH_ARTICLE } from './fixtures';
import { prng } from '../../scripts/prng';

/** The shared English sample article. */
export const ARTICLE = ENGLISH_ARTICLE;

/** Emoji (surrogate pairs, flags, skin tones) before names, and names with combining accents. */
export const EMOJI_ARTICLE = [
  'WASHINGTON, Sept. 5, 2014',
  '',
  '🇺🇸 Secretary of State John Kerry met 👍🏽 French Foreign Minister Laurent Fabius in Paris 😀 on Monday, officials said.',
  '',
  '“We will degrade 💥 and destroy this organization,” Kerry said. Ame\u0301lie Nothomb met Jose\u0301 Manuel Barroso in Bruxelles.',
].join('\n');

/** True when `offset` cuts a character or a grapheme: inside a surrogate pair or before a combining mark. */
export function cutsGrapheme(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const code = text.charCodeAt(offset);
  return (code >= 0xdc00 && code <= 0xdfff) || /^\p{M}/u.test(text.slice(offset, offset + 1));
}

export type Expect = 'analysed' | 'binary' | 'too-large';

export interface HostileCase {
  name: string;
  /** The file's bytes on disk. */
  bytes: () => Buffer;
  /** The text an editor would hand the server after decoding the bytes. */
  text: () => string;
  expect: Expect;
  /** Strings that must be found as entity, date or quote spans (recognition itself is tested elsewhere; these are the easy ones). */
  found?: string[];
  /** The CLI prints a warning for this file (invalid UTF-8). */
  warning?: RegExp;
}

const utf8 = (text: string) => () => Buffer.from(text, 'utf8');
const same = (text: string) => () => text;

// The project's seeded generator, so "random" binary and fuzz traffic are reproducible.
export { prng };

const binaryBytes = () => {
  const random = prng(9);
  const body = Buffer.alloc(4096, 0).map(() => Math.floor(random() * 256));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), body]);
};

const INVALID_UTF8 = () => Buffer.concat([
  Buffer.from('WASHINGTON, Sept. 5, 2014\n\nSecretary of State John Kerry met '),
  Buffer.from([0xc3, 0x28, 0xff, 0xa0, 0xe2, 0x82]), // truncated sequences and stray continuation bytes
  Buffer.from(' French Foreign Minister Laurent Fabius in Paris on Monday, officials said.\n'),
]);

const utf16 = (text: string, bigEndian: boolean) => () => {
  const le = Buffer.from(text, 'utf16le');
  const body = bigEndian ? Buffer.from(le).swap16() : le;
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
};

const PARAGRAPH = 'Secretary of State John Kerry met French Foreign Minister Laurent Fabius in Paris on Monday, officials said. “We will degrade this organization,” Kerry said. ';
const ONE_MB_LINE = 'WASHINGTON, Sept. 5, 2014\n\n' + PARAGRAPH.repeat(Math.ceil(1_000_000 / PARAGRAPH.length));
const QUOTES_10K = 'WASHINGTON, Sept. 5, 2014\n\n' + 'Kerry said “ and then '.repeat(10_000) + '\n';
// A NUL far past the 8 KB that binary sniffing looks at: analysed, and must not break anything.
const LATE_NUL = ARTICLE + '\n\n' + 'Filler text about the summit. '.repeat(400) + '\u0000' + '\n\nLaurent Fabius left Paris.\n';

// Unicode line and paragraph separators, NEL, vertical tab, form feed, bidi controls, joiners and a
// stray BOM: editors disagree on which of these break lines; offsets must not care.
const SEPARATORS = ARTICLE.replace('met French', 'met\u2028French').replace('in Paris', 'in\u2029Paris').replace('officials', '\u0085officials')
  + '\n\u000bNATO\u000c allies \u202eSecretary\u202c of State John Kerry\u200d met \ufeffLaurent Fabius\u200b in Paris.\n';
// One "word" of a million characters: letters, digits and emoji with no space to cut at.
const ONE_MB_WORD = 'WASHINGTON, Sept. 5, 2014\n\n' + 'Kerry2014😀é'.repeat(80_000) + '\n\nLaurent Fabius met John Kerry in Paris.\n';

export const HOSTILE_CASES: HostileCase[] = [
  { name: 'binary.txt', bytes: binaryBytes, text: () => binaryBytes().toString('latin1'), expect: 'binary' },
  { name: 'nul-bytes.txt', bytes: utf8(ARTICLE.replace('met', 'met\u0000\u0000')), text: same(ARTICLE.replace('met', 'met\u0000\u0000')), expect: 'binary' },
  { name: 'late-nul.txt', bytes: utf8(LATE_NUL), text: same(LATE_NUL), expect: 'analysed', found: ['John Kerry', 'Laurent Fabius'] },
  {
    name: 'invalid-utf8.txt',
    bytes: INVALID_UTF8,
    text: () => new TextDecoder('utf-8').decode(INVALID_UTF8()),
    expect: 'analysed',
    found: ['John Kerry', 'Laurent Fabius', 'Paris'],
    warning: /invalid UTF-8/,
  },
  { name: 'utf16le-bom.txt', bytes: utf16(ARTICLE, false), text: same('\ufeff' + ARTICLE), expect: 'analysed', found: ['John Kerry', 'Paris', 'Monday'] },
  { name: 'utf16be-bom.txt', bytes: utf16(EMOJI_ARTICLE, true), text: same('\ufeff' + EMOJI_ARTICLE), expect: 'analysed', found: ['John Kerry', 'Paris', 'Monday'] },
  { name: 'crlf.txt', bytes: utf8(ARTICLE.replace(/\n/g, '\r\n')), text: same(ARTICLE.replace(/\n/g, '\r\n')), expect: 'analysed', found: ['John Kerry', 'Paris', 'Monday', 'Kerry'] },
  { name: 'lone-cr.txt', bytes: utf8(ARTICLE.replace(/\n/g, '\r')), text: same(ARTICLE.replace(/\n/g, '\r')), expect: 'analysed', found: ['John Kerry', 'Paris', 'Monday', 'Kerry'] },
  { name: 'one-mb-line.txt', bytes: utf8(ONE_MB_LINE), text: same(ONE_MB_LINE), expect: 'analysed', found: ['John Kerry', 'Paris'] },
  { name: 'quotes-10k.txt', bytes: utf8(QUOTES_10K), text: same(QUOTES_10K), expect: 'analysed' },
  { name: 'separators.txt', bytes: utf8(SEPARATORS), text: same(SEPARATORS), expect: 'analysed', found: ['John Kerry', 'Monday'] },
  { name: 'one-mb-word.txt', bytes: utf8(ONE_MB_WORD), text: same(ONE_MB_WORD), expect: 'analysed', found: ['Laurent Fabius', 'John Kerry'] },
  { name: 'emoji-accents.txt', bytes: utf8(EMOJI_ARTICLE), text: same(EMOJI_ARTICLE), expect: 'analysed', found: ['John Kerry', 'Laurent Fabius', 'Paris', 'Monday'] },
];

const FRENCH_ARTICLE = 'Publié le 22 mars 2017\n\nLe ministre de la Défense Jean-Yves Le Drian s’est rendu mardi à Bagdad.\n\n« Nous devons poursuivre le combat contre Daech jusqu’au bout », a déclaré M. Le Drian lundi.\n';

/** English and French articles, over and over, to just under the default 5 MB limit: the largest text analysed by default. */
export function justUnderTheLimit(): string {
  const unit = ARTICLE + '\n\n' + FRENCH_ARTICLE + '\n';
  return unit.repeat(Math.floor((4.9 * 1024 * 1024) / Buffer.byteLength(unit)));
}

/** About 50 MB of plain article text (never written to the repo). */
export function fiftyMegabytes(): string {
  return (PARAGRAPH + '\n').repeat(Math.ceil((50 * 1024 * 1024) / (PARAGRAPH.length + 1)));
}
