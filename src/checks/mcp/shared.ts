import type { CheckOutcome } from '../types.js';

/** What every mcp.* check answers when the run has no MCP client entry to look at. */
export const NO_ENTRY: CheckOutcome = { status: 'skip', message: 'no MCP server entry to check (use --config or --client)' };
