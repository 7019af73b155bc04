/**
 * src/jamf/privileges.ts says, per Jamf Pro privilege, which GETs answer whether a token holds it
 * (newest first, each with the release that first serves it). This test holds that table to Jamf
 * Pro's own schemas for 11.23.2-11.30.2: test/fixtures/jamf-pro-api-privileges.json (provenance:
 * test/fixtures/README.md; written by extract-jamf-privileges.py from deploymenttheory/go-sdk-jamfpro-v2
 * @ 76bafb21e4b1acfb8c0fc7495984f66d0295a566).
 *
 * How the fixture's fields map to ours:
 *   versions                              → the releases checked, in order
 *   proApi.getOperations[].path           → a Probe.path starting /api, minus '/api' and the query;
 *                                           '{deviceId}'-style segments match any one concrete segment
 *   classicApi.getPaths[].path            → a Probe.path starting /JSSResource, minus '/JSSResource'
 *   first / last / absentIn               → the releases a GET exists in (Probe.since must be `first`)
 *   segments[{from,to}].privileges        → the entry's name plus Probe.alsoListed, exactly (Pro only:
 *                                           the Classic schema has no privileges, they are UNCONFIRMED)
 *   segments[].deprecated                 → a deprecated GET is asked first only with no live alternative
 *   segments[].paging                     → 'page-size' in it ⇔ the probe asks page=0&page-size=1
 *
 * A new schema release is a fixture update (test/fixtures/README.md); the failures then say which
 * probes, `since` values or privilege lists in src/jamf/privileges.ts to change.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PRIVILEGES, probesFor, type PrivilegeEntry, type Probe } from '../../src/jamf/privileges.js';

// ---------------------------------------------------------------------------------------------- fixture

interface Segment {
  from: string;
  to: string;
  /** Pro only; null when the operation has no x-required-privileges key. */
  privileges?: string[] | null;
  deprecated: boolean;
  deprecationDate: string | null;
  /** Pro only. */
  paging?: string[];
}

interface FixtureEndpoint {
  path: string;
  first: string;
  last: string;
  absentIn: string[];
  segments: Segment[];
}

interface Fixture {
  schema: string;
  generatedBy: { script: string };
  source: { repository: string; commit: string };
  versions: string[];
  proApi: { basePath: string; getOperations: FixtureEndpoint[] };
  classicApi: { basePath: string; getPaths: FixtureEndpoint[] };
}

// dist/test/unit/privilege-probes.test.js → ../../../ is the repository root.
const FIXTURE_URL = new URL('../../../test/fixtures/jamf-pro-api-privileges.json', import.meta.url);
const FIXTURE = JSON.parse(readFileSync(FIXTURE_URL, 'utf8')) as Fixture;
const VERSIONS = FIXTURE.versions;

// ---------------------------------------------------------------------------------------------- lookups

type Api = 'pro' | 'classic';

interface Resolved {
  api: Api;
  /** The path as the fixture spells it (relative to /api or /JSSResource, templates kept). */
  fixturePath: string;
  endpoint: FixtureEndpoint;
}

const PRO_PREFIX = '/api';
const CLASSIC_PREFIX = '/JSSResource';

/** Which API a probe asks; undefined for a path that is neither (the first test reports it). */
function apiOf(probe: Probe): Api | undefined {
  if (probe.path.startsWith(`${CLASSIC_PREFIX}/`)) return 'classic';
  if (probe.path.startsWith(`${PRO_PREFIX}/`)) return 'pro';
  return undefined;
}

function splitPath(probe: Probe): { api: Api | undefined; relative: string; query: URLSearchParams } {
  const api = apiOf(probe);
  const [pathPart = '', queryPart = ''] = probe.path.split('?', 2);
  const relative = api === 'pro' ? pathPart.slice(PRO_PREFIX.length) : api === 'classic' ? pathPart.slice(CLASSIC_PREFIX.length) : pathPart;
  return { api, relative, query: new URLSearchParams(queryPart) };
}

/** '/v1/x/{id}' matches '/v1/x/1'; a literal segment only itself. */
function templateMatches(template: string, concrete: string): boolean {
  const t = template.split('/');
  const c = concrete.split('/');
  return t.length === c.length && t.every((seg, i) => (/^\{[^}]+\}$/.test(seg) ? (c[i] ?? '') !== '' : seg === c[i]));
}

