import { describeHttpFailure, type JamfHttp } from './http.js';
import { probesFor, type PrivilegeEntry } from './privileges.js';

/** Jamf's published guidance: at most five concurrent connections to a Jamf Pro server. */
export const MAX_IN_FLIGHT = 5;

export type ProbeVerdict =
  | { kind: 'granted' }
  | { kind: 'missing'; why: string }
  | { kind: 'not-on-server' }
  | { kind: 'unknown'; why: string };

/**
 * Runs privilege probes for a whole run: GETs only, bodies of a 2xx not read (the status answers),
 * at most five in flight, and each path probed once even when two privileges (or two checks)
 * share it. For each privilege the newest endpoint the server's version serves is asked first; a
 * 404 falls back to the next older one that needs the same privilege.
 */
export class PrivilegeProber {
  readonly #cache = new Map<string, Promise<ProbeVerdict>>();
  #active = 0;
  readonly #queue: Array<() => void> = [];
  probes = 0;

  constructor(
    private readonly http: JamfHttp,
    private readonly bearer: string,
    private readonly signal: AbortSignal,
    private readonly timeoutMs: number,
    /** The server's version (GET /api/v1/jamf-pro-version), which picks the endpoints. */
    private readonly version?: string,
  ) {}

  async probe(entry: PrivilegeEntry): Promise<ProbeVerdict> {
    const candidates = probesFor(entry, this.version);
    if (candidates.length === 0) return { kind: 'unknown', why: 'no probe exists for it' };
    for (const candidate of candidates) {
      let pending = this.#cache.get(candidate.path);
      if (!pending) {
        pending = this.#run(candidate.path);
        this.#cache.set(candidate.path, pending);
      }
      const verdict = await pending;
      if (verdict.kind !== 'not-on-server') return verdict;
    }
    return entry.probeNotFoundInconclusive ? { kind: 'unknown', why: 'its probe needs an existing device' } : { kind: 'not-on-server' };
  }

  async #run(path: string): Promise<ProbeVerdict> {
    await this.#slot();
    this.probes += 1;
    try {
      // A 200 answers the question whatever the body (a whole Classic list on a large tenant).
      const response = await this.http.request(
        { method: 'GET', path, credentialed: true, headers: { authorization: `Bearer ${this.bearer}` }, maxBytes: 16 * 1024, statusOnly: true },
        this.signal,
      );
      const { status } = response;
      if (status >= 200 && status < 300) return { kind: 'granted' };
      if (status === 403) return { kind: 'missing', why: `GET ${strip(path)} → 403${/INVALID_PRIVILEGE/.test(response.text) ? ' INVALID_PRIVILEGE' : ''}` };
      if (status === 401) {
        // The Classic API answers 401, not 403, for a missing privilege; the token itself was
        // just proven valid by auth.token-valid, so this is not a credentials problem.
        if (path.startsWith('/JSSResource/')) return { kind: 'missing', why: `GET ${strip(path)} → 401 (the Classic API's answer for a missing privilege)` };
        return { kind: 'unknown', why: `GET ${strip(path)} → 401${/INVALID_TOKEN/.test(response.text) ? ' INVALID_TOKEN (the token stopped working)' : ''}` };
      }
      if (status === 404) return { kind: 'not-on-server' };
      return { kind: 'unknown', why: `GET ${strip(path)} → ${status}` };
    } catch (error) {
      return { kind: 'unknown', why: `GET ${strip(path)} ${describeHttpFailure(error, this.timeoutMs).what}` };
    } finally {
      this.#release();
    }
  }

  #slot(): Promise<void> {
    if (this.#active < MAX_IN_FLIGHT) {
      this.#active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#queue.push(resolve));
  }

  #release(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#active -= 1;
  }
}

const strip = (path: string): string => path.split('?')[0] ?? path;

