/**
 * Human-readable output of the CLI: a short summary per article (people with mention counts,
 * organizations, places, dates with ISO values, quotations with speakers), and a `--format table`
 * listing of every annotation with its offsets.
 */
import type { Analysis, Entity, EntityType } from '../../server/src/analysis/types';

const GROUPS: Array<[EntityType, string]> = [['PERSON', 'People'], ['ORGANIZATION', 'Organizations'], ['LOCATION', 'Places']];

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function entityList(entities: Entity[]): string {
  return [...entities]
    .sort((a, b) => b.mentions.length - a.mentions.length || a.canonical.localeCompare(b.canonical))
    .map(e => (e.mentions.length > 1 ? `${e.canonical} ×${e.mentions.length}` : e.canonical))
    .join(', ');
}

/** A readable block describing one analysed article. */
export function formatSummary(file: string, analysis: Analysis): string {
  const lines: string[] = [];
  const dated = analysis.referenceDate ? `, dated ${analysis.referenceDate.value}` : '';
  lines.push(`${file}  (${analysis.language}${dated})`);
  for (const [type, title] of GROUPS) {
    const entities = analysis.entities.filter(e => e.type === type);
    lines.push(`  ${title} (${entities.length}): ${entityList(entities) || '—'}`);
  }
  const dates = analysis.dates.map(d => `${oneLine(d.text, 40)} → ${d.value ?? '?'}`);
  lines.push(`  Dates (${dates.length}): ${dates.join('; ') || '—'}`);
  lines.push(`  Quotations (${analysis.quotes.length}):${analysis.quotes.length ? '' : ' —'}`);
  for (const quote of analysis.quotes) {
    lines.push(`    ${quote.speakers.join(' & ') || '(unattributed)'}: ${oneLine(quote.text, 100)}`);
  }
  for (const problem of analysis.problems.filter(p => p.code === 'too-large' || p.code === 'binary')) lines.push(`  ! ${problem.message}`);
  return lines.join('\n');
}

/** Every annotation of one article as aligned rows: kind, span, text, and value/canonical/speakers. */
export function formatTable(file: string, analysis: Analysis): string {
  const rows: string[][] = [];
  for (const m of analysis.mentions) rows.push([m.type, `${m.start}-${m.end}`, oneLine(m.text, 40), m.canonical]);
  for (const d of analysis.dates) rows.push(['DATE', `${d.start}-${d.end}`, oneLine(d.text, 40), d.value ?? '?']);
  for (const q of analysis.quotes) rows.push(['QUOTE', `${q.start}-${q.end}`, oneLine(q.text, 60), q.speakers.join(' & ') || '(unattributed)']);
  rows.sort((a, b) => Number(a[1].split('-')[0]) - Number(b[1].split('-')[0]));
  const header = ['KIND', 'SPAN', 'TEXT', 'VALUE / CANONICAL / SPEAKER'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const render = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [`== ${file}`, render(header), ...rows.map(render)].join('\n');
}
