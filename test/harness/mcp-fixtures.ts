/**
 * Fixtures for the MCP-client tests: temporary homes and projects holding real-shaped config files
 * of each MCP client, at the paths each platform uses.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The client secret written into every fixture file: no output may ever contain it. */
export const FIXTURE_SECRET = 'fx-Cl1ent-S3cret-7d41c9e2-never-print';
/** A well-formed Jamf Pro API client ID (not a secret). */
export const FIXTURE_CLIENT_ID = '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee';
export const FIXTURE_URL = 'https://acme.jamfcloud.com';

/** The env block JamfMCP's own CLI writes. */
export function jamfEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return { JAMF_URL: FIXTURE_URL, JAMF_CLIENT_ID: FIXTURE_CLIENT_ID, JAMF_CLIENT_SECRET: FIXTURE_SECRET, ...overrides };
}

/** `{"command": "uvx", "args": ["jamfmcp"], "env": {...}}`, as `jamfmcp-cli --write` makes it. */
export function jamfmcpEntry(env: Record<string, string> = jamfEnv()): { command: string; args: string[]; env: Record<string, string> } {
  return { command: 'uvx', args: ['jamfmcp'], env };
}

/** A server that has nothing to do with Jamf (must never be a candidate). */
export const FILESYSTEM_ENTRY = { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] };
export const GITHUB_ENTRY = { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_not_a_real_token_000' } };

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Write `files` (absolute paths, or relative to `root`), creating the folders. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  await Promise.all(
    Object.entries(files).map(async ([path, text]) => {
      const full = path.startsWith('/') ? path : join(root, path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, text, 'utf8');
    }),
  );
}

/** 1-based line:column of the `nth` occurrence of `needle` in `text` (computed independently of the code under test). */
export function positionOfText(text: string, needle: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${JSON.stringify(needle)} not found (occurrence ${nth})`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}
