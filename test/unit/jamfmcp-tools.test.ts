/**
 * src/jamfmcp/tools.ts is a hand transcription of shared/reference/data/jamfmcp-tools.json. This test
 * holds it to the copy in test/fixtures/jamfmcp-tools.json (provenance: test/fixtures/README.md;
 * written by extract-jamfmcp-tools.py from liquidz00/jamfmcp v1.0.1 99a106f and v1.0.2 a2473ac).
 *
 * How the fixture's fields map to ours:
 *   tools[].tool                      → JamfmcpTool.name; a version's tools are the entries whose refs contain 'v<version>'
 *   tools[].canWork                   → canWork (same three values: yes | conditional | no)
 *   tools[].problems[].kind           → defects (same names); problems[].at → DEFECTS[kind].at
 *   tools[].requests[]                → privileges, the union over the requests the tool makes:
 *       api 'pro':     spec.segments[-1].privileges (x-required-privileges in the newest Jamf schema)
 *       api 'classic': privilege.docsTableHint.labels, UI labels turned into API-role names by CLASSIC_LABEL below;
 *                      a label "A (for smart groups) B (for static groups)" means either is enough → anyOf
 *   tools[].definedAt                 → at, as liquidz00/jamfmcp@v1.0.2:<definedAt> (the `async def` line of the tool)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { JAMFMCP_VERSIONS, type JamfmcpVersion } from '../../src/config/jamfmcp-version.js';
import { brokenTools, DEFECTS, toolsNeeding, toolsOf, type JamfmcpTool, type ToolDefect } from '../../src/jamfmcp/tools.js';

// ---------------------------------------------------------------------------------------------- fixture

interface FixtureRequest {
  method: string;
  api: 'pro' | 'classic';
  url: string;
  at: string;
  onlyWhen?: string;
  spec: { segments?: Array<{ privileges: string[] | null }> } | null;
  privilege?: { name: string; docsTableHint: { labels: string[] } | null };
}

interface FixtureTool {
  tool: string;
  refs: string[];
  canWork: 'yes' | 'conditional' | 'no';
  problems: Array<{ kind: string; at: string; severity: string }>;
  privileges: { proApi: string[]; classicApi: Array<{ url: string; name: string; docsTableHint: string[] | null }> };
  definedAt: string;
  requests: FixtureRequest[];
}

interface Fixture {
  schema: string;
  generatedBy: { script: string };
  source: { repository: string; refs: Array<{ ref: string; commit: string; toolCount: number }> };
  tools: FixtureTool[];
}

// dist/test/unit/jamfmcp-tools.test.js → ../../../ is the repository root.
const FIXTURE_URL = new URL('../../../test/fixtures/jamfmcp-tools.json', import.meta.url);
const FIXTURE = JSON.parse(readFileSync(FIXTURE_URL, 'utf8')) as Fixture;

/** The releases the doctor checks, as the fixture's source.refs[].ref names them. */
const COVERED: ReadonlyArray<{ version: JamfmcpVersion; ref: string; commit: string }> = [
  { version: '1.0.1', ref: 'v1.0.1', commit: '99a106f6e998da2dccef9c831b3ff9471f01cfe8' },
  { version: '1.0.2', ref: 'v1.0.2', commit: 'a2473ac46a413fc4ad7a3d389a5fb81add6462f3' },
];

function fixtureTools(ref: string): FixtureTool[] {
  return FIXTURE.tools.filter((tool) => tool.refs.includes(ref));
}

/** The v1.0.2 entry for a tool: our `at` always names v1.0.2's server.py line. */
function v102Entry(name: string): FixtureTool | undefined {
  return fixtureTools('v1.0.2').find((tool) => tool.tool === name);
}

// ---------------------------------------------------------------------- Classic UI label → API-role name

/**
 * The fixture's Classic privileges are UNCONFIRMED UI labels (third-party scrape of Jamf's "Classic API
 * Minimum Required Privileges and Endpoint Mapping" page). Ours are API-role names. The rule is
 * 'Read - X' → 'Read X'; these labels are the ones where the API-role name differs.
 */
