/** Check selection (areas, --only, --skip) and the invariants of the catalogue. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS, SelectionError, selectChecks } from '../../src/checks/registry.js';
import { AREAS } from '../../src/checks/types.js';
import type { Check } from '../../src/checks/types.js';
import { GUIDE } from '../../src/checks/guide.js';

const fake = (id: string, area: Check['area'], needs: string[] = []): Check => ({
  id,
  title: id,
  area,
  section: GUIDE.configuration,
  needs,
  run: async () => ({ status: 'pass', message: '' }),
});

/** A catalogue shaped like the later issues: needs cross areas. */
const CATALOGUE: Check[] = [
  fake('config.file', 'config'),
  fake('config.auth-type', 'config'),
  fake('config.credentials', 'config', ['config.auth-type']),
  fake('url.format', 'url'),
  fake('network.dns', 'network', ['url.format']),
  fake('tls.chain', 'tls', ['network.dns']),
  fake('token.obtain', 'token', ['tls.chain', 'config.credentials']),
];
const ids = (checks: readonly Check[]): string[] => checks.map((c) => c.id);

describe('selectChecks', () => {
  it('selects everything, in catalogue order, by default', () => {
    const selection = selectChecks(CATALOGUE, {});
    assert.deepEqual(ids(selection.checks), ids(CATALOGUE));
    assert.deepEqual([...selection.skipped], []);
  });

  it('an area brings in the checks it needs from other areas, in catalogue order', () => {
    assert.deepEqual(ids(selectChecks(CATALOGUE, { areas: ['tls'] }).checks), ['url.format', 'network.dns', 'tls.chain']);
    assert.deepEqual(ids(selectChecks(CATALOGUE, { areas: ['url'] }).checks), ['url.format']);
    assert.deepEqual(ids(selectChecks(CATALOGUE, { areas: ['config'] }).checks), ['config.file', 'config.auth-type', 'config.credentials']);
  });

  it('several areas', () => {
    assert.deepEqual(ids(selectChecks(CATALOGUE, { areas: ['url', 'config'] }).checks), ['config.file', 'config.auth-type', 'config.credentials', 'url.format']);
  });

  it('an empty area list means all', () => {
    assert.equal(selectChecks(CATALOGUE, { areas: [] }).checks.length, CATALOGUE.length);
  });

  it('--only pulls in what the named checks need, transitively', () => {
    assert.deepEqual(ids(selectChecks(CATALOGUE, { only: ['config.credentials'] }).checks), ['config.auth-type', 'config.credentials']);
    assert.deepEqual(ids(selectChecks(CATALOGUE, { only: ['token.obtain'] }).checks), [
      'config.auth-type',
      'config.credentials',
      'url.format',
      'network.dns',
      'tls.chain',
      'token.obtain',
    ]);
  });

  it('--only outside the chosen areas is a SelectionError', () => {
    assert.throws(() => selectChecks(CATALOGUE, { areas: ['url'], only: ['config.file'] }), (e: unknown) => {
      assert.ok(e instanceof SelectionError);
      assert.match(e.message, /--only names no check in the chosen areas/);
      return true;
    });
  });

  it('--skip keeps the check scheduled and lists it as skipped', () => {
    const selection = selectChecks(CATALOGUE, { areas: ['config'], skip: ['config.auth-type'] });
    assert.ok(ids(selection.checks).includes('config.auth-type'));
    assert.deepEqual([...selection.skipped], ['config.auth-type']);
  });

  const UNKNOWN: Array<[string, Parameters<typeof selectChecks>[1], RegExp]> = [
    ['--only', { only: ['config.nope'] }, /^unknown check id "config.nope" \(see jamfmcp doctor --list-checks\)$/],
    ['--skip', { skip: ['URL.FORMAT'] }, /^unknown check id "URL.FORMAT"/],
    ['both, plural', { only: ['a.b'], skip: ['c.d'] }, /^unknown check ids "a.b", "c.d"/],
  ];
  for (const [name, request, pattern] of UNKNOWN) {
    it(`an unknown id in ${name} throws a SelectionError naming it`, () => {
      assert.throws(() => selectChecks(CATALOGUE, request), (e: unknown) => {
        assert.ok(e instanceof SelectionError);
        assert.ok(e instanceof Error);
        assert.match(e.message, pattern);
        return true;
      });
    });
  }

  it('works on the real catalogue: --only config.credentials brings config.auth-type', () => {
    assert.deepEqual(ids(selectChecks(CHECKS, { only: ['config.credentials'] }).checks), ['config.auth-type', 'config.credentials']);
    assert.deepEqual(ids(selectChecks(CHECKS, { areas: ['url'] }).checks), ['url.format']);
  });
});

