import { CHECKS } from '../checks/registry.js';
import { explainText, isTopicCommand, renderTopic, TOPICS } from '../explain/topics.js';
import { wrap, wrapLines } from '../report/text.js';
import { printable } from '../report/model.js';
import { cliName } from './name.js';
import { columnsOf } from './columns.js';

/** `jamfmcp explain [text…]`: offline look-up of an error message, status or check id. Returns the exit code. */
export function runExplain(words: string[], json: boolean): number {
  const text = words.join(' ').trim();
  if (text === '') {
    if (json) {
      process.stdout.write(`${JSON.stringify({ topics: TOPICS.map((t) => ({ id: t.id, title: t.title, section: t.section, checks: t.checks })) }, null, 2)}\n`);
    } else {
      // A table: a title that does not fit hangs under the title column.
      const width = columnsOf(process.stdout);
      const lines = [`Topics (${cliName()} explain <error text, status or check id>):`, ...TOPICS.flatMap((t) => wrap(t.title, width, `  ${t.id.padEnd(20)} `, ' '.repeat(23)))];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  }
  const matches = explainText(text);
  const check = CHECKS.find((c) => c.id === text);
  if (matches.length === 0) {
    process.stderr.write(`${cliName()}: no topic matches "${printable(text.slice(0, 80))}"; run '${cliName()} explain' for the list\n`);
    return 1;
  }
  const best = matches.filter((m) => m.score === matches[0]?.score).map((m) => m.topic);
  if (json) {
    const payload = { query: text, ...(check ? { check: { id: check.id, title: check.title, section: check.section.title } } : {}), topics: best.map((t) => ({ id: t.id, title: t.title, section: t.section, causes: t.causes, fix: t.fix, commands: t.commands ?? [], checks: t.checks })) };
    process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
    return 0;
  }
  const header = check ? `${check.id}: ${check.title} (guide section: ${check.section.title})\n\n` : '';
  // Wrapped to the terminal (80 columns off one); commands are never wrapped.
  const width = columnsOf(process.stdout);
  process.stdout.write(wrapLines(header + best.map(renderTopic).join('\n'), width, isTopicCommand));
  return 0;
}
