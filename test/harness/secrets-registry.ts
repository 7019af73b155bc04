/**
 * The leak guard's memory: every secret the test process knows about, so that every black-box run
 * can be scanned for every one of them.
 *
 * - The fake Jamf Pro registers its users' passwords, its API clients' secrets, the Basic header
 *   values they make, and every token it issues (as a live source, so users and clients a test adds
 *   later and tokens issued during a run are covered too).
 * - runCli (run-cli.ts) adds the secret-looking values it hands to one run (JAMF_PASSWORD,
 *   JAMF_CLIENT_SECRET, proxy passwords, --password/--client-secret values, secrets in a --config
 *   file) for that run only, and after the run scans stdout, stderr and the --output file.
 * - Tests can register secrets of their own (e.g. a hand-made token served by a route override).
 *
 * A finding names the secret's kind and where it was seen, never the secret or the matching slice.
 * Values shorter than 3 characters are not searched for; values of 8 characters or more are also
 * searched for by every 8-character slice (in their raw, JSON-escaped, URL-encoded, XML-, HTML- and
 * Markdown-escaped forms, and the form body and URL userinfo encodings the doctor itself uses).
 */
import { AssertionError } from 'node:assert';
import type { IncomingHttpHeaders } from 'node:http';

export interface RegisteredSecret {
  /** What it is, shown in findings instead of the value (e.g. "fake Jamf user password (api-user)"). */
  kind: string;
  value: string;
}

export type SecretSource = () => Iterable<RegisteredSecret>;

/** Shorter values are not searched for at all (they occur by chance). */
export const MIN_SECRET_LENGTH = 3;
/** Values at least this long are also searched for by every slice of this length. */
export const SLICE_LENGTH = 8;

const fixed: RegisteredSecret[] = [];
const fixedValues = new Set<string>();
const sources = new Set<SecretSource>();

/** Register a secret for the rest of the test process. Ignores undefined and values under 3 characters. */
export function registerSecret(kind: string, value: string | undefined): void {
  if (value === undefined || value.length < MIN_SECRET_LENGTH || fixedValues.has(value)) return;
  fixedValues.add(value);
  fixed.push({ kind, value });
}

/** Register a live source of secrets (read at every scan). Returns a function that removes it. */
export function registerSecretSource(source: SecretSource): () => void {
  sources.add(source);
  return () => {
    sources.delete(source);
  };
}

/** Every secret registered for the process, deduplicated by value (the first kind wins). */
export function registeredSecrets(): RegisteredSecret[] {
  const seen = new Set<string>();
  const out: RegisteredSecret[] = [];
  const add = (s: RegisteredSecret): void => {
    if (s.value.length < MIN_SECRET_LENGTH || seen.has(s.value)) return;
    seen.add(s.value);
    out.push(s);
  };
  fixed.forEach(add);
  for (const source of sources) for (const s of source()) add(s);
  return out;
}

// --- scanning -----------------------------------------------------------------------------------

const formsCache = new Map<string, ReadonlyArray<{ form: string; how: string }>>();

/** The forms a secret can take in output: raw, trimmed, JSON-escaped, URL-encoded, XML/HTML-escaped. */
export function secretForms(value: string): ReadonlyArray<{ form: string; how: string }> {
  const cached = formsCache.get(value);
  if (cached) return cached;
  const result = computeForms(value);
  formsCache.set(value, result);
  return result;
}

