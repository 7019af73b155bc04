/**
 * Hostile input (issue 8): property-based tests (fast-check, fixed seeds, bounded runs) over every
 * parser that reads something a user, a config file or a server hands the doctor — the URL
 * normaliser, the MCP config readers (strict JSON, JSONC, Codex TOML), the JWT payload decoder, the
 * `expires` and `Retry-After` parsers and the --timeout parser — plus fixed cases: unicode and IDN
 * hosts, IPv6 literals, ports 0 and 65536, a 100 KB URL, control characters and NUL in values given
 * to the real CLI, a --config that is a directory, unreadable or 50 MB, and --output onto a planted
 * symlink, an existing 0644 file and a missing folder.
 *
 * The properties: arbitrary input never throws (parseDuration rejects with an Error whose message
 * names the input), every rejection or problem carries a non-empty message, and every result is
 * well formed (a usable URL is https, has no credentials and never contains the embedded password).
 */
import assert from 'node:assert/strict';
import { chmod, lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { analyseJamfUrl, urlStatus, type UrlAnalysis } from '../../src/config/url.js';
import { parseMcpConfigText, readMcpConfigFile, type McpConfigFile } from '../../src/config/mcp-file.js';
import { parseCodexToml } from '../../src/config/read-client.js';
import { decodeJwtClaims, parseExpires, parseRetryAfter } from '../../src/jamf/jwt.js';
import { parseDuration } from '../../src/cli/duration.js';
import { runCli, type RunCliResult } from '../harness/run-cli.js';

/** Fixed seed and bounded runs: deterministic, and fast enough for every `npm test`. */
const SEED = 0x1d0c_7e58;
const RUNS = 300;
const opts = (numRuns = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

// --- arbitraries ----------------------------------------------------------------------------------

/** Control characters, NUL, bidi overrides, BOM, surrogate halves, combining marks, emoji. */
const NASTY_CHARS = ['\u0000', '\u0001', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b', '\u202e', '\ufeff', '\ud800', '\udfff', '\u0301', '😀', 'ü', 'ß', 'İ', '％', '／', '＠'];
const nastyChar = fc.constantFrom(...NASTY_CHARS);

/** Strings of every kind: printable ASCII, full unicode (lone surrogates included), nasty characters. */
const anyString = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.array(fc.oneof(nastyChar, fc.string({ maxLength: 4 })), { maxLength: 30 }).map((parts) => parts.join('')),
);

/** URL-ish pieces glued together, so that the interesting branches of the normaliser are reached. */
const URL_PIECES = {
  scheme: ['', 'https://', 'http://', 'HTTPS://', 'https:/', 'https:', 'http:', 'ftp://', 'file://', 'javascript:', '//', 'https:///', ' https://', '"https://', "'"],
  userinfo: ['', 'user@', 'user:pw@', ':@', 'u:p@ss@', 'u:%zz@', 'u:p%41ss@', '@', 'a:b:c@', 'user:pass word@'],
  host: ['acme.jamfcloud.com', 'jamf.example.com', 'localhost', '127.0.0.1', '[::1]', '[::1', '[fe80::1%25eth0]', 'jämf.example', 'xn--jmf-qla.example', 'bücher.example', '1.2.3.4.5', '256.0.0.1', '', '.', '..', 'a..b', '-a-.com', '_', '%41.com', 'exa mple.com', 'EXAMPLE.COM.', 'a'.repeat(64) + '.com'],
  port: ['', ':', ':0', ':1', ':443', ':8443', ':65535', ':65536', ':99999999999999999999', ':-1', ':8443:9', ':0x1bb', ':٨٤٤٣'],
  path: ['', '/', '//', '/jamf', '/jamf/', '/api/v1/auth', '/JSSResource', '/index.html', '/%2e%2e/', '/a/../b', '\\api', '/;x', '/' + 'p'.repeat(50)],
  tail: ['', '?', '?a=b', '#', '#frag', '?a#b', '\n', ' ', '"', '\u0000'],
} as const;
const urlish = fc
  .tuple(
    fc.constantFrom(...URL_PIECES.scheme),
    fc.constantFrom(...URL_PIECES.userinfo),
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...URL_PIECES.host) }, { weight: 1, arbitrary: anyString }),
    fc.constantFrom(...URL_PIECES.port),
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...URL_PIECES.path) }, { weight: 1, arbitrary: anyString.map((s) => `/${s}`) }),
    fc.constantFrom(...URL_PIECES.tail),
  )
  .map((parts) => parts.join(''));

