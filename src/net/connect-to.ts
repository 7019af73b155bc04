/**
 * `--connect-to HOST:PORT:ADDR:PORT2` (curl's syntax): every connection for HOST:PORT goes to
 * ADDR:PORT2 instead, while the URL, the TLS server name, the certificate's name check and the
 * Host header stay as written. For testing one node behind a load balancer, a server before a DNS
 * change — and JamfMCP's port-443 URLs against a server on another port.
 */
export interface ConnectTo {
  /** Empty: any host. Compared case-insensitively, IPv6 without brackets. */
  host: string;
  /** Undefined: any port. */
  port?: number;
  /** Empty: keep the original host. */
  toHost: string;
  /** Undefined: keep the original port. */
  toPort?: number;
  /** The flag value as given, for the report. */
  text: string;
}

export class ConnectToError extends Error {}

/** Split on `:` outside brackets, so IPv6 literals keep theirs. */
function fields(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of value) {
    if (ch === '[') depth += 1;
    if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === ':' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out;
}

function port(text: string, what: string, value: string): number | undefined {
  if (text === '') return undefined;
  const n = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 1 && n <= 65535)) throw new ConnectToError(`--connect-to ${value}: ${what} "${text}" is not a port (1-65535)`);
  return n;
}

export function parseConnectTo(value: string): ConnectTo {
  const parts = fields(value.trim());
  if (parts.length !== 4) throw new ConnectToError(`--connect-to ${value}: expected HOST:PORT:ADDR:PORT2 (e.g. jamf.example.com:443:127.0.0.1:8443)`);
  const [host = '', fromPort = '', toHost = '', toPort = ''] = parts;
  const bare = (h: string): string => h.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (/[\s/?#@]/.test(host + toHost)) throw new ConnectToError(`--connect-to ${value}: a host cannot contain spaces, "/", "?", "#" or "@"`);
  const mapping: ConnectTo = { host: bare(host), toHost: bare(toHost), text: value.trim() };
  const p = port(fromPort, 'PORT', value);
  const q = port(toPort, 'PORT2', value);
  if (p !== undefined) mapping.port = p;
  if (q !== undefined) mapping.toPort = q;
  return mapping;
}

/** Where a connection for host:port really goes: the first mapping that matches, else unchanged. */
export function mapEndpoint(list: readonly ConnectTo[], endpoint: { host: string; port: number }): { host: string; port: number; via?: ConnectTo } {
  const host = endpoint.host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  for (const mapping of list) {
    if (mapping.host !== '' && mapping.host !== host) continue;
    if (mapping.port !== undefined && mapping.port !== endpoint.port) continue;
    return { host: mapping.toHost || endpoint.host, port: mapping.toPort ?? endpoint.port, via: mapping };
  }
  return { ...endpoint };
}