describe('CHECKS catalogue', () => {
  it('contains the checks of issue 2', () => {
    for (const id of ['config.file', 'config.auth-type', 'config.credentials', 'url.format']) {
      assert.ok(CHECKS.some((c) => c.id === id), id);
    }
  });

  it('has unique ids', () => {
    assert.equal(new Set(ids(CHECKS)).size, CHECKS.length);
  });

  for (const [index, c] of CHECKS.entries()) {
    it(`${c.id}: lower-case id (dotted, or a bare area name), known area, title, guide section, needs earlier in the list`, () => {
      // The spec names the minimum privilege check plainly `privileges`; every other id is dotted.
      assert.match(c.id, /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/);
      if (!c.id.includes('.')) assert.ok((AREAS as readonly string[]).includes(c.id), `undotted id ${c.id} must be an area name`);
      assert.ok((AREAS as readonly string[]).includes(c.area), `area ${c.area}`);
      assert.ok(c.title.trim().length > 0);
      assert.ok(c.section.title.length > 0 && c.section.chapter.length > 0);
      assert.match(c.section.anchor, /^[a-z0-9-]+$/);
      for (const need of c.needs) {
        const at = CHECKS.findIndex((other) => other.id === need);
        assert.ok(at >= 0, `${c.id} needs ${need}, which exists`);
        assert.ok(at < index, `${c.id} needs ${need}, which comes earlier`);
      }
      // `after` (ordering without depending) is silently ignored by the engine for a check not yet
      // scheduled, so it too must name existing, earlier checks.
      for (const other of (c as { after?: string[] }).after ?? []) {
        // '*': every check scheduled before it (the engine waits for all of them).
        if (other === '*') continue;
        const at = CHECKS.findIndex((x) => x.id === other);
        assert.ok(at >= 0, `${c.id} runs after ${other}, which exists`);
        assert.ok(at < index, `${c.id} runs after ${other}, which comes earlier`);
      }
    });
  }
});

/** The guide's headings (## chapters and ### sections), copied from authentication-troubleshooting.md. */
const GUIDE_CHAPTERS = [
  'Common Authentication Errors',
  'Authentication Configuration Issues',
  'Token Management Issues',
  'Server URL Issues',
  'SSL/TLS Issues',
  'Debugging Authentication',
  'Best Practices',
  'When All Else Fails',
];
const GUIDE_SECTIONS: Record<string, string[]> = {
  'Common Authentication Errors': ['401 Unauthorized', '403 Forbidden', 'Invalid Authentication Type'],
  'Authentication Configuration Issues': ['Missing Environment Variables', 'OAuth Client Issues'],
  'Token Management Issues': ['Token Expiration', 'Token Caching Issues'],
  'Server URL Issues': ['Invalid Server URL'],
  'SSL/TLS Issues': ['Certificate Verification Failed'],
  'Debugging Authentication': ['Enable Debug Logging', 'Test Script', 'Manual Token Test'],
  'Best Practices': ['Credential Security', 'Configuration Management'],
  'When All Else Fails': [],
};

describe('GUIDE sections', () => {
  for (const [key, section] of Object.entries(GUIDE)) {
    it(`${key} names a real heading of the guide ("${section.chapter}" › "${section.title}")`, () => {
      assert.ok(GUIDE_CHAPTERS.includes(section.chapter), `chapter ${section.chapter}`);
      const under = GUIDE_SECTIONS[section.chapter] ?? [];
      assert.ok(section.title === section.chapter || under.includes(section.title), `section ${section.title}`);
      const expectedAnchor = section.title
        .toLowerCase()
        .replace(/[^a-z0-9\s-]/g, '')
        .trim()
        .replace(/\s/g, '-');
      assert.equal(section.anchor, expectedAnchor);
    });
  }
});

describe("after: ['*']", () => {
  it('mcp.last-error comes last in the catalogue, so it waits for every other check', () => {
    assert.equal(CHECKS[CHECKS.length - 1]?.id, 'mcp.last-error');
    assert.deepEqual((CHECKS[CHECKS.length - 1] as { after?: string[] }).after, ['*']);
  });
});