function computeForms(value: string): Array<{ form: string; how: string }> {
  const forms = new Map<string, string>();
  const add = (form: string, how: string): void => {
    if (form.length >= MIN_SECRET_LENGTH && !forms.has(form)) forms.set(form, how);
  };
  add(value, 'raw');
  add(value.trim(), 'trimmed');
  add(JSON.stringify(value).slice(1, -1), 'JSON-escaped');
  try {
    add(encodeURIComponent(value), 'URL-encoded');
  } catch {
    // a lone surrogate cannot be URL-encoded
  }
  add(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'), 'XML-escaped');
  add(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'), 'HTML-escaped');
  add(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([[\]\\])/g, '\\$1'), 'Markdown-escaped');
  // The encodings the doctor itself uses: the form body it sends (CPython's quote_plus, as JamfMCP's
  // httpx does) and URL userinfo quoting, each also with lower-case hex (as a server may echo it).
  for (const [form, how] of [
    [percent(value, /^[A-Za-z0-9_.\-~]$/, true), 'form-encoded (quote_plus)'],
    [percent(value, /^[A-Za-z0-9_.\-~]$/, false), 'percent-encoded (quote)'],
    [percent(value, /^[A-Za-z0-9_.\-~!$&'()*+,;=:]$/, false), 'userinfo-quoted'],
  ] as const) {
    add(form, how);
    add(form.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()), `${how}, lower-case hex`);
  }
  return [...forms].map(([form, how]) => ({ form, how }));
}

/** Percent-encode UTF-8 bytes, keeping the ASCII characters `keep` accepts; space as "+" when asked. */
function percent(text: string, keep: RegExp, spaceAsPlus: boolean): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (spaceAsPlus && ch === ' ') out += '+';
    else if (byte < 0x80 && keep.test(ch)) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Every SLICE_LENGTH-character slice of `value` (none when it is shorter). */
export function slicesOf(value: string, size = SLICE_LENGTH): string[] {
  const out = new Set<string>();
  for (let i = 0; i + size <= value.length; i++) out.add(value.slice(i, i + size));
  return [...out];
}

interface IndexEntry {
  kind: string;
  how: string;
  offset: number;
}

/** slice → which secret it belongs to, for the process-wide secrets (built incrementally). */
const sliceIndex = new Map<string, IndexEntry>();
const indexedValues = new Set<string>();
/** The forms shorter than a slice, searched for whole (built incrementally). */
const shortForms: Array<{ kind: string; form: string; how: string }> = [];

function shortFormsOf(secret: RegisteredSecret): Array<{ kind: string; form: string; how: string }> {
  return secretForms(secret.value)
    .filter(({ form }) => form.length < SLICE_LENGTH)
    .map(({ form, how }) => ({ kind: secret.kind, form, how }));
}

function indexInto(index: Map<string, IndexEntry>, secret: RegisteredSecret): void {
  for (const { form, how } of secretForms(secret.value)) {
    if (form.length < SLICE_LENGTH) continue;
    for (let i = 0; i + SLICE_LENGTH <= form.length; i++) {
      const slice = form.slice(i, i + SLICE_LENGTH);
      if (!index.has(slice)) index.set(slice, { kind: secret.kind, how, offset: i });
    }
  }
}

export interface LeakFinding {
  kind: string;
  where: string;
  /** "whole value (raw)", "an 8-character slice (offset 4, JSON-escaped)"… never the secret itself. */
  how: string;
}

/**
 * Find every registered secret (plus `extra`) in `texts`. Cost is linear in the text length: each
 * 8-character window of the text is looked up in an index of every secret's slices.
 */
export function findSecretLeaks(texts: ReadonlyArray<{ where: string; text: string }>, extra: readonly RegisteredSecret[] = []): LeakFinding[] {
  for (const s of registeredSecrets()) {
    if (!indexedValues.has(s.value)) {
      indexedValues.add(s.value);
      indexInto(sliceIndex, s);
      shortForms.push(...shortFormsOf(s));
    }
  }
  const local = new Map<string, IndexEntry>();
  for (const s of extra) if (s.value.length >= MIN_SECRET_LENGTH) indexInto(local, s);
  const short = [...shortForms, ...extra.flatMap(shortFormsOf)];

  const findings: LeakFinding[] = [];
  for (const { where, text } of texts) {
    const seen = new Set<string>();
    const report = (kind: string, how: string): void => {
      if (seen.has(kind)) return;
      seen.add(kind);
      findings.push({ kind, where, how });
    };
    for (const s of short) if (text.includes(s.form)) report(s.kind, `whole value (${s.how})`);
    for (let i = 0; i + SLICE_LENGTH <= text.length; i++) {
      const window = text.slice(i, i + SLICE_LENGTH);
      const hit = local.get(window) ?? sliceIndex.get(window);
      if (hit) report(hit.kind, `an ${SLICE_LENGTH}-character slice (offset ${hit.offset} of the ${hit.how} form) at index ${i}`);
    }
  }
  return findings;
}

/** Replace every known secret (and `extra`) in `text` with its kind, e.g. for showing arguments. */
export function redactKnown(text: string, extra: readonly RegisteredSecret[] = []): string {
  const all = [...extra, ...registeredSecrets()];
  // Cheap first: only secrets with a form in the text, longest first.
  const present = all.flatMap((s) => secretForms(s.value).filter(({ form }) => text.includes(form)).map(({ form }) => ({ kind: s.kind, form })));
  let out = text;
  for (const { kind, form } of present.sort((a, b) => b.form.length - a.form.length)) if (out.includes(form)) out = out.split(form).join(`<${kind}>`);
  return out;
}

/** Throw an AssertionError listing the findings (kinds and places only). */
export function assertNoSecretLeaks(
  texts: ReadonlyArray<{ where: string; text: string }>,
  scenario: string | (() => string),
  extra: readonly RegisteredSecret[] = [],
): void {
  const findings = findSecretLeaks(texts, extra);
  if (findings.length === 0) return;
  const lines = findings.map((f) => `  - ${f.kind}: ${f.how} in ${f.where}`);
  const name = typeof scenario === 'string' ? scenario : scenario();
  throw new AssertionError({
    message: `leak guard: ${findings.length} secret(s) in the output of ${name}\n${lines.join('\n')}`,
  });
}

// --- credentials on the wire ------------------------------------------------------------------

/** The parts of a recorded request the credential checks read (FakeJamf's RecordedRequest fits). */
export interface WireRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  secure?: boolean;
}

/** Why a request counts as carrying credentials, or undefined when it does not. */
export function credentialsIn(request: WireRequest): string | undefined {
  if (request.headers.authorization !== undefined) return `an Authorization header (${String(request.headers.authorization).split(' ')[0]})`;
  if (request.headers['proxy-authorization'] !== undefined) return 'a Proxy-Authorization header';
  if (/(^|&)client_secret=/.test(request.body)) return 'a client_secret in the body';
  if (/(^|&)password=/.test(request.body)) return 'a password in the body';
  const wire = `${request.path}\n${JSON.stringify(request.headers)}\n${request.body}`;
  const found = findSecretLeaks([{ where: 'the request', text: wire }])[0];
  return found ? `a registered secret (${found.kind})` : undefined;
}

const violations: string[] = [];

/** Called by the fake when the doctor sends credentials where it must not (checked by runCli after every run). */
export function recordCredentialViolation(description: string): void {
  violations.push(description);
}

/** The violations recorded since the last call (and forget them). */
export function takeCredentialViolations(): string[] {
  return violations.splice(0, violations.length);
}

/**
 * Assert that no request carrying credentials (Authorization, Proxy-Authorization, a client secret
 * or password in the body, or any registered secret anywhere in it) reached `server` over plain
 * http. For a server that serves https, pass `{ secure: false }` in the requests or use
 * `assertNoCredentialsReceived`.
 */
export function assertNoCredentialsOverHttp(server: { readonly requests: readonly WireRequest[]; readonly url?: string; readonly secure?: boolean }, label = server.url ?? 'the server'): void {
  const bad = server.requests
    .filter((r) => (r.secure ?? server.secure) === false)
    .flatMap((r) => {
      const why = credentialsIn(r);
      return why ? [`${r.method} ${r.path.split('?')[0]} carried ${why}`] : [];
    });
  if (bad.length > 0) throw new AssertionError({ message: `credentials reached ${label} over plain http:\n  - ${bad.join('\n  - ')}` });
}

/** Assert that no request carrying credentials reached `server` at all (e.g. a redirect target at another origin). */
export function assertNoCredentialsReceived(server: { readonly requests: readonly WireRequest[]; readonly url?: string }, label = server.url ?? 'the server'): void {
  const bad = server.requests.flatMap((r) => {
    const why = credentialsIn(r);
    return why ? [`${r.method} ${r.path.split('?')[0]} carried ${why}`] : [];
  });
  if (bad.length > 0) throw new AssertionError({ message: `credentials reached ${label}:\n  - ${bad.join('\n  - ')}` });
}