const CLASSIC_LABEL_EXCEPTIONS: Readonly<Record<string, string>> = {
  // Jamf's Pro schemas spell the user privilege 'Read User' (jamf-pro-api-privileges.json x-required-privileges).
  'Read - Users': 'Read User',
  // /JSSResource/computerextensionattributes: the API-role (and Pro schema) name is 'Read Computer Extension Attributes'.
  'Read - Extension Attributes': 'Read Computer Extension Attributes',
  // API-role privilege names (GET /api/v1/api-role-privileges) have no 'Records' suffix.
  'Read - Restricted Software Records': 'Read Restricted Software',
  'Read - Licensed Software Records': 'Read Licensed Software',
};

function CLASSIC_LABEL(label: string): string {
  const mapped = CLASSIC_LABEL_EXCEPTIONS[label];
  if (mapped) return mapped;
  const m = /^Read - (.+)$/.exec(label);
  if (!m) throw new Error(`fixture docsTableHint label not in 'Read - X' form: ${JSON.stringify(label)}`);
  return `Read ${m[1]}`;
}

/** "Read - Smart Computer Groups (for smart groups) Read - Static Computer Groups (for static groups)" → both, either enough. */
function splitHint(hint: string): { labels: string[]; either: boolean } {
  const parts = hint.split(/\s*\(for [^)]*\)\s*/).filter((part) => part !== '');
  return { labels: parts, either: parts.length > 1 };
}

interface ExpectedPrivileges {
  privileges: string[];
  anyOf: boolean;
}

/** Union of what the fixture lists for the requests the tool makes (tools[].requests[]). */
function privilegesFromRequests(tool: FixtureTool): ExpectedPrivileges {
  const out = new Set<string>();
  let anyOf = false;
  for (const request of tool.requests) {
    if (request.api === 'pro') {
      for (const name of request.spec?.segments?.at(-1)?.privileges ?? []) out.add(name);
    } else {
      for (const hint of request.privilege?.docsTableHint?.labels ?? []) {
        const { labels, either } = splitHint(hint);
        anyOf ||= either;
        for (const label of labels) out.add(CLASSIC_LABEL(label));
      }
    }
  }
  return { privileges: [...out].sort(), anyOf };
}

/** The same from the fixture's per-tool summary, tools[].privileges.{proApi, classicApi[].docsTableHint}. */
function privilegesFromSummary(tool: FixtureTool): ExpectedPrivileges {
  const out = new Set<string>(tool.privileges.proApi);
  let anyOf = false;
  for (const classic of tool.privileges.classicApi) {
    for (const hint of classic.docsTableHint ?? []) {
      const { labels, either } = splitHint(hint);
      anyOf ||= either;
      for (const label of labels) out.add(CLASSIC_LABEL(label));
    }
  }
  return { privileges: [...out].sort(), anyOf };
}

// ----------------------------------------------------------------------------------------- comparison

/** The fields tools.ts transcribes, in one object so a failure shows every field that differs. */
interface Row {
  canWork: string;
  defects: string[];
  privileges: string[];
  anyOf: boolean;
  at: string;
}

function ours(tool: JamfmcpTool): Row {
  return {
    canWork: tool.canWork,
    defects: [...tool.defects].sort(),
    privileges: [...tool.privileges].sort(),
    anyOf: tool.anyOf === true,
    at: tool.at,
  };
}

function theirs(tool: FixtureTool): Row {
  const def = v102Entry(tool.tool);
  const { privileges, anyOf } = privilegesFromRequests(tool);
  return {
    canWork: tool.canWork,
    defects: [...new Set(tool.problems.map((problem) => problem.kind))].sort(),
    privileges,
    anyOf,
    at: def ? `liquidz00/jamfmcp@v1.0.2:${def.definedAt}` : `(no v1.0.2 entry for ${tool.tool})`,
  };
}

const names = (tools: readonly { name: string }[]): string[] => tools.map((tool) => tool.name).sort();

