import type { Report } from './model.js';

export const FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Every string of the report redacted, before any renderer escapes it: a secret a renderer would
 * have turned into another form (Markdown's `\[`, XML's `&amp;`) is already gone.
 */
function redactStrings<T>(value: T, redact: (text: string) => string, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactStrings(item, redact, depth + 1)])) as T;
}

/**
 * Render the report in one format, with every string redacted before rendering and the output
 * redacted again as the very last step. Renderers are loaded on demand so that only the one in
 * use (and chalk only for text) is imported.
 */
export async function render(
  unredacted: Report,
  format: Format,
  options: { colorLevel: 0 | 1 | 2 | 3; verbose: boolean; redact: (text: string) => string; width?: number },
): Promise<string> {
  const report = redactStrings(unredacted, options.redact);
  let text: string;
  switch (format) {
    case 'json':
      text = (await import('./json.js')).renderJson(report);
      break;
    case 'markdown':
      text = (await import('./markdown.js')).renderMarkdown(report);
      break;
    case 'junit':
      text = (await import('./junit.js')).renderJunit(report);
      break;
    case 'text': {
      // chalk is ESM-only and loaded only when colour is really printed.
      const chalkModule = options.colorLevel > 0 ? (typeof require === 'function' ? (require('chalk') as typeof import('chalk')) : await import('chalk')) : undefined;
      const chalk = chalkModule ? new chalkModule.Chalk({ level: options.colorLevel }) : undefined;
      text = (await import('./text.js')).renderText(report, { ...options, ...(chalk ? { chalk } : {}) });
      break;
    }
  }
  return options.redact(text);
}