/** A password no other part of the URL contains: a rare prefix and printable characters. */
const markedPassword = fc.string({ minLength: 4, maxLength: 24, unit: fc.constantFrom(...'abcXYZ019!$&\'()*+,;=-._~%:@[]'.split('')) }).map((s) => `Qz7${s}`);

// --- helpers ---------------------------------------------------------------------------------------

function assertWellFormedAnalysis(input: string, a: UrlAnalysis): void {
  assert.ok(Array.isArray(a.problems) && Array.isArray(a.notes));
  for (const p of a.problems) {
    assert.equal(typeof p.message, 'string');
    assert.ok(p.message.trim() !== '', `an empty message for ${p.code}`);
    assert.ok(p.severity === 'fail' || p.severity === 'warn');
    assert.equal(typeof p.recoverable, 'boolean');
  }
  for (const n of a.notes) assert.ok(typeof n === 'string' && n.trim() !== '');
  if (a.url) {
    assert.ok(a.corrected !== undefined, 'a url without corrected');
    assert.ok(a.corrected.startsWith('https://'), `corrected ${JSON.stringify(a.corrected)} is not https`);
    assert.equal(a.url.protocol, 'https:');
    assert.equal(a.url.username, '', 'credentials left in the URL');
    assert.equal(a.url.password, '', 'credentials left in the URL');
    assert.ok(!a.corrected.endsWith('/'), `corrected ends with a slash: ${a.corrected}`);
    assert.ok(!/[?#]/.test(a.corrected), `corrected keeps a query or fragment: ${a.corrected}`);
    assert.equal(new URL(a.corrected).protocol, 'https:', 'corrected parses');
    assert.ok(!/[\u0000-\u001f\u007f\s]/.test(a.corrected), 'corrected holds whitespace or control characters');
  } else {
    assert.equal(a.corrected, undefined);
    assert.ok(a.problems.some((p) => !p.recoverable), `no usable URL, but no blocking problem for ${JSON.stringify(input.slice(0, 80))}`);
  }
  if (a.embeddedPassword !== undefined) {
    assert.ok(a.embeddedPassword !== '', 'an empty embedded password');
    if (a.corrected !== undefined && a.embeddedPassword.length >= 4) {
      // Only where the rest of the input does not contain the same text by itself.
      const rest = input.replace(a.embeddedPassword, '');
      if (!rest.includes(a.embeddedPassword)) assert.ok(!a.corrected.includes(a.embeddedPassword), 'corrected contains the embedded password');
    }
  }
  const status = urlStatus(a);
  assert.equal(status === 'fail', a.problems.some((p) => p.severity === 'fail'));
}

/**
 * `positions: 'every'` — every env value has a valid position (the JSON readers); `'valid'` — a
 * position, where given, is valid (the TOML reader finds them by scanning lines, and a quoted key
 * such as "\u0000" has none: the callers treat positions as optional).
 */
function assertWellFormedConfig(text: string, r: Pick<McpConfigFile, 'fatal' | 'syntaxProblems' | 'entries'>, positions: 'every' | 'valid' = 'every'): void {
  const lines = text.split('\n').length;
  if (r.fatal) {
    assert.ok(r.fatal.message.trim() !== '', 'a fatal problem without a message');
    if (r.fatal.line !== undefined) assert.ok(Number.isInteger(r.fatal.line) && r.fatal.line >= 1 && r.fatal.line <= lines, `line ${r.fatal.line} of ${lines}`);
    if (r.fatal.column !== undefined) assert.ok(Number.isInteger(r.fatal.column) && r.fatal.column >= 1);
    assert.deepEqual(r.entries, [], 'entries from a file that could not be read');
  }
  for (const p of r.syntaxProblems) {
    assert.ok(p.message.trim() !== '', 'a syntax problem without a message');
    assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines, `line ${p.line} of ${lines}`);
    assert.ok(Number.isInteger(p.column) && p.column >= 1);
  }
  for (const e of r.entries) {
    assert.equal(typeof e.name, 'string');
    assert.ok(Array.isArray(e.args) && e.args.every((a) => typeof a === 'string'));
    if (e.command !== undefined) assert.equal(typeof e.command, 'string');
    for (const [k, v] of Object.entries(e.env)) {
      assert.equal(typeof v, 'string', `env ${k} is not a string`);
      const pos = e.envPositions[k];
      if (pos === undefined && positions === 'valid') continue;
      assert.ok(pos && pos.line >= 1 && pos.line <= lines && pos.column >= 1, `env ${k} has no valid position: ${JSON.stringify(pos)}`);
    }
  }
}

const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

// --- properties ------------------------------------------------------------------------------------

describe('hostile input: properties (fast-check, fixed seed)', () => {
  it('analyseJamfUrl: arbitrary strings never throw and give a well-formed analysis', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, urlish), (input) => {
        assertWellFormedAnalysis(input, analyseJamfUrl(input));
      }),
      opts(1000),
    );
  });

  it('analyseJamfUrl: a password inside the URL is handed back and never reaches corrected, a message or a note', () => {
    fc.assert(
      fc.property(fc.constantFrom('https://', 'http://', '', 'https:/'), fc.constantFrom('api-user', 'u', ''), markedPassword, fc.constantFrom(...URL_PIECES.host.slice(0, 9)), fc.constantFrom('', ':8443', ':0'), fc.constantFrom('', '/', '/jamf', '/api'), (scheme, user, password, host, port, path) => {
        const input = `${scheme}${user}:${password}@${host}${port}${path}`;
        const a = analyseJamfUrl(input);
        assertWellFormedAnalysis(input, a);
        // What the hand parser finds is at least what a URL parser would call the password.
        let parsed: URL | undefined;
        try {
          parsed = new URL(`https://${input.replace(/^[a-z]+:\/*/i, '')}`);
        } catch {
          parsed = undefined;
        }
        if (parsed && parsed.password !== '') {
          assert.ok(a.embeddedPassword !== undefined, `no embedded password found in ${input}`);
          assert.ok(lenientDecode(a.embeddedPassword).includes(lenientDecode(parsed.password)), `embedded ${a.embeddedPassword} vs parsed ${parsed.password}`);
        }
        const visible = [a.corrected ?? '', ...a.problems.map((p) => p.message), ...a.notes].join('\n');
        for (const form of [password, encodeURIComponent(password)]) assert.ok(!visible.includes(form), `the password is visible: ${visible}`);
      }),
      opts(),
    );
  });

  for (const jsonc of [false, true]) {
    it(`parseMcpConfigText (${jsonc ? 'JSONC' : 'strict JSON'}): arbitrary text never throws and gives well-formed problems`, () => {
      fc.assert(
        fc.property(fc.oneof(anyString, fc.json({ maxDepth: 4 }), fc.json({ maxDepth: 4 }).map((t) => `${t.slice(0, -1)},${t.slice(-1)} // c`)), (text) => {
          assertWellFormedConfig(text, parseMcpConfigText(text, jsonc));
        }),
        opts(),
      );
    });
  }

  it('parseMcpConfigText: valid JSON is never a syntax problem in either mode, and only a non-object top level is fatal', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), fc.boolean(), (value, jsonc, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : 0);
        const r = parseMcpConfigText(text, jsonc);
        assertWellFormedConfig(text, r);
        assert.deepEqual(r.syntaxProblems, [], `valid JSON flagged: ${text.slice(0, 200)}`);
        const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
        assert.equal(r.fatal === undefined, isObject, `fatal ${JSON.stringify(r.fatal)} for ${text.slice(0, 100)}`);
      }),
      opts(),
    );
  });

  it('parseMcpConfigText: arbitrary values in an MCP server entry are read as JSON.parse reads them (strings, numbers, booleans only)', () => {
    const envValue = fc.oneof(anyString, fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(fc.oneof(anyString, fc.constant('jamfmcp')), fc.dictionary(anyString, envValue, { maxKeys: 6 }), fc.jsonValue({ maxDepth: 2 }), (name, env, args) => {
        const config = { mcpServers: { [name]: { command: 'uvx', args, env } } };
        const text = JSON.stringify(config, null, 2);
        const r = parseMcpConfigText(text, false);
        assertWellFormedConfig(text, r);
        assert.equal(r.fatal, undefined);
        const entry = r.entries.find((e) => e.name === name);
        assert.ok(entry, `entry ${JSON.stringify(name)} not found`);
        const parsed = (JSON.parse(text) as typeof config).mcpServers[name]?.env ?? {};
        const expected = Object.fromEntries(
          Object.entries(parsed).flatMap(([k, v]) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [[k, String(v)]] : [])),
        );
        assert.deepEqual(entry.env, expected);
      }),
      opts(),
    );
  });

  it('parseCodexToml: arbitrary text never throws; a failure has a message', () => {
    const tomlish = fc
      .array(fc.oneof(fc.constantFrom('[mcp_servers.jamfmcp]', '[mcp_servers]', 'command = "uvx"', 'env = { JAMF_URL = "https://x" }', '[mcp_servers.jamfmcp.env]', 'JAMF_URL = 1', 'a = [', '"\\u0000" = 1', 'x = """', 'x = 1979-05-27T07:32:00Z', '[[mcp_servers]]'), anyString), { maxLength: 8 })
      .map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(fc.oneof(anyString, tomlish), (text) => {
        const r = parseCodexToml(text);
        assertWellFormedConfig(text, r, 'valid');
      }),
      opts(),
    );
  });

  it('decodeJwtClaims: arbitrary strings and three-part strings never throw; claims are well typed', () => {
    const part = fc.oneof(anyString, fc.base64String({ maxLength: 40 }), fc.jsonValue({ maxDepth: 3 }).map((v) => b64url(JSON.stringify(v))));
    fc.assert(
      fc.property(fc.oneof(anyString, fc.tuple(part, part, part).map((p) => p.join('.'))), (token) => {
        const claims = decodeJwtClaims(token);
        if (claims === undefined) return;
        for (const k of ['exp', 'iat', 'nbf'] as const) if (claims[k] !== undefined) assert.ok(Number.isFinite(claims[k]));
        if (claims.scope !== undefined) assert.ok(claims.scope.every((s) => typeof s === 'string' && s !== ''));
        for (const k of ['authenticationType', 'subjectType'] as const) if (claims[k] !== undefined) assert.equal(typeof claims[k], 'string');
      }),
      opts(1000),
    );
  });

  it('decodeJwtClaims: a base64url JSON payload decodes to exactly its well-typed claims', () => {
    const claimValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.double(), fc.constantFrom(Number.MAX_VALUE, -0, 1e21));
    const payload = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ exp: claimValue, iat: claimValue, nbf: claimValue, scope: claimValue, 'authentication-type': claimValue, 'subject-type': claimValue }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(payload, (value) => {
        const text = JSON.stringify(value) ?? 'null';
        const token = `${b64url('{"alg":"HS256"}')}.${b64url(text)}.c2ln`;
        const claims = decodeJwtClaims(token);
        const p = JSON.parse(text) as unknown;
        if (typeof p !== 'object' || p === null || Array.isArray(p)) {
          assert.equal(claims, undefined);
          return;
        }
        assert.ok(claims, 'an object payload gives claims');
        const o = p as Record<string, unknown>;
        for (const k of ['exp', 'iat', 'nbf'] as const) {
          const v = o[k];
          assert.equal(claims[k], typeof v === 'number' && Number.isFinite(v) ? v : undefined, k);
        }
        const scope = o.scope;
        const expected = Array.isArray(scope) ? scope.filter((s): s is string => typeof s === 'string') : typeof scope === 'string' ? scope.split(' ').filter((s) => s !== '') : undefined;
        assert.deepEqual(claims.scope, expected);
      }),
      opts(),
    );
  });

  it('parseExpires: arbitrary values never throw; a result is a finite number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), anyString, fc.double(), fc.integer(), fc.stringMatching(/^\s*\d{1,40}\s*$/), fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString()))), (value) => {
        const ms = parseExpires(value);
        if (ms !== undefined) assert.ok(typeof ms === 'number' && Number.isFinite(ms), `parseExpires gave ${ms}`);
      }),
      opts(1000),
    );
  });

  it('parseRetryAfter: arbitrary header values never throw; a result is a finite, non-negative number of ms', () => {
    fc.assert(
      fc.property(fc.option(fc.oneof(anyString, fc.stringMatching(/^\s*\d{1,400}\s*$/), fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()))), fc.integer({ min: 0, max: 8.64e15 }), (value, now) => {
        const ms = parseRetryAfter(value ?? undefined, now);
        if (ms !== undefined) assert.ok(Number.isFinite(ms) && ms >= 0, `parseRetryAfter gave ${ms}`);
      }),
      opts(1000),
    );
  });

  it('parseDuration: arbitrary text returns 1 ms…10 min, or throws an Error whose message names the input', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.stringMatching(/^\s*\d{0,12}(\.\d{0,6})?\s*(ms|s|sec|m|min|MS|h|d)?\s*$/)), (text) => {
        let ms: number;
        try {
          ms = parseDuration(text);
        } catch (error) {
          assert.ok(error instanceof Error, 'not an Error');
          assert.equal(error.constructor, Error, `an unexpected ${error.constructor.name}`);
          assert.ok(error.message.trim() !== '', 'an empty message');
          // Named whole, or (a long input) by its start.
          assert.ok(error.message.includes(text) || error.message.includes(text.slice(0, 20)), `the message does not name the input: ${error.message}`);
          return;
        }
        assert.ok(Number.isInteger(ms) && ms >= 1 && ms <= 600_000, `parseDuration(${JSON.stringify(text)}) = ${ms}`);
      }),
      opts(1000),
    );
  });
});

