#!/usr/bin/env node
// A tiny stdio MCP server for tests: answers initialize and tools/list like JamfMCP would, and,
// like JamfMCP, exits at start with a message on stderr when JAMF_URL is missing.
import { createInterface } from 'node:readline';

if (!process.env.JAMF_URL) {
  process.stderr.write('ValueError: Jamf Pro server URL not provided. Set JAMF_URL environment variable.\n');
  process.exit(1);
}
const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return;
  }
  if (request.method === 'initialize') {
    send({ id: request.id, result: { protocolVersion: request.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'Tiny Jamf MCP', version: '0.0.1' } } });
  } else if (request.method === 'tools/list') {
    send({ id: request.id, result: { tools: [
      { name: 'get_sites', description: 'sites', inputSchema: { type: 'object', properties: {} } },
      { name: 'get_buildings', description: 'buildings', inputSchema: { type: 'object', properties: {} } },
    ] } });
  } else if (request.id !== undefined) {
    send({ id: request.id, error: { code: -32601, message: 'Method not found' } });
  }
});
