import type { Check } from '../checks/types.js';
import type { Format } from '../report/index.js';
import { wrap } from '../report/text.js';

/** The check catalogue: id, title, area, guide section and what each check needs. */
export function renderCatalogue(checks: readonly Check[], format: Format, width = 80): string {
  if (format === 'json') {
    const rows = checks.map((c) => ({ id: c.id, title: c.title, area: c.area, section: c.section.title, needs: c.needs }));
    return `${JSON.stringify({ schemaVersion: 1, checks: rows }, null, 2)}\n`;
  }
  if (format === 'markdown') {
    const rows = checks.map((c) => `| \`${c.id}\` | ${c.title} | ${c.area} | ${c.section.title} |`);
    return `${['| id | title | area | guide section |', '|---|---|---|---|', ...rows].join('\n')}\n`;
  }
  const idWidth = Math.max(...checks.map((c) => c.id.length), 2);
  const areaWidth = Math.max(...checks.map((c) => c.area.length), 4);
  const titleWidth = Math.max(...checks.map((c) => c.title.length), 5);
  const sectionColumn = idWidth + areaWidth + titleWidth + 6;
  const row = (id: string, area: string, title: string): string => `${id.padEnd(idWidth)}  ${area.padEnd(areaWidth)}  ${title.padEnd(titleWidth)}  `;
  const lines: string[] = [];
  if (width - sectionColumn >= 20) {
    // Wide enough: the guide section in its column, wrapped under itself.
    lines.push(`${row('ID', 'AREA', 'TITLE')}GUIDE SECTION`);
    for (const c of checks) lines.push(...wrap(c.section.title, width, row(c.id, c.area, c.title), ' '.repeat(sectionColumn)));
  } else {
    // Narrow: the guide section on a line of its own under each check.
    lines.push(`${row('ID', 'AREA', 'TITLE').trimEnd()}`, '    GUIDE SECTION');
    for (const c of checks) lines.push(row(c.id, c.area, c.title).trimEnd(), ...wrap(c.section.title, width, '    ', '      '));
  }
  return `${lines.join('\n')}\n`;
}
