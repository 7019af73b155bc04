import type { Check } from '../checks/types.js';
import type { Format } from '../report/index.js';

/** The check catalogue: id, title, area, guide section and what each check needs. */
export function renderCatalogue(checks: readonly Check[], format: Format): string {
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
  const lines = [`${'ID'.padEnd(idWidth)}  ${'AREA'.padEnd(areaWidth)}  ${'TITLE'.padEnd(titleWidth)}  GUIDE SECTION`];
  for (const c of checks) lines.push(`${c.id.padEnd(idWidth)}  ${c.area.padEnd(areaWidth)}  ${c.title.padEnd(titleWidth)}  ${c.section.title}`);
  return `${lines.join('\n')}\n`;
}
