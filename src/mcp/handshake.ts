import type { McpServerEntry } from '../config/mcp-file.js';

export type HandshakeResult =
  | { ok: true; name: string; version: string; protocolVersion?: string; tools: number; ms: number }
  | { ok: false; code: string; message: string; stderr: string; ms: number };

const MAX_STDERR = 16 * 1024;

/**
 * Start the entry's server the way its MCP client does — its command and args, in the environment
 * that client gives it (`env`: the entry's env block, expanded, plus what the client passes on; see
 * config/effective-env.ts) — and do the MCP handshake with the official SDK: initialize, tools/list.
 * The SDK loads only here.
 */
export async function mcpHandshake(entry: McpServerEntry, env: Record<string, string>, timeoutMs: number, signal: AbortSignal): Promise<HandshakeResult> {
  const started = performance.now();
  // require() in the CommonJS bundle (dist/vendor/mcp-sdk.cjs), as for undici: no export scan.
  const [{ Client }, { StdioClientTransport }] =
    typeof require === 'function'
      ? [require('@modelcontextprotocol/sdk/client/index.js') as typeof import('@modelcontextprotocol/sdk/client/index.js'), require('@modelcontextprotocol/sdk/client/stdio.js') as typeof import('@modelcontextprotocol/sdk/client/stdio.js')]
      : await Promise.all([import('@modelcontextprotocol/sdk/client/index.js'), import('@modelcontextprotocol/sdk/client/stdio.js')]);
  const transport = new StdioClientTransport({
    command: entry.command ?? '',
    args: entry.args,
    env,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8').slice(0, MAX_STDERR - stderr.length);
  });
  const client = new Client({ name: 'jamfmcp-doctor', version: '1' });
  const ms = (): number => Math.round(performance.now() - started);
  try {
    await client.connect(transport, { timeout: timeoutMs, signal });
    const { tools } = await client.listTools(undefined, { timeout: timeoutMs, signal });
    const info = client.getServerVersion();
    const result: HandshakeResult = { ok: true, name: info?.name ?? '(unnamed)', version: info?.version ?? '?', tools: tools.length, ms: ms() };
    return result;
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    const code = typeof e.code === 'string' ? e.code : typeof e.code === 'number' ? String(e.code) : 'ERROR';
    return { ok: false, code, message: typeof e.message === 'string' ? e.message : String(error), stderr, ms: ms() };
  } finally {
    await client.close().catch(() => undefined);
  }
}