/** The fixture endpoint a probe asks: the exact path, else the one template it instantiates. */
function resolve(probe: Probe): Resolved | undefined {
  const { api, relative } = splitPath(probe);
  if (!api) return undefined;
  const list = api === 'pro' ? FIXTURE.proApi.getOperations : FIXTURE.classicApi.getPaths;
  const exact = list.find((e) => e.path === relative);
  if (exact) return { api, fixturePath: exact.path, endpoint: exact };
  const templated = list.filter((e) => templateMatches(e.path, relative));
  if (templated.length > 1) throw new Error(`probe ${probe.path} matches several fixture paths: ${templated.map((e) => e.path).join(', ')}`);
  const [only] = templated;
  return only ? { api, fixturePath: only.path, endpoint: only } : undefined;
}

function indexOf(release: string): number {
  const i = VERSIONS.indexOf(release);
  if (i < 0) throw new Error(`release ${release} is not in the fixture's versions`);
  return i;
}

function existsOn(endpoint: FixtureEndpoint, release: string): boolean {
  const r = indexOf(release);
  return indexOf(endpoint.first) <= r && r <= indexOf(endpoint.last) && !endpoint.absentIn.includes(release);
}

function segmentOn(endpoint: FixtureEndpoint, release: string): Segment | undefined {
  const r = indexOf(release);
  return endpoint.segments.find((s) => indexOf(s.from) <= r && r <= indexOf(s.to));
}

/** Where the fixture has the GET: 'first..last (absent in …)' or 'not in any release'. */
function whereItIs(resolved: Resolved | undefined): string {
  if (!resolved) return 'in no release';
  const e = resolved.endpoint;
  return `only in ${e.first}..${e.last}${e.absentIn.length ? ` (absent in ${e.absentIn.join(', ')})` : ''}`;
}

const sorted = (xs: readonly string[]): string[] => [...xs].sort();

/**
 * The privilege rule for a Pro probe on a release: the schema's x-required-privileges hold the
 * entry's name, and whatever else they list is exactly the probe's alsoListed. Undefined when it holds.
 */
function privilegeProblem(entry: PrivilegeEntry, probe: Probe, resolved: Resolved, release: string): string | undefined {
  const seg = segmentOn(resolved.endpoint, release);
  if (!seg) return `no segment of ${resolved.fixturePath} covers ${release}`;
  const listed = seg.privileges;
  if (listed === null || listed === undefined) return `fixture lists no x-required-privileges for GET ${resolved.fixturePath} on ${release}`;
  if (!listed.includes(entry.name)) return `fixture says GET ${resolved.fixturePath} on ${release} needs ${JSON.stringify(listed)}, not '${entry.name}'`;
  const others = sorted(listed.filter((p) => p !== entry.name));
  const declared = sorted(probe.alsoListed ?? []);
  if (JSON.stringify(others) !== JSON.stringify(declared)) {
    return `fixture says GET ${resolved.fixturePath} on ${release} lists ${JSON.stringify(listed)}; alsoListed should be ${JSON.stringify(others)}, is ${JSON.stringify(declared)}`;
  }
  return undefined;
}

function describeProbe(entry: PrivilegeEntry, probe: Probe): string {
  return `${entry.name}: ${probe.path}`;
}

// ---------------------------------------------------------------------------------------------- tests

describe('fixture: jamf-pro-api-privileges.json', () => {
  it('covers the 11 schema releases 11.23.2 → 11.30.2 from go-sdk-jamfpro-v2 @ 76bafb2', () => {
    assert.equal(FIXTURE.schema, 'jamf-pro-api-privileges/1');
    assert.equal(FIXTURE.source.repository, 'deploymenttheory/go-sdk-jamfpro-v2');
    assert.equal(FIXTURE.source.commit, '76bafb21e4b1acfb8c0fc7495984f66d0295a566');
    assert.equal(FIXTURE.proApi.basePath, PRO_PREFIX);
    assert.equal(FIXTURE.classicApi.basePath, CLASSIC_PREFIX);
    assert.equal(VERSIONS.length, 11);
    assert.equal(VERSIONS[0], '11.23.2');
    assert.equal(VERSIONS[VERSIONS.length - 1], '11.30.2');
    assert.deepEqual(VERSIONS, [...new Set(VERSIONS)], 'each release once');
  });
});