export interface Coverage {
  granted: string[];
  missing: string[];
  /** Endpoint absent on this Jamf Pro version: not a permission problem. */
  notOnServer: string[];
  unknown: Array<{ name: string; why: string }>;
  determinedBy: Record<string, 'listed' | 'probed'>;
  /** Why each missing privilege is considered missing. */
  evidence: Record<string, string>;
  /** Whether GET /api/v1/auth listed any privileges at all. */
  listed: boolean;
}

/**
 * Every string value in the GET /api/v1/auth answer. Where an API client's privileges sit in it
 * is not documented, so search it all (as rtrouton's role script does).
 */
export function listedPrivileges(authInfo: Record<string, unknown> | undefined): Set<string> {
  const found = new Set<string>();
  let budget = 20_000;
  const walk = (value: unknown, depth: number): void => {
    if (budget-- <= 0 || depth > 8) return;
    if (typeof value === 'string') found.add(value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v, depth + 1));
    else if (value && typeof value === 'object') Object.values(value).forEach((v) => walk(v, depth + 1));
  };
  const account = authInfo?.account;
  walk((account as Record<string, unknown> | undefined)?.privilegesBySite, 0);
  walk(authInfo?.accountGroups, 0);
  walk((account as Record<string, unknown> | undefined)?.privileges, 0);
  walk(authInfo?.privileges, 0);
  return found;
}

/**
 * Which of `entries` the token holds. The caller's own list from GET /api/v1/auth settles what it
 * names and — when it is complete (`authoritative`: a full-access account's list) — what it omits;
 * otherwise whatever it does not name is probed. A probe whose endpoint also answers for another
 * privilege (`ambiguousWith`) counts as granted only when that other privilege is proven missing.
 */
export async function assessCoverage(
  entries: readonly PrivilegeEntry[],
  listed: Set<string>,
  prober: PrivilegeProber,
  options: { authoritative?: boolean; others?: (name: string) => Promise<ProbeVerdict | 'listed' | undefined> } = {},
): Promise<Coverage> {
  const coverage: Coverage = { granted: [], missing: [], notOnServer: [], unknown: [], determinedBy: {}, evidence: {}, listed: listed.size > 0 };
  const authoritative = options.authoritative === true && listed.size > 0;
  const verdicts = await Promise.all(
    entries.map(async (entry): Promise<ProbeVerdict | { kind: 'listed' } | { kind: 'unlisted' }> => {
      if (listed.has(entry.name)) return { kind: 'listed' };
      if (authoritative) return { kind: 'unlisted' };
      const verdict = await prober.probe(entry);
      if (verdict.kind !== 'granted' || !entry.ambiguousWith) return verdict;
      const other = await options.others?.(entry.ambiguousWith);
      if (other !== undefined && other !== 'listed' && other.kind === 'missing') return verdict;
      return { kind: 'unknown', why: `${entry.probes[0]?.path.split('?')[0]} answers for ${entry.ambiguousWith} too, which this account ${other === 'listed' || other?.kind === 'granted' ? 'holds' : 'may hold'}` };
    }),
  );
  entries.forEach((entry, i) => {
    const verdict = verdicts[i];
    if (!verdict) return;
    if (verdict.kind === 'listed' || verdict.kind === 'unlisted') {
      coverage.determinedBy[entry.name] = 'listed';
      if (verdict.kind === 'listed') coverage.granted.push(entry.name);
      else {
        coverage.missing.push(entry.name);
        coverage.evidence[entry.name] = 'not among the privileges GET /api/v1/auth lists for this full-access account';
      }
      return;
    }
    coverage.determinedBy[entry.name] = 'probed';
    if (verdict.kind === 'granted') coverage.granted.push(entry.name);
    else if (verdict.kind === 'missing') {
      coverage.missing.push(entry.name);
      coverage.evidence[entry.name] = verdict.why;
    } else if (verdict.kind === 'not-on-server') coverage.notOnServer.push(entry.name);
    else coverage.unknown.push({ name: entry.name, why: verdict.why });
  });
  return coverage;
}
