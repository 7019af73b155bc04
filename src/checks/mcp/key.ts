import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';

/** Servers sit under the key this client reads: "mcpServers" in VS Code's mcp.json is silently ignored. */
export const mcpKey: Check = {
  id: 'mcp.key',
  title: 'Server key the client reads',
  area: 'mcp',
  section: GUIDE.configuration,
  needs: [],
  async run({ target }): Promise<CheckOutcome> {
    const file = target.configFile;
    const client = file?.client;
    if (!file || !client || file.fatal) return { status: 'skip', message: 'no MCP client config file of a known client to check (use --config or --client)' };
    const where = file.displayPath;
    const problems: string[] = [];
    const steps: string[] = [];
    for (const ignored of file.ignored) {
      problems.push(`${ignored.names.map((n) => `"${n}"`).join(', ')} ${ignored.names.length === 1 ? 'sits' : 'sit'} under "${ignored.key}", which ${client.name} ignores (it reads "${client.key}")`);
      steps.push(`In ${where}, rename the "${ignored.key}" key to "${client.key}".`);
    }
    if (file.stray.length > 0) {
      problems.push(`${file.stray.map((n) => `"${n}"`).join(', ')} ${file.stray.length === 1 ? 'is a server entry' : 'are server entries'} at the top level of the file, outside "${client.key}", so ${client.name} never sees ${file.stray.length === 1 ? 'it' : 'them'}`);
      steps.push(`Move ${file.stray.map((n) => `"${n}"`).join(', ')} inside "${client.key}": { … } (JamfMCP's CLI prints the entry without that wrapper).`);
    }
    if (problems.length === 0) {
      return { status: 'pass', message: `servers are under "${client.key}", the key ${client.name} reads`, details: { client: client.id, key: client.key } };
    }
    steps.push(`Save the file and restart ${client.name} completely.`);
    return { status: 'fail', message: `${where}: ${problems.join('; ')}`, fix: { steps }, details: { client: client.id, key: client.key, ignored: file.ignored, stray: file.stray } };
  },
};