/** Every `at` the fixture records for one problem kind, as path:line ("a:1, b:2" lists several). */
function problemLocations(ref: string, kind: string): Set<string> {
  const out = new Set<string>();
  for (const tool of fixtureTools(ref)) {
    for (const problem of tool.problems) {
      if (problem.kind === kind) for (const at of problem.at.split(/,\s*/)) out.add(at.trim());
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- tests

describe('fixture test/fixtures/jamfmcp-tools.json', () => {
  it('is read from the repository, not from dist/ (new URL("../../../test/fixtures/…", import.meta.url))', () => {
    const path = fileURLToPath(FIXTURE_URL).replaceAll('\\', '/');
    assert.match(path, /\/test\/fixtures\/jamfmcp-tools\.json$/);
    assert.doesNotMatch(path, /\/dist\//);
  });

  it('is schema jamfmcp-tools/1 from extract-jamfmcp-tools.py over liquidz00/jamfmcp (schema, generatedBy.script, source.repository)', () => {
    assert.equal(FIXTURE.schema, 'jamfmcp-tools/1');
    assert.equal(FIXTURE.generatedBy.script, 'extract-jamfmcp-tools.py');
    assert.equal(FIXTURE.source.repository, 'liquidz00/jamfmcp');
  });

  it('covers exactly the releases v1.0.1 99a106f and v1.0.2 a2473ac, 49 tools each (source.refs[].ref/commit/toolCount)', () => {
    const releases = FIXTURE.source.refs.filter((ref) => /^v\d/.test(ref.ref));
    assert.deepEqual(
      releases.map((ref) => ({ ref: ref.ref, commit: ref.commit, toolCount: ref.toolCount })),
      COVERED.map((c) => ({ ref: c.ref, commit: c.commit, toolCount: 49 })),
    );
    for (const c of COVERED) {
      assert.equal(fixtureTools(c.ref).length, 49, c.ref);
      assert.ok((JAMFMCP_VERSIONS as readonly string[]).includes(c.version), `${c.version} is a JAMFMCP_VERSIONS profile`);
    }
  });

  it('tools[].privileges (proApi + classicApi[].docsTableHint) is the union over tools[].requests[]', () => {
    for (const tool of FIXTURE.tools) assert.deepEqual(privilegesFromRequests(tool), privilegesFromSummary(tool), tool.tool);
  });

  it('every label in CLASSIC_LABEL_EXCEPTIONS occurs in some docsTableHint (no dead mapping)', () => {
    const seen = new Set(
      FIXTURE.tools.flatMap((tool) => tool.privileges.classicApi.flatMap((c) => (c.docsTableHint ?? []).flatMap((h) => splitHint(h).labels))),
    );
    for (const label of Object.keys(CLASSIC_LABEL_EXCEPTIONS)) assert.ok(seen.has(label), label);
  });
});

for (const { version, ref } of COVERED) {
  describe(`JamfMCP ${version}: toolsOf('${version}') vs fixture tools[] with refs ∋ '${ref}'`, () => {
    const expected = fixtureTools(ref);

    it(`tool names equal the fixture's tools[].tool for ${ref} (49, registered by @mcp.tool in src/jamfmcp/server.py)`, () => {
      const ourNames = names(toolsOf(version));
      assert.equal(new Set(ourNames).size, ourNames.length, 'no tool listed twice');
      assert.deepEqual(ourNames, expected.map((tool) => tool.tool).sort());
      assert.equal(ourNames.length, 49);
    });

    for (const tool of expected) {
      it(`${tool.tool} (${tool.definedAt}): canWork, problems[].kind, privileges from requests[], definedAt`, () => {
        const mine = toolsOf(version).find((candidate) => candidate.name === tool.tool);
        assert.ok(mine, `toolsOf('${version}') has ${tool.tool}`);
        assert.deepEqual(ours(mine), theirs(tool));
        assert.equal(new Set(mine.defects).size, mine.defects.length, 'no defect listed twice');
        assert.equal(new Set(mine.privileges).size, mine.privileges.length, 'no privilege listed twice');
      });
    }

    it(`DEFECTS has every problems[].kind used in ${ref}, each at a liquidz00/jamfmcp@v1.0.2: line the fixture records (problems[].at)`, () => {
      const kinds = [...new Set(expected.flatMap((tool) => tool.problems.map((problem) => problem.kind)))].sort();
      assert.deepEqual(kinds, [
        'await-sync-json',
        'dict-annotation-returns-list',
        'filter-field-rejected-by-sdk',
        'missing-method',
        'pagination-bug',
        'pro-path-sent-to-classic-api',
      ]);
      for (const kind of kinds) {
        assert.ok(Object.hasOwn(DEFECTS, kind), `DEFECTS['${kind}']`);
        const entry = DEFECTS[kind as ToolDefect];
        assert.ok(entry.why.length > 0, `DEFECTS['${kind}'].why`);
        const m = /^liquidz00\/jamfmcp@v1\.0\.2:(\S+?:\d+)(?:\s|$)/.exec(entry.at);
        assert.ok(m, `DEFECTS['${kind}'].at names a liquidz00/jamfmcp@v1.0.2: source line: ${entry.at}`);
        const locations = problemLocations('v1.0.2', kind);
        assert.ok(locations.has(m[1] ?? ''), `DEFECTS['${kind}'].at ${m[1]} is one of the fixture's ${[...locations].join(' | ')}`);
      }
    });

    it(`brokenTools('${version}') is exactly the tools with canWork 'no' (10, incl. get_device_lock_pin: missing-method at server.py:2457)`, () => {
      const broken = brokenTools(version);
      assert.deepEqual(names(broken), expected.filter((tool) => tool.canWork === 'no').map((tool) => tool.tool).sort());
      assert.equal(broken.length, 10);
      const pin = broken.find((tool) => tool.name === 'get_device_lock_pin');
      assert.ok(pin, 'get_device_lock_pin is broken');
      assert.deepEqual(pin.defects, ['missing-method']);
    });

    it(`toolsNeeding('${version}', 'Read Computers'): working incl. get_computer_history (classic /computerhistory/id, 'Read - Computers'), none broken`, () => {
      const { working, broken } = toolsNeeding(version, 'Read Computers');
      const users = expected.filter((tool) => privilegesFromRequests(tool).privileges.includes('Read Computers'));
      assert.deepEqual(names(working), users.filter((tool) => tool.canWork !== 'no').map((tool) => tool.tool).sort());
      assert.deepEqual(names(broken), users.filter((tool) => tool.canWork === 'no').map((tool) => tool.tool).sort());
      assert.ok(working.some((tool) => tool.name === 'get_computer_history'));
      assert.deepEqual(names(broken), []);
    });

    it(`toolsNeeding('${version}', p) splits the fixture's users of p by canWork, for every privilege p the fixture derives`, () => {
      const all = [...new Set(expected.flatMap((tool) => privilegesFromRequests(tool).privileges))].sort();
      assert.ok(all.length > 20, `${all.length} privileges`);
      for (const privilege of all) {
        const users = expected.filter((tool) => privilegesFromRequests(tool).privileges.includes(privilege));
        const { working, broken } = toolsNeeding(version, privilege);
        assert.deepEqual(
          { working: names(working), broken: names(broken) },
          {
            working: users.filter((tool) => tool.canWork !== 'no').map((tool) => tool.tool).sort(),
            broken: users.filter((tool) => tool.canWork === 'no').map((tool) => tool.tool).sort(),
          },
          privilege,
        );
      }
    });

    it(`toolsNeeding('${version}', 'Read Computer Inventory Collection') is empty: the setup guide lists it, no request in the fixture needs it`, () => {
      const privilege = 'Read Computer Inventory Collection';
      assert.deepEqual(expected.filter((tool) => privilegesFromRequests(tool).privileges.includes(privilege)).map((tool) => tool.tool), []);
      assert.deepEqual(toolsNeeding(version, privilege), { working: [], broken: [] });
    });
  });
}

describe("JamfMCP 1.0.0 (not in the fixture; judged as 1.0.1)", () => {
  it("toolsOf('1.0.0') equals toolsOf('1.0.1')", () => {
    assert.deepEqual(toolsOf('1.0.0'), toolsOf('1.0.1'));
    assert.equal(toolsOf('1.0.0').length, 49);
  });

  it("brokenTools('1.0.0') and toolsNeeding('1.0.0', 'Read Computers') equal 1.0.1's", () => {
    assert.deepEqual(names(brokenTools('1.0.0')), names(brokenTools('1.0.1')));
    assert.deepEqual(toolsNeeding('1.0.0', 'Read Computers'), toolsNeeding('1.0.1', 'Read Computers'));
  });
});
