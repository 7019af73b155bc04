import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { mcpHandshake } from '../../mcp/handshake.js';

/** Cold `uvx` may download packages and a Python on first start: allow it more than one network timeout. */
const handshakeTimeout = (timeoutMs: number): number => Math.max(timeoutMs * 3, 30_000);

/** With --mcp: start the server as the client would and do the MCP handshake (initialize, tools/list). */
export const mcpHandshakeCheck: Check = {
  id: 'mcp.handshake',
  title: 'MCP handshake (--mcp)',
  area: 'mcp',
  section: GUIDE.debugging,
  needs: ['mcp.command'],
  timeLimitMs: (ctx) => handshakeTimeout(ctx.timeoutMs) + 10_000,
  async run({ target, timeoutMs, signal, secrets }): Promise<CheckOutcome> {
    const entry = target.configFile?.entry;
    if (!entry) return { status: 'skip', message: 'no MCP server entry to start (use --config or --client)' };
    if (!target.mcpHandshake) return { status: 'skip', message: 'not run: pass --mcp to start the server and do the MCP handshake' };
    // The entry's JAMF_CLIENT_SECRET / JAMF_PASSWORD were registered when the config was read;
    // anything else secret-looking in its env is registered here, since the server's stderr may echo it.
    // Both the literal values and what the client expands them to (the server sees the expanded ones).
    for (const env of [entry.env, target.env.values]) for (const [name, value] of Object.entries(env)) if (/SECRET|PASSWORD|TOKEN|KEY/i.test(name)) secrets.add(value);
    const result = await mcpHandshake(entry, target.env.values, handshakeTimeout(timeoutMs), signal);
    if (result.ok) {
      return {
        status: 'pass',
        message: `"${entry.name}" started: ${result.name} ${result.version}, ${result.tools} tools (${result.ms} ms). JamfMCP connects to Jamf Pro lazily, so this does not prove the credentials: the token checks do`,
        details: { server: result.name, version: result.version, tools: result.tools, ms: result.ms },
      };
    }
    const stderr = secrets.redact(result.stderr.trim()).split('\n').slice(-15).join('\n');
    const enoent = /ENOENT/.test(result.message) || result.code === 'ENOENT';
    const closed = /Connection closed|-32000/.test(result.message) || result.code === '-32000';
    return {
      status: 'fail',
      message: enoent
        ? `the server could not be started: spawn ${entry.command} ENOENT`
        : closed
          ? `the server exited before the MCP handshake finished${stderr ? `; its last words: ${stderr.split('\n').pop()}` : ' (nothing on stderr)'}`
          : `the MCP handshake failed: ${secrets.redact(result.message)}`,
      fix: {
        steps: enoent
          ? ['See mcp.command: the command is not found on the PATH the client uses.']
          : [
              'Read the server\'s stderr in the details: a missing variable ("Jamf Pro server URL not provided") or a Python error shows there.',
              'Run the same command in a terminal with the same env to reproduce, then restart the MCP client.',
            ],
      },
      details: { code: result.code, ms: result.ms, stderr },
    };
  },
};
