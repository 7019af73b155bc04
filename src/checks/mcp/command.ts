import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { NO_ENTRY } from './shared.js';
import { resolveCommand } from '../../mcp/command.js';
import { pathContext } from '../../config/discover.js';
import { MACOS_GUI_PATH } from '../../config/effective-env.js';

/** The entry's command is found on the PATH the client gives it: the guide's "spawn uv ENOENT". */
export const mcpCommand: Check = {
  id: 'mcp.command',
  title: 'Server command found',
  area: 'mcp',
  section: GUIDE.configuration,
  needs: [],
  async run({ target }): Promise<CheckOutcome> {
    const file = target.configFile;
    const entry = file?.entry;
    if (!entry) return NO_ENTRY;
    if (!entry.command) {
      return { status: 'fail', message: `"${entry.name}" has no "command"`, fix: { steps: [`Add "command": "uvx" and "args": ["jamfmcp"] to "${entry.name}" in ${file?.displayPath}.`] } };
    }
    const env = target.shell;
    const { platform } = pathContext(env);
    const client = file?.client;
    // The PATH the server is spawned with (spawn looks the command up on it): the client's own, or the entry's.
    const given = {
      path: target.env.values.PATH ?? target.env.values.Path ?? '',
      why:
        target.env.origin.PATH === 'entry'
          ? `the entry sets PATH in its "env" block`
          : client?.gui && platform === 'darwin' && target.env.values.PATH === MACOS_GUI_PATH
            ? `${client.name} is a GUI app: macOS starts it with PATH=${MACOS_GUI_PATH}, not your shell's PATH`
            : client
              ? `${client.name} passes on the PATH of the environment it starts in`
              : 'the PATH of this shell',
    };
    const found = await resolveCommand(entry.command, given.path, platform, env.PATHEXT);
    const details: Record<string, unknown> = { command: entry.command, clientPath: given.path, client: client?.id ?? null };
    if (found) return { status: 'pass', message: `${entry.command} resolves to ${found} on the PATH ${client?.name ?? 'the client'} uses`, details: { ...details, resolved: found } };

    const inShell = await resolveCommand(entry.command, env.PATH ?? '', platform, env.PATHEXT);
    const name = entry.command.split(/[\\/]/).pop() ?? entry.command;
    const isUv = /^uvx?(\.exe)?$/i.test(name);
    if (inShell) {
      return {
        status: 'fail',
        message: `spawn ${entry.command} ENOENT: ${given.why}, where ${name} is not found; your shell finds it at ${inShell}`,
        fix: {
          steps: [
            `Use the absolute path as "command" in ${file?.displayPath}: "command": "${inShell}".`,
            isUv ? 'Or install uv with Homebrew (brew install uv), which puts uvx in /opt/homebrew/bin or /usr/local/bin.' : `Or install ${name} somewhere on the client's PATH.`,
            'Restart the MCP client completely after saving.',
          ],
        },
        details: { ...details, shellPath: inShell },
      };
    }
    return {
      status: 'fail',
      message: `spawn ${entry.command} ENOENT: ${name} is not installed (not on the client's PATH, nor on this shell's)`,
      fix: {
        steps: isUv
          ? ['Install uv (https://docs.astral.sh/uv/, e.g. brew install uv), then use the absolute path of uvx as "command".', 'Restart the MCP client completely.']
          : [`Install ${name}, or correct "command" in ${file?.displayPath}.`],
      },
      details,
    };
  },
};