/** Percent-decode every run of valid %XX escapes that forms UTF-8, leave everything else as it is. */
function lenientDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Not UTF-8 as a whole: decode the ASCII escapes alone.
      return run.replace(/%([0-7][0-9A-Fa-f])/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

// --- fixed cases: pure functions -------------------------------------------------------------------

describe('hostile input: fixed cases', () => {
  const urlCases: Array<{ name: string; input: string; corrected?: string; codes?: string[]; message?: RegExp }> = [
    { name: 'an IDN host is tested in its punycode form', input: 'https://jämf.example.com', corrected: 'https://xn--jmf-qla.example.com', codes: [] },
    { name: 'an IDN host with a port and a context path', input: 'https://bücher.example:8443/jamf', corrected: 'https://xn--bcher-kva.example:8443/jamf', codes: ['context-path'] },
    { name: 'an IPv6 literal with a port', input: 'https://[::1]:8443', corrected: 'https://[::1]:8443', codes: [] },
    { name: 'an IPv6 literal without a port', input: 'https://[2001:db8::1]', corrected: 'https://[2001:db8::1]', codes: [] },
    { name: 'an unclosed IPv6 literal', input: 'https://[::1:8443', codes: ['invalid'], message: /cannot be parsed/ },
    { name: 'port 0', input: 'https://jamf.example.com:0', codes: ['port-out-of-range'], message: /port 0 is not a valid TCP port/ },
    { name: 'port 65536', input: 'https://jamf.example.com:65536', codes: ['port-out-of-range'], message: /port 65536 is not a valid TCP port/ },
    { name: 'port 65535 is fine', input: 'https://jamf.example.com:65535', corrected: 'https://jamf.example.com:65535', codes: [] },
    { name: 'a 20-digit port', input: 'https://jamf.example.com:99999999999999999999', codes: ['port-out-of-range'] },
    { name: 'a NUL inside the host', input: 'https://jamf\u0000.example.com', codes: ['control-characters'], message: /control characters/ },
    { name: 'an ANSI escape sequence', input: 'https://\u001b[31mjamf.example.com', codes: ['control-characters'] },
    { name: 'a right-to-left override (not a control character, but not a host either)', input: 'https://jamf\u202e.example.com' },
    { name: 'a full-width solidus and at sign (IDNA-mapped)', input: 'https://jamf．example．com' },
  ];
  for (const c of urlCases) {
    it(`analyseJamfUrl: ${c.name}`, () => {
      const a = analyseJamfUrl(c.input);
      assertWellFormedAnalysis(c.input, a);
      if (c.corrected !== undefined) assert.equal(a.corrected, c.corrected);
      if (c.codes !== undefined) assert.deepEqual(a.problems.map((p) => p.code), c.codes);
      if (c.message !== undefined) assert.ok(a.problems.some((p) => c.message?.test(p.message)), JSON.stringify(a.problems));
    });
  }

  it('analyseJamfUrl: a 100 KB URL is analysed in well under a second', () => {
    for (const input of [`https://${'a'.repeat(100_000)}.example.com`, `https://jamf.example.com/${'p/'.repeat(50_000)}`, `https://jamf.example.com?${'q'.repeat(100_000)}`, `${'h'.repeat(100_000)}:8443`]) {
      const started = performance.now();
      const a = analyseJamfUrl(input);
      assert.ok(performance.now() - started < 1000, 'too slow');
      assertWellFormedAnalysis(input, a);
      for (const p of a.problems) assert.ok(p.message.length < 1000 || p.code === 'context-path' || p.code === 'api-path', `a ${p.message.length}-character message (${p.code})`);
    }
  });

  it('parseDuration: a number too large for a double says "too long", not "too short"', () => {
    assert.throws(() => parseDuration('1'.repeat(400)), /too long/);
    assert.throws(() => parseDuration(`${'9'.repeat(400)}ms`), /too long/);
  });

  it('decodeJwtClaims: a 100 000-deep payload and a payload over 64 KiB are handled (no throw)', () => {
    const deep = `${b64url('{}')}.${b64url(`{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`)}.x`;
    assert.ok(decodeJwtClaims(deep) !== undefined);
    assert.equal(decodeJwtClaims(`${b64url('{}')}.${b64url(`{"exp":1,"p":"${'x'.repeat(70_000)}"}`)}.x`), undefined);
    assert.equal(decodeJwtClaims('a.b.c.d'), undefined);
    assert.equal(decodeJwtClaims('..'), undefined);
  });

  it('parseExpires: objects whose conversion throws are not converted', () => {
    const hostile = { toString: (): string => { throw new Error('boom'); }, valueOf: (): number => { throw new Error('boom'); } };
    assert.equal(parseExpires(hostile), undefined);
    assert.equal(parseExpires([['1']]), undefined);
    assert.equal(parseExpires('9'.repeat(400)), undefined);
  });
});

// --- fixed cases: files -------------------------------------------------------------------------

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-hostile-input-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

describe('hostile input: readMcpConfigFile', () => {
  it('a directory: fatal "is a directory"', async () => {
    const r = await readMcpConfigFile(dir);
    assert.match(r.fatal?.message ?? '', /is a directory/);
  });

  it('a missing file: fatal "does not exist"', async () => {
    const r = await readMcpConfigFile(join(dir, 'missing.json'));
    assert.match(r.fatal?.message ?? '', /does not exist/);
  });

  it(`an unreadable file (chmod 000): fatal "permission denied"${IS_ROOT ? ' — skipped: running as root, which reads it anyway' : ''}`, { skip: IS_ROOT }, async () => {
    const path = join(dir, 'unreadable.json');
    await writeFile(path, '{"mcpServers":{}}');
    await chmod(path, 0o000);
    try {
      const r = await readMcpConfigFile(path);
      assert.match(r.fatal?.message ?? '', /permission denied/);
    } finally {
      await chmod(path, 0o600);
    }
  });

  it('a 300 MB file (more than any client reads): fatal naming its size, without reading it', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    await truncate(path, 300 * 1024 * 1024); // sparse: 300 MB of NUL bytes, nothing on disk
    const started = performance.now();
    const r = await readMcpConfigFile(path);
    assert.ok(performance.now() - started < 500, 'it read the file');
    assert.match(r.fatal?.message ?? '', /314572800 bytes, more than the 256 MB the doctor reads/);
  });
});

// --- fixed cases: the real CLI -------------------------------------------------------------------

async function cli(args: string[], env: Record<string, string | undefined> = {}, extra: { timeoutMs?: number } = {}): Promise<RunCliResult> {
  const result = await runCli(args, { env, timeoutMs: extra.timeoutMs ?? 20_000 });
  assert.equal(result.signal, null, `killed (timed out: ${result.timedOut}): ${result.stderr}`);
  assert.doesNotMatch(`${result.stdout}\n${result.stderr}`, /\n\s{4}at /, `a stack trace:\n${result.stderr}`);
  return result;
}

interface JsonCheck {
  id: string;
  status: string;
  message: string;
  fix?: { steps: string[] };
  details?: Record<string, unknown>;
}
function reportOf(result: RunCliResult): { exitCode: number; checks: JsonCheck[] } {
  try {
    return JSON.parse(result.stdout) as { exitCode: number; checks: JsonCheck[] };
  } catch {
    assert.fail(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}
function checkOf(result: RunCliResult, id: string): JsonCheck {
  const c = reportOf(result).checks.find((x) => x.id === id);
  assert.ok(c, `no ${id}`);
  return c;
}

const CLIENT = { JAMF_CLIENT_ID: '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee', JAMF_CLIENT_SECRET: 'cl1ent-Secret-Value-XYZ' };
const RSS_PROBE = fileURLToPath(new URL('../../../test/harness/rss-probe.cjs', import.meta.url));
/** C0 controls and DEL, except the line feed a report is made of. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

describe('hostile input: values handed to the real CLI', { concurrency: true }, () => {
  it('an IDN host and an IPv6 literal: url.format passes with the punycode / bracketed URL', async () => {
    const idn = await cli(['doctor', 'url', '--json', '--url', 'https://jämf.example.com'], CLIENT);
    assert.equal(idn.code, 0, idn.stdout);
    assert.match(checkOf(idn, 'url.format').message, /^JamfMCP 1\.0\.2 requests POST https:\/\/xn--jmf-qla\.example\.com\/api\/oauth\/token \(from --url\)/);
    const v6 = await cli(['doctor', 'url', '--json', '--url', 'https://[::1]'], CLIENT);
    assert.equal(v6.code, 0, v6.stdout);
    assert.match(checkOf(v6, 'url.format').message, /^JamfMCP 1\.0\.2 requests POST https:\/\/\[::1\]\/api\/oauth\/token \(from --url\)/);
  });

  for (const port of ['0', '65536']) {
    it(`port ${port}: url.format fails with the InvalidURL JamfMCP raises for any port; exit 1`, async () => {
      const r = await cli(['doctor', 'url', '--json', '--url', `https://jamf.example.com:${port}`], CLIENT);
      assert.equal(r.code, 1);
      const c = checkOf(r, 'url.format');
      assert.equal(c.status, 'fail');
      assert.match(c.message, new RegExp(`httpx\\.InvalidURL: Invalid port: '${port}:443'`));
      assert.ok(c.fix && c.fix.steps.length > 0);
    });
  }

  it('a 100 KB JAMF_URL: a clean report (exit 0 or 1), quickly', async () => {
    const r = await cli(['doctor', 'url', '--json'], { ...CLIENT, JAMF_URL: `https://jamf.example.com/${'a'.repeat(100_000)}` });
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    assert.equal(checkOf(r, 'url.format').status, 'warn');
    assert.ok(r.durationMs < 10_000, `${r.durationMs} ms`);
  });

  it('control characters in env values (tab, CR/LF, ESC, DEL, BEL): no crash; JAMF_URL fails as JamfMCP does (urlparse drops CR/LF, then "[" without "]")', async () => {
    const r = await cli(['doctor', 'config', 'url', '--json'], {
      JAMF_URL: 'https://jamf.example.com\r\n\u001b[31m\u0007',
      JAMF_CLIENT_ID: CLIENT.JAMF_CLIENT_ID,
      JAMF_CLIENT_SECRET: 'cl1ent-\tSecret\u007f-Value\u001b[0m',
      JAMF_AUTH_TYPE: 'client_credentials\u0007',
    });
    assert.equal(r.code, 1);
    assert.match(checkOf(r, 'url.format').message, /stops at start-up with "ValueError: Invalid IPv6 URL"/);
    // JamfMCP 1.0.2 ignores JAMF_AUTH_TYPE, whatever it holds.
    assert.equal(checkOf(r, 'config.auth-type').status, 'warn');
    assert.doesNotMatch(r.stdout, /\\u001b\[31m/, 'the raw URL was echoed');
  });

  for (const [variable, value] of [
    ['JAMF_CLIENT_ID', '\u001b]0;pwned\u0007\u001b[2J-client'],
    ['JAMF_USERNAME', '\u001b[2J\u001b[31muser'],
  ] as const) {
    it(
      `control characters in ${variable} never reach the terminal raw (text report, --verbose)`,
      async () => {
        const auth = variable === 'JAMF_USERNAME' ? { JAMF_AUTH_TYPE: 'basic', JAMF_PASSWORD: 'Sup3r-Secret-Pass!' } : { JAMF_CLIENT_SECRET: CLIENT.JAMF_CLIENT_SECRET };
        const r = await cli(['doctor', 'config', 'url', '--verbose', '--url', 'https://jamf.example.com'], { ...auth, [variable]: value });
        assert.ok(r.code === 0 || r.code === 1);
        const line = r.stdout.split('\n').find((l) => RAW_CONTROL.test(l));
        assert.equal(line, undefined, `a raw control character in the report: ${JSON.stringify(line)}`);
        assert.doesNotMatch(r.stderr, RAW_CONTROL);
      },
    );
  }

  it('NUL in config file values (JAMF_URL, JAMF_CLIENT_SECRET): no crash; JAMF_URL fails "control characters"', async () => {
    const path = join(dir, 'nul.json');
    const config = { mcpServers: { jamfmcp: { command: 'uvx', env: { JAMF_URL: 'https://jamf.example.com\u0000.evil', JAMF_CLIENT_ID: CLIENT.JAMF_CLIENT_ID, JAMF_CLIENT_SECRET: 'nul\u0000-Secret-Value-in-file' } } } };
    await writeFile(path, JSON.stringify(config, null, 2));
    const r = await cli(['doctor', 'config', 'url', '--json', '--config', path]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(checkOf(r, 'config.file').status, 'pass');
    const c = checkOf(r, 'url.format');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /control character \(a tab, line break or NUL inside the value\): every tool fails with httpx\.InvalidURL: Invalid non-printable ASCII character in URL, '\\x00' at position 24\./);
    assert.doesNotMatch(r.stdout, /\\u0000/, 'the NUL value was echoed');
  });

  it(
    'control characters in a config file server name never reach the terminal raw',
    async () => {
      const path = join(dir, 'esc-name.json');
      await writeFile(path, JSON.stringify({ mcpServers: { '\u001b[2J\u001b[31mevil': { command: 'x', env: {} } } }));
      const r = await cli(['doctor', 'config', '--config', path]);
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.stdout, RAW_CONTROL);
    },
  );

  it('a password inside --url with non-canonical percent-encoding never shows, in either form', async () => {
    // The leak guard registers the password as written (p%41…) and decoded (pA…).
    const r = await cli(['doctor', 'url', '--verbose', '--url', 'https://api-user:p%41ssw0rd-in-url%2Dxyz@jamf.example.com/%2e%2e/api'], CLIENT);
    assert.equal(r.code, 1);
    // The text report wraps at 80 columns (not a terminal): compare with its lines joined.
    assert.match(r.stdout.replace(/\s*\n\s*/g, ' '), /carries credentials \(user:password@\): httpx sends them as HTTP Basic/);
  });

  it('--config that is a directory: config.file fails "is a directory"; exit 1', async () => {
    const r = await cli(['doctor', 'config', '--json', '--config', dir], CLIENT);
    assert.equal(r.code, 1);
    const c = checkOf(r, 'config.file');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /is a directory, not a config file/);
    assert.ok(c.fix && c.fix.steps.length > 0);
  });

  it(`--config that is unreadable (chmod 000): config.file fails "permission denied"; exit 1${IS_ROOT ? ' — skipped: running as root, which reads it anyway' : ''}`, { skip: IS_ROOT }, async () => {
    const path = join(dir, 'cli-unreadable.json');
    await writeFile(path, '{"mcpServers":{}}');
    await chmod(path, 0o000);
    try {
      const r = await cli(['doctor', 'config', '--json', '--config', path], CLIENT);
      assert.equal(r.code, 1);
      assert.match(checkOf(r, 'config.file').message, /cannot be read \(permission denied\)/);
    } finally {
      await chmod(path, 0o600);
    }
  });

  it('--config of 300 MB: config.file fails naming the size, fast and without reading it (peak RSS < 150 MB)', async () => {
    const path = join(dir, 'cli-huge.json');
    await writeFile(path, '{"mcpServers":{"jamfmcp":{"env":{"JAMF_URL":"');
    await truncate(path, 300 * 1024 * 1024);
    const rssFile = join(dir, 'rss-huge');
    const r = await cli(['doctor', 'config', '--json', '--config', path], { ...CLIENT, NODE_OPTIONS: `--require ${RSS_PROBE}`, JAMFMCP_TEST_RSS_FILE: rssFile });
    assert.equal(r.code, 1);
    const c = checkOf(r, 'config.file');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /314572800 bytes/);
    assert.ok(r.durationMs < 5000, `${r.durationMs} ms`);
    const rssMb = Number(await readFile(rssFile, 'utf8')) / 1024;
    assert.ok(rssMb > 0 && rssMb < 150, `peak RSS ${rssMb} MB`);
  });
});

