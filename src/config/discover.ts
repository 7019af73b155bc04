import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { McpServerEntry } from './mcp-file.js';
import { CLIENTS, looksLikeJamf, type ClientSpec, type Location, type PathContext, type Platform } from './clients.js';
import { readClientConfig, type ClientConfigFile } from './read-client.js';

/** One Jamf server entry found in one client's config file. */
export interface Candidate {
  client: ClientSpec;
  location: Location;
  file: ClientConfigFile;
  entry: McpServerEntry;
}

export interface Discovery {
  /** Every file looked for, found or not. */
  searched: Array<{ client: ClientSpec; location: Location; exists: boolean }>;
  /** Files that exist but could not be read or parsed by their client. */
  broken: ClientConfigFile[];
  candidates: Candidate[];
}

export function pathContext(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): PathContext {
  const platform: Platform = process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux';
  return { home: env.HOME ?? env.USERPROFILE ?? homedir(), platform, env, cwd };
}

/** Find every MCP client config on this machine (or of one client) and the Jamf server entries in them. */
export async function discover(ctx: PathContext, only?: ClientSpec): Promise<Discovery> {
  const discovery: Discovery = { searched: [], broken: [], candidates: [] };
  for (const client of only ? [only] : CLIENTS) {
    const seen = new Set<string>();
    let found = false;
    for (const location of client.locations(ctx)) {
      // Run from the home folder, a "project" file is the user file: read it once.
      const key = resolve(location.path);
      if (seen.has(key)) continue;
      seen.add(key);
      const exists = await access(location.path).then(
        () => true,
        () => false,
      );
      discovery.searched.push({ client, location, exists });
      if (!exists || (client.firstFound && found)) continue;
      found = true;
      const file = await readClientConfig(location.path, client, ctx.cwd);
      if (file.fatal) {
        discovery.broken.push(file);
        continue;
      }
      for (const entry of file.entries) {
        if (looksLikeJamf(entry)) {
          discovery.candidates.push({ client, location: { ...location, scope: entry.key.startsWith('projects.') ? 'local' : location.scope }, file, entry });
        }
      }
    }
  }
  return discovery;
}