describe('privilege probes against Jamf Pro schemas 11.23.2-11.30.2', () => {
  it('every entry has a probe on every release, and every probe is a Pro or Classic GET path', () => {
    const problems: string[] = [];
    for (const entry of PRIVILEGES) {
      for (const probe of entry.probes) {
        if (!apiOf(probe)) problems.push(`${describeProbe(entry, probe)}: neither a Jamf Pro API (/api/...) nor a Classic API (/JSSResource/...) path`);
      }
      for (const release of VERSIONS) {
        if (probesFor(entry, release).length === 0) problems.push(`${entry.name} on ${release}: probesFor chooses no probe`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the first probe asked on each release is a GET that release serves, needing the entry privilege (plus exactly alsoListed)', () => {
    const problems: string[] = [];
    for (const release of VERSIONS) {
      for (const entry of PRIVILEGES) {
        const [first] = probesFor(entry, release);
        if (!first) continue; // reported by the test above
        const resolved = resolve(first);
        if (!resolved || !existsOn(resolved.endpoint, release)) {
          problems.push(`${describeProbe(entry, first)} on ${release}: asked first, but the fixture has that GET ${whereItIs(resolved)}`);
          continue;
        }
        if (resolved.api === 'classic') {
          if (first.alsoListed) problems.push(`${describeProbe(entry, first)}: alsoListed on a Classic probe, whose privileges the schema does not give`);
          continue; // Classic privileges are UNCONFIRMED: existence is all the fixture can check
        }
        const wrong = privilegeProblem(entry, first, resolved, release);
        if (wrong) problems.push(`${describeProbe(entry, first)} (asked first on ${release}): ${wrong}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every fallback probe is served by that release or is a known older GET (and, where served, needs the same privileges)', () => {
    const problems: string[] = [];
    for (const release of VERSIONS) {
      for (const entry of PRIVILEGES) {
        for (const fallback of probesFor(entry, release).slice(1)) {
          const resolved = resolve(fallback);
          if (!resolved) {
            problems.push(`${describeProbe(entry, fallback)} (fallback on ${release}): the fixture has that GET in no release`);
            continue;
          }
          if (!existsOn(resolved.endpoint, release)) continue; // a known older endpoint: fine as a 404 fallback
          if (resolved.api === 'classic') continue;
          const wrong = privilegeProblem(entry, fallback, resolved, release);
          if (wrong) problems.push(`${describeProbe(entry, fallback)} (fallback on ${release}): ${wrong}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it("`since` is the release in which the fixture's GET first appears; probes without it exist in 11.23.2", () => {
    const oldest = VERSIONS[0] as string;
    const problems: string[] = [];
    for (const entry of PRIVILEGES) {
      for (const probe of entry.probes) {
        const resolved = resolve(probe);
        if (probe.since !== undefined) {
          if (!resolved) {
            problems.push(`${describeProbe(entry, probe)}: since ${probe.since}, but the fixture has that GET in no release`);
          } else if (!VERSIONS.includes(probe.since)) {
            problems.push(`${describeProbe(entry, probe)}: since ${probe.since}, which is not a fixture release; the fixture has it first in ${resolved.endpoint.first}`);
          } else if (resolved.endpoint.first !== probe.since) {
            problems.push(`${describeProbe(entry, probe)}: since ${probe.since}, but the fixture has it first in ${resolved.endpoint.first}`);
          }
        } else if (apiOf(probe) !== 'classic' && (!resolved || !existsOn(resolved.endpoint, oldest))) {
          problems.push(`${describeProbe(entry, probe)}: no since, so it must exist in ${oldest}, but the fixture has that GET ${whereItIs(resolved)}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every Classic probe is a GET in every release (its privileges are UNCONFIRMED, so only existence is checked)', () => {
    const problems: string[] = [];
    for (const entry of PRIVILEGES) {
      for (const probe of entry.probes) {
        if (apiOf(probe) !== 'classic') continue;
        const resolved = resolve(probe);
        const missing = resolved ? VERSIONS.filter((r) => !existsOn(resolved.endpoint, r)) : VERSIONS;
        if (missing.length) problems.push(`${describeProbe(entry, probe)}: the fixture has no such Classic GET in ${missing.join(', ')}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('a deprecated GET is asked first only when no other probe of the entry is a live (non-deprecated) GET on that release', () => {
    const problems: string[] = [];
    for (const release of VERSIONS) {
      for (const entry of PRIVILEGES) {
        const [first] = probesFor(entry, release);
        const resolvedFirst = first && resolve(first);
        if (!first || !resolvedFirst || !existsOn(resolvedFirst.endpoint, release)) continue; // reported above
        const seg = segmentOn(resolvedFirst.endpoint, release);
        if (!seg?.deprecated) continue;
        for (const other of entry.probes) {
          if (other === first) continue;
          const resolved = resolve(other);
          if (!resolved || !existsOn(resolved.endpoint, release)) continue;
          if (segmentOn(resolved.endpoint, release)?.deprecated === false) {
            problems.push(
              `${entry.name} on ${release}: asks ${first.path} first, deprecated${seg.deprecationDate ? ` (${seg.deprecationDate})` : ''}, though ${other.path} is served and not deprecated`,
            );
          }
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('paged GETs are asked for one item (page=0&page-size=1); unpaged GETs carry no page params', () => {
    const PAGE_PARAMS = ['page', 'page-size', 'size', 'pagesize'];
    const problems: string[] = [];
    for (const release of VERSIONS) {
      for (const entry of PRIVILEGES) {
        for (const probe of probesFor(entry, release)) {
          const resolved = resolve(probe);
          if (!resolved || !existsOn(resolved.endpoint, release)) continue;
          const seg = segmentOn(resolved.endpoint, release);
          if (!seg) continue;
          const { query } = splitPath(probe);
          if ((seg.paging ?? []).includes('page-size')) {
            if (query.get('page-size') !== '1' || query.get('page') !== '0') {
              problems.push(`${describeProbe(entry, probe)} on ${release}: the fixture pages it (${JSON.stringify(seg.paging)}); the probe must ask page=0&page-size=1`);
            }
          } else {
            const carried = PAGE_PARAMS.filter((p) => query.has(p));
            if (carried.length) {
              problems.push(`${describeProbe(entry, probe)} on ${release}: the fixture does not page it (${JSON.stringify(seg.paging ?? null)}), yet the probe carries ${carried.join(', ')}`);
            }
          }
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});

describe('the facts from the issue', () => {
  const entry = (name: string): PrivilegeEntry => {
    const found = PRIVILEGES.find((e) => e.name === name);
    assert.ok(found, `no entry '${name}' in PRIVILEGES`);
    return found;
  };
  const firstPath = (name: string, release: string): string | undefined => probesFor(entry(name), release)[0]?.path.split('?')[0];
  const pro = (path: string): FixtureEndpoint => {
    const found = FIXTURE.proApi.getOperations.find((e) => e.path === path);
    assert.ok(found, `the fixture has no GET /api${path}`);
    return found;
  };

  it('on 11.23.2 the Smart/Static Computer Groups probes are /api/v2/computer-groups/... (v3 does not exist yet)', () => {
    assert.equal(existsOn(pro('/v3/computer-groups/smart-groups'), '11.23.2'), false);
    assert.equal(existsOn(pro('/v3/computer-groups/static-groups'), '11.23.2'), false);
    assert.equal(firstPath('Read Smart Computer Groups', '11.23.2'), '/api/v2/computer-groups/smart-groups');
    assert.equal(firstPath('Read Static Computer Groups', '11.23.2'), '/api/v2/computer-groups/static-groups');
  });

  it('on 11.28.0 the Smart/Static Computer Groups probes are /api/v3/computer-groups/... (v3 arrives, v2 is deprecated)', () => {
    assert.equal(pro('/v3/computer-groups/smart-groups').first, '11.28.0');
    assert.equal(pro('/v3/computer-groups/static-groups').first, '11.28.0');
    assert.equal(segmentOn(pro('/v2/computer-groups/smart-groups'), '11.28.0')?.deprecated, true);
    assert.equal(firstPath('Read Smart Computer Groups', '11.28.0'), '/api/v3/computer-groups/smart-groups');
    assert.equal(firstPath('Read Static Computer Groups', '11.28.0'), '/api/v3/computer-groups/static-groups');
  });

  it('on 11.30.x Read Computers is probed with /api/v4/computers-inventory', () => {
    const releases = VERSIONS.filter((r) => r.startsWith('11.30.'));
    assert.deepEqual(releases, ['11.30.0', '11.30.1', '11.30.2']);
    for (const release of releases) {
      assert.equal(existsOn(pro('/v4/computers-inventory'), release), true, `fixture: /v4/computers-inventory on ${release}`);
      assert.equal(firstPath('Read Computers', release), '/api/v4/computers-inventory', `probe on ${release}`);
    }
  });

  it('/api/v1/static-user-groups needs exactly Read Static User Groups, and only that entry probes it', () => {
    const op = pro('/v1/static-user-groups');
    for (const release of VERSIONS) {
      assert.equal(existsOn(op, release), true, `fixture: /v1/static-user-groups on ${release}`);
      assert.deepEqual(segmentOn(op, release)?.privileges, ['Read Static User Groups'], `fixture privileges on ${release}`);
    }
    const users = PRIVILEGES.flatMap((e) => e.probes.filter((p) => p.path.split('?')[0] === '/api/v1/static-user-groups').map((p) => ({ name: e.name, alsoListed: p.alsoListed ?? [] })));
    assert.deepEqual(users, [{ name: 'Read Static User Groups', alsoListed: [] }]);
  });
});