describe('hostile input: --output', { concurrency: true }, () => {
  const ARGS = ['doctor', 'config', 'url', '--url', 'https://jamf.example.com', '--format', 'markdown'];

  it('a symlink planted at the path: refused (exit 1, one line), the target untouched', async () => {
    const target = join(dir, 'victim.txt');
    await writeFile(target, 'precious\n', { mode: 0o644 });
    const link = join(dir, 'planted-link.md');
    await symlink(target, link);
    const r = await cli([...ARGS, '--output', link], CLIENT);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /refusing to write through a symbolic link/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(await readFile(target, 'utf8'), 'precious\n');
    assert.equal((await stat(target)).mode & 0o777, 0o644);
    assert.ok((await lstat(link)).isSymbolicLink());
  });

  it('a dangling symlink planted at the path: refused, and its target is not created', async () => {
    const target = join(dir, 'would-be-created.txt');
    const link = join(dir, 'dangling-link.md');
    await symlink(target, link);
    const r = await cli([...ARGS, '--output', link], CLIENT);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /symbolic link/);
    await assert.rejects(stat(target), { code: 'ENOENT' });
  });

  it('an existing file with mode 0644: overwritten with the report and ends 0600', async () => {
    const out = join(dir, 'existing-0644.md');
    await writeFile(out, 'old content that is longer than nothing\n'.repeat(100), { mode: 0o644 });
    await chmod(out, 0o644);
    const r = await cli([...ARGS, '--output', out], CLIENT);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await stat(out)).mode & 0o777, 0o600);
    const text = await readFile(out, 'utf8');
    assert.ok(!text.includes('old content'), 'the old content was not truncated');
    assert.match(text, /url\.format/);
    assert.equal(r.stdout, '', 'the report went to the file, not stdout');
  });

  it('a folder that does not exist: a one-line error, exit 1 (README: "the report could not be written")', async () => {
    const out = join(dir, 'no', 'such', 'folder', 'report.md');
    const r = await cli([...ARGS, '--output', out], CLIENT);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--output .*: cannot write the report \(its folder does not exist\)/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    await assert.rejects(stat(join(dir, 'no')), { code: 'ENOENT' });
    const readme = await readFile(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
    assert.match(readme, /\| 1 \| [^\n]*the report could not be written \(`--output`/, 'README documents exit code 1 for an unwritable --output');
  });

  it('a path that is a directory: a one-line error, exit 1', async () => {
    const out = join(dir, 'a-directory');
    await mkdir(out);
    const r = await cli([...ARGS, '--output', out], CLIENT);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /is a directory/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  });
});
