import type { Report } from './model.js';

export const FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Render the report in one format, redacting as the very last step. Renderers are loaded on
 * demand so that only the one in use (and chalk only for text) is imported.
 */
export async function render(
  report: Report,
  format: Format,
  options: { colorLevel: 0 | 1 | 2 | 3; verbose: boolean; redact: (text: string) => string },
): Promise<string> {
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
      const chalk = options.colorLevel > 0 ? new (await import('chalk')).Chalk({ level: options.colorLevel }) : undefined;
      text = (await import('./text.js')).renderText(report, { ...options, ...(chalk ? { chalk } : {}) });
      break;
    }
  }
  return options.redact(text);
}
