import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { SETTINGS } from '../../config/target.js';
import { codeFrame } from '../../config/code-frame.js';

/** The MCP client config file given with --config: readable, valid for its client, with a usable entry. */
export const configFile: Check = {
  id: 'config.file',
  title: 'MCP client config file',
  area: 'config',
  section: GUIDE.configuration,
  needs: [],
  async run({ target }): Promise<CheckOutcome> {
    const file = target.configFile;
    if (!file) {
      return { status: 'skip', message: 'no --config given: settings come from flags and the environment' };
    }
    const where = file.displayPath;
    if (file.fatal) {
      const { line, column, message } = file.fatal;
      const located = line !== undefined && column !== undefined;
      return {
        status: 'fail',
        message: located ? `${where}:${line}:${column}: ${message}` : message.replace(file.path, where),
        fix: {
          steps: located
            ? [
                `Open ${where} and correct the ${file.client?.format === 'toml' ? 'TOML' : 'JSON'} at line ${line}, column ${column} (marked above).`,
                ...(file.client?.format === 'toml' ? [] : ['A JSON file allows no comments and no comma after the last item of an object or list.']),
                'Save the file, then restart the MCP client completely (quit it, not just close the window).',
              ]
            : [`Check the path given to --config (${where}) and that you can read the file.`],
        },
        details: { path: where, ...(located ? { line, column } : {}) },
        ...(located && file.text !== undefined ? { frame: codeFrame(file.text, line, column) } : {}),
      };
    }
    if (file.syntaxProblems.length > 0) {
      const first = file.syntaxProblems[0];
      const list = file.syntaxProblems.map((p) => `${where}:${p.line}:${p.column}: ${p.message}`);
      return {
        status: 'fail',
        message: `${list[0]}${list.length > 1 ? ` (and ${list.length - 1} more)` : ''}: the MCP client cannot read this file`,
        fix: {
          steps: [
            `Remove the ${first?.message.startsWith('comment') ? 'comment' : 'trailing comma'} at line ${first?.line}, column ${first?.column} of ${where}${list.length > 1 ? ' (and the other places listed in details)' : ''}.`,
            'This client reads strict JSON: no comments and no comma after the last item of an object or list.',
            'Save the file, then restart the MCP client completely.',
          ],
        },
        details: { path: where, problems: list },
        ...(first && file.text !== undefined ? { frame: codeFrame(file.text, first.line, first.column) } : {}),
      };
    }
    if (!file.entry) {
      return {
        status: 'fail',
        message: `${where} ${file.entryProblem ?? 'has no usable server entry'}`,
        fix: {
          steps: [
            'Add (or name with --server) the JamfMCP entry under "mcpServers", with an "env" block holding JAMF_URL and the credentials.',
          ],
          commands: [
            '"mcpServers": {\n  "jamfmcp": {\n    "command": "uvx",\n    "args": ["jamfmcp"],\n    "env": {\n      "JAMF_URL": "https://your-server.jamfcloud.com",\n      "JAMF_CLIENT_ID": "…",\n      "JAMF_CLIENT_SECRET": "…"\n    }\n  }\n}',
          ],
        },
        details: { path: where, entries: file.entries.map((e) => e.name) },
      };
    }

    const entry = file.entry;
    const jamfVariables = Object.keys(entry.env).filter((k) => k.startsWith('JAMF_'));
    const details = { path: where, server: entry.name, key: entry.key, variables: jamfVariables };
    if (jamfVariables.length === 0) {
      return {
        status: 'warn',
        message: `server "${entry.name}" in ${where} has no JAMF_* variables in its "env" block; the MCP client will not pass the values this run tested`,
        fix: { steps: [`Add JAMF_URL and the credentials to the "env" block of "${entry.name}" in ${where}, then restart the MCP client.`] },
        details,
      };
    }
    if (target.shadowed.length > 0) {
      const names = target.shadowed.map((s) => s.variable).join(', ');
      const differences = target.shadowed.map((s) => (s.fileShows === 'a different value' ? `${s.variable}: the shell holds a different value` : `${s.variable}: file ${s.fileShows}, shell ${s.shellShows}`));
      return {
        status: 'warn',
        message: `${names} ${target.shadowed.length === 1 ? 'is' : 'are'} also set in your shell with a different value (${differences.join('; ')}); the MCP client passes the value from ${where}, and that is the one tested`,
        fix: {
          steps: [
            `Make sure the values in ${where} are the ones you mean to use; the shell's values do not reach JamfMCP when it is started by the MCP client.`,
            'After changing the file, restart the MCP client completely so it stops using the old values.',
          ],
        },
        details: { ...details, shadowed: target.shadowed.map((s) => ({ variable: s.variable, usedFrom: s.used, ignored: 'env', file: s.fileShows, shell: s.shellShows })) },
      };
    }
    const setVia = jamfVariables.filter((v) => Object.values(SETTINGS).some((s) => s.env === v));
    const client = file.client ? `${file.client.name}'s ` : '';
    const fixed = target.fixed && target.fixed.length > 0 ? ` (--fix repaired: ${target.fixed.join('; ')})` : '';
    return {
      status: 'pass',
      message: `server "${entry.name}" in ${client}${where} sets ${setVia.join(', ') || jamfVariables.join(', ')}${fixed}`,
      details: { ...details, client: file.client?.id ?? null, ...(target.fixed ? { fixed: target.fixed } : {}) },
    };
  },
};
