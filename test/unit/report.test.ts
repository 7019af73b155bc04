/**
 * The report model and its four renderers: parity (every id, message and fix step in every
 * format), the JSON contract, Markdown table escaping, JUnit counts and XML hygiene, and redaction
 * as the last step of render().
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GUIDE } from '../../src/checks/guide.js';
import type { CheckResult } from '../../src/checks/types.js';
import { fakeTarget } from '../harness/target.js';
import { Secrets } from '../../src/config/secrets.js';
import { buildReport, problems, summarise } from '../../src/report/model.js';
import type { Report, ReportCheck, ReportMeta } from '../../src/report/model.js';
import { renderJson } from '../../src/report/json.js';
import { renderText } from '../../src/report/text.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderJunit } from '../../src/report/junit.js';
import { FORMATS, render } from '../../src/report/index.js';



function results(): CheckResult[] {
  return [
    {
      id: 'config.file',
      title: 'MCP client config file',
      area: 'config',
      section: GUIDE.configuration,
      status: 'pass',
      message: 'server "jamfmcp" in ~/claude_desktop_config.json sets JAMF_URL',
      durationMs: 3,
    },
    {
      id: 'config.auth-type',
      title: 'Authentication type',
      area: 'config',
      section: GUIDE.invalidAuthType,
      status: 'fail',
      message: "Invalid JAMF_AUTH_TYPE. Must be 'basic' or 'client_credentials' (JAMF_AUTH_TYPE (environment) is \"oauth\")",
      fix: {
        steps: ['Set JAMF_AUTH_TYPE in JAMF_AUTH_TYPE (environment) to "client_credentials" or "basic".', 'Restart the MCP client after changing its configuration.'],
        commands: ['"env": {\n  "JAMF_AUTH_TYPE": "client_credentials"\n}'],
      },
      details: { source: 'env' },
      durationMs: 1,
    },
    {
      id: 'config.credentials',
      title: 'Credentials | present',
      area: 'config',
      section: GUIDE.missingVariables,
      status: 'warn',
      message: 'JAMF_CLIENT_ID (environment) has leading or trailing whitespace | check it',
      fix: { steps: ['Remove the spaces or line breaks around the value of JAMF_CLIENT_ID (environment).'] },
      durationMs: 2,
    },
    {
      id: 'url.format',
      title: 'Server URL format',
      area: 'url',
      section: GUIDE.serverUrl,
      status: 'error',
      message: 'internal error in the doctor while running this check: x < y & z',
      fix: { steps: ['This is a bug in jamfmcp doctor.', 'Re-run with --debug and attach the output.'] },
      details: { error: 'TypeError' },
      durationMs: 4,
    },
    {
      id: 'network.reach',
      title: 'Server reachable',
      area: 'network',
      section: GUIDE.serverUrl,
      status: 'skip',
      message: 'not run: needs url.format, which broke',
      details: { blockedBy: 'url.format' },
      durationMs: 0,
    },
  ];
}

function meta(overrides: Partial<ReportMeta> = {}): ReportMeta {
  return {
    version: '9.8.7',
    startedAt: new Date('2024-05-06T07:08:09.000Z'),
    durationMs: 1234.4,
    strict: false,
    target: fakeTarget(),
    url: 'https://jamf.example.com',
    urlRole: 'jamfmcp',
    authType: 'client_credentials',
    authTypeInferred: false,
    ...overrides,
  };
}

const unXml = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
/** Undo the Markdown renderer's escapes: pipes, brackets and backslashes, HTML entities, URLs as code. */
const unMarkdown = (s: string): string =>
  s
    .replace(/\\([|[\]\\])/g, '$1')
    .replace(/`((?:https?|ftp|file):\/\/[^`\s]+|www\.[^`\s]+)`/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function renderAll(report: Report): Record<'text' | 'json' | 'markdown' | 'junit', string> {
  return {
    // Unwrapped (very wide), so that every message is on one line to find.
    text: renderText(report, { colorLevel: 0, verbose: false, width: 100_000 }),
    json: renderJson(report),
    markdown: renderMarkdown(report),
    junit: renderJunit(report),
  };
}

describe('buildReport', () => {
  it('summarises, computes the exit code and keeps every check', () => {
    const report = buildReport(results(), meta());
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(report.tool, { name: 'jamfmcp doctor', version: '9.8.7' });
    assert.equal(report.startedAt, '2024-05-06T07:08:09.000Z');
    assert.equal(report.durationMs, 1234);
    assert.deepEqual(report.summary, { pass: 1, warn: 1, fail: 1, skip: 1, error: 1 });
    assert.equal(report.exitCode, 1);
    assert.equal(report.ok, false);
    assert.deepEqual(report.checks.map((c) => c.id), ['config.file', 'config.auth-type', 'config.credentials', 'url.format', 'network.reach']);
    assert.deepEqual(
      report.checks.map((c) => [c.section, c.chapter]),
      [
        ['Authentication Configuration Issues', 'Authentication Configuration Issues'],
        ['Invalid Authentication Type', 'Common Authentication Errors'],
        ['Missing Environment Variables', 'Authentication Configuration Issues'],
        ['Invalid Server URL', 'Server URL Issues'],
        ['Invalid Server URL', 'Server URL Issues'],
      ],
    );
    assert.deepEqual(problems(report).map((c) => c.id), ['config.auth-type', 'config.credentials', 'url.format']);
  });

  it('drops the engine-internal recoverable, keeps notApplicable (added in 0.3)', () => {
    const list = results();
    const first = list[0];
    assert.ok(first);
    list[0] = { ...first, status: 'fail', recoverable: true, notApplicable: true };
    const check = buildReport(list, meta()).checks[0];
    assert.ok(check);
    assert.ok(!('recoverable' in check));
    assert.equal(check.notApplicable, true);
    assert.ok(!('notApplicable' in (buildReport(results(), meta()).checks[1] ?? {})), 'absent, not false, when it applies');
  });

  const EXITS: Array<[string, CheckResult['status'][], boolean, number, boolean]> = [
    ['warnings only', ['pass', 'warn'], false, 0, true],
    ['warnings only, strict', ['pass', 'warn'], true, 1, false],
    ['error only', ['pass', 'error'], false, 3, false],
    ['skips only', ['skip', 'skip'], false, 0, true],
  ];
  for (const [name, statuses, strict, exitCode, ok] of EXITS) {
    it(`${name} → exitCode ${exitCode}, ok ${ok}`, () => {
      const base = results()[0];
      assert.ok(base);
      const list = statuses.map((status, i) => ({ ...base, id: `c.${i}`, status }));
      const report = buildReport(list, meta({ strict }));
      assert.equal(report.exitCode, exitCode);
      assert.equal(report.ok, ok);
      assert.equal(report.strict, strict);
    });
  }

  it('records sources, and "inferred" for an inferred auth type', () => {
    const target = fakeTarget();
    target.values = {
      url: { value: 'x', source: 'config:~/c.json', where: 'JAMF_URL in ~/c.json line 3' },
      clientId: { value: 'y', source: 'env', where: 'JAMF_CLIENT_ID (environment)' },
      clientSecret: { value: 'z', source: 'prompt', where: 'JAMF_CLIENT_SECRET (typed at the prompt)' },
    };
    const report = buildReport([], meta({ target, authTypeInferred: true }));
    assert.deepEqual(report.target.sources, { url: 'config:~/c.json', clientId: 'env', clientSecret: 'prompt', authType: 'inferred' });
    const none = buildReport([], meta({ url: undefined, urlRole: undefined, authType: undefined, authTypeInferred: true }));
    assert.equal(none.target.url, null);
    assert.equal(none.target.authType, null);
    assert.equal(none.target.urlRole, null);
    assert.deepEqual(none.target.sources, {});
    // Added in this version: which JamfMCP is judged, and whose environment.
    assert.deepEqual(none.target.jamfmcp, { version: '1.0.2', requested: null, source: 'no-entry', reason: 'newest known', warning: null, entryPoint: 'unknown' });
    assert.equal(none.target.environment.mode, 'shell');
    assert.deepEqual(none.target.connectTo, []);
  });

  it('summarise counts each status', () => {
    assert.deepEqual(summarise([{ status: 'pass' }, { status: 'pass' }, { status: 'error' }]), { pass: 2, warn: 0, fail: 0, skip: 0, error: 1 });
  });
});

describe('renderers: parity', () => {
  const report = buildReport(results(), meta());
  const outputs = renderAll(report);
  const decoded = {
    text: outputs.text,
    json: outputs.json,
    markdown: unMarkdown(outputs.markdown),
    junit: unXml(outputs.junit),
  };

  /** Text and Markdown list a check that did not run because of another only as a count under that one. */
  const listed = (format: string, c: ReportCheck): boolean => format === 'junit' || c.details?.blockedBy === undefined;
  for (const format of ['text', 'markdown', 'junit'] as const) {
    it(`${format}: every listed check's id and the message of every one that did not pass appears; the rest are counted`, () => {
      for (const c of report.checks) {
        if (!listed(format, c)) {
          assert.ok(decoded[format].includes(`1 check not run: it needs ${String(c.details?.blockedBy)}`), `${format} counts ${c.id}`);
          assert.ok(!decoded[format].includes(c.id), `${format} does not list ${c.id}`);
          continue;
        }
        assert.ok(decoded[format].includes(c.id), `${format} has ${c.id}`);
        if (c.status !== 'pass') assert.ok(decoded[format].includes(c.message), `${format} has the message of ${c.id}: ${c.message}`);
      }
    });
    it(
      `${format}: the message of a passing check appears`,
      {},
      () => {
        for (const c of report.checks.filter((x) => x.status === 'pass')) {
          assert.ok(decoded[format].includes(c.message), `${format} has the message of ${c.id}: ${c.message}`);
        }
      },
    );
    it(`${format}: every fix step and command line of every problem appears`, () => {
      for (const c of problems(report)) {
        for (const step of c.fix?.steps ?? []) assert.ok(decoded[format].includes(step), `${format}: ${c.id} step "${step}"`);
        for (const command of c.fix?.commands ?? []) {
          for (const line of command.split('\n')) assert.ok(decoded[format].includes(line), `${format}: ${c.id} command line "${line}"`);
        }
      }
    });
    it(`${format}: names the guide section of every problem`, () => {
      for (const c of problems(report)) assert.ok(decoded[format].includes(c.section), `${format}: ${c.section}`);
    });
  }

  it('json: every check id, message and fix is there exactly', () => {
    const parsed = JSON.parse(outputs.json) as Report;
    assert.deepEqual(
      parsed.checks.map((c) => [c.id, c.message, c.fix]),
      report.checks.map((c) => [c.id, c.message, c.fix]),
    );
  });

  it('text: every listed title appears, no colour codes at level 0', () => {
    for (const c of report.checks.filter((x) => listed('text', x))) assert.ok(outputs.text.includes(c.title), c.title);
    assert.ok(!outputs.text.includes('\u001b['), 'no ANSI escapes');
  });
});

describe('renderJson', () => {
  const report = buildReport(results(), meta());
  const json = renderJson(report);
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const SPEC_KEYS = ['schemaVersion', 'tool', 'startedAt', 'durationMs', 'target', 'summary', 'ok', 'checks'];
  const EXTRA_KEYS = ['environment', 'strict', 'exitCode'];

  it('has schemaVersion 1 and exactly the spec keys plus the documented extras', () => {
    assert.equal(parsed.schemaVersion, 1);
    assert.deepEqual(Object.keys(parsed).sort(), [...SPEC_KEYS, ...EXTRA_KEYS].sort());
  });

  it('has the spec shapes of tool, target, summary and checks', () => {
    assert.deepEqual(parsed.tool, { name: 'jamfmcp doctor', version: '9.8.7' });
    assert.deepEqual(Object.keys(parsed.target as object).sort(), ['authType', 'connectTo', 'environment', 'jamfmcp', 'sources', 'url', 'urlRole']);
    assert.deepEqual(parsed.summary, { pass: 1, warn: 1, fail: 1, skip: 1, error: 1 });
    assert.equal(parsed.ok, false);
    assert.equal(typeof parsed.startedAt, 'string');
    assert.equal(typeof parsed.durationMs, 'number');
    const allowed = new Set(['id', 'title', 'section', 'status', 'message', 'fix', 'details', 'durationMs', 'area', 'chapter']);
    for (const c of parsed.checks as Array<Record<string, unknown>>) {
      for (const key of ['id', 'title', 'section', 'status', 'message', 'durationMs']) assert.ok(key in c, `${String(c.id)} has ${key}`);
      for (const key of Object.keys(c)) assert.ok(allowed.has(key), `${String(c.id)}: unexpected key ${key}`);
    }
    const withoutFix = (parsed.checks as Array<Record<string, unknown>>).find((c) => c.id === 'config.file');
    assert.ok(withoutFix && !('fix' in withoutFix) && !('details' in withoutFix), 'optional keys absent, not null');
  });

  it('is one JSON document ending with a newline', () => {
    assert.ok(json.endsWith('}\n'));
    assert.doesNotThrow(() => JSON.parse(json));
  });
});

describe('renderText', () => {
  const report = buildReport(results(), meta());
  const text = renderText(report, { colorLevel: 0, verbose: false });

  it('follows the run order, grouped by area, each group naming its guide sections', () => {
    const lines = text.split('\n');
    const headingAt = (name: string): number => lines.findIndex((l) => l.startsWith(`${name} · guide: `));
    const config = headingAt('Configuration');
    const url = headingAt('Server URL');
    assert.ok(config > 0 && url > config, `${config} ${url}`);
    assert.equal(`${lines[config]} ${lines[config + 1]?.trim()}`, 'Configuration · guide: Authentication Configuration Issues; Invalid Authentication Type; Missing Environment Variables');
    const lineOf = (id: string): number => lines.findIndex((l) => l.includes(` ${id} `));
    // config.auth-type walks a section of another chapter, but runs with the configuration.
    assert.ok(lineOf('config.file') > config && lineOf('config.auth-type') > config && lineOf('config.credentials') < url);
    assert.ok(lineOf('url.format') > url);
  });

  it('collapses the checks that did not run because of one failure into one line under it', () => {
    assert.ok(!text.includes('network.reach'));
    const lines = text.split('\n');
    const failure = lines.findIndex((l) => l.includes('‼ url.format'));
    const collapsed = lines.findIndex((l) => l === '    ○ 1 check not run: it needs url.format');
    assert.ok(failure > 0 && collapsed > failure, `${failure} ${collapsed}`);
  });

  it('leaves not-applicable checks out', () => {
    const list = results();
    const first = list[0];
    assert.ok(first);
    list.push({ ...first, id: 'mcp.key', area: 'mcp', status: 'skip', message: 'no MCP client config given', notApplicable: true });
    const out = renderText(buildReport(list, meta()), { colorLevel: 0, verbose: false });
    assert.ok(!out.includes('mcp.key'));
    assert.ok(!out.includes('MCP client entry'), 'no heading for an area with nothing to show');
  });

  it('marks each status and shows the fix under problems only', () => {
    assert.match(text, /✔ config\.file  MCP client config file: server/);
    assert.match(text, /✖ config\.auth-type/);
    assert.match(text, /! config\.credentials/);
    assert.match(text, /‼ url\.format/);
    assert.equal((text.match(/Fix:/g) ?? []).length, 3);
    assert.ok(text.includes('Guide: "Invalid Authentication Type"'));
  });

  it('has a summary line and a verdict', () => {
    assert.match(text, /Summary: 1 passed, 1 warning, 1 failed, 1 skipped, 1 broke \(1234 ms\)/);
    assert.match(text, /3 problems found: follow the fixes above, in order\./);
    assert.ok(text.startsWith("jamfmcp doctor 9.8.7 · https://jamf.example.com · client_credentials\njudged as JamfMCP 1.0.2 (newest known) · environment: this shell's (no MCP\n  entry)\n"), text.split('\n').slice(0, 3).join('\n'));
  });

  it('wraps to the width with a hanging indent, never splitting a word, never wrapping a command', () => {
    for (const width of [80, 100, 120]) {
      const out = renderText(report, { colorLevel: 0, verbose: false, width });
      const commandLines = new Set(report.checks.flatMap((c) => (c.fix?.commands ?? []).flatMap((cmd) => cmd.split('\n'))));
      for (const line of out.split('\n')) {
        if ([...commandLines].some((cmd) => cmd !== '' && line.trimStart() === cmd)) continue;
        assert.ok(line.length <= width, `${width}: ${line.length} > width: ${line}`);
      }
      // Joined back, the words are the same as unwrapped.
      const words = (t: string): string[] => t.split(/\s+/).filter(Boolean);
      assert.deepEqual(words(out), words(renderText(report, { colorLevel: 0, verbose: false, width: 100_000 })));
    }
    const narrow = renderText(report, { colorLevel: 0, verbose: false, width: 80 }).split('\n');
    const at = narrow.findIndex((l) => l.startsWith('    1. '));
    assert.ok(at > 0);
  });

  it('shows details only when verbose', () => {
    assert.ok(!text.includes('source: env'));
    const verbose = renderText(report, { colorLevel: 0, verbose: true });
    assert.ok(verbose.includes('source: env'));
    assert.match(verbose, /config\.auth-type [^]*\[1\u00a0ms\]/);
  });

  it('colours at level > 0 with a chalk instance, and never without one', async () => {
    const { Chalk } = await import('chalk');
    assert.ok(renderText(report, { colorLevel: 1, verbose: false, chalk: new Chalk({ level: 1 }) }).includes('\u001b['));
    assert.ok(!renderText(report, { colorLevel: 1, verbose: false }).includes('\u001b['));
  });

  it('says so when there is nothing wrong', () => {
    const base = results()[0];
    assert.ok(base);
    const clean = renderText(buildReport([base], meta()), { colorLevel: 0, verbose: false });
    assert.match(clean, /No problems found\./);
    assert.match(clean, /Summary: 1 passed, 0 warnings, 0 failed, 0 skipped/);
    assert.ok(!clean.includes('broke'));
  });
});

describe('renderMarkdown', () => {
  const report = buildReport(results(), meta({ strict: true }));
  const md = renderMarkdown(report);
  const unescapedPipes = (line: string): number => (line.replace(/\\\|/g, '').match(/\|/g) ?? []).length;

  it('escapes | in table cells: every results row has exactly 5 cell delimiters', () => {
    const row = md.split('\n').find((l) => l.includes('`config.credentials`') && l.startsWith('|'));
    assert.ok(row, 'results row for config.credentials');
    assert.ok(row.includes('Credentials \\| present'));
    assert.ok(row.includes('whitespace \\| check it'));
    assert.equal(unescapedPipes(row), 5);
    const header = md.split('\n').findIndex((l) => l === '| Status | Check | Guide section | Result |');
    assert.ok(header > 0);
    const rows = md.split('\n').slice(header + 2, header + 2 + report.checks.length);
    assert.equal(rows.length, 5);
    assert.ok(rows.some((r) => r.includes('1 check not run: it needs `url.format`') || r.includes('1 check not run: it needs url.format')), rows.join('\n'));
    for (const r of rows) assert.equal(unescapedPipes(r), 5, r);
  });

  it('escapes HTML, link brackets and URLs in prose (server text must stay inert)', () => {
    assert.ok(md.includes('x &lt; y &amp; z'));
    assert.ok(!md.includes('x < y'));
  });

  it('is a self-contained support attachment: environment, target, summary, fixes', () => {
    assert.ok(md.startsWith('# jamfmcp doctor report\n'));
    assert.ok(md.includes(`| Node.js | ${process.version} |`));
    assert.match(md, /\| OS \| \S+ .+ \(\S+\) \|/);
    assert.ok(md.includes('| Server URL | `https://jamf.example.com` | — |'));
    assert.match(md, /\*\*1 passed, 1 warning, 1 failed, 1 skipped, 1 broke\*\* — exit code 1 \(strict: warnings fail\)/);
    assert.equal((md.match(/^### /gm) ?? []).length, 3, 'one section per problem');
    assert.ok(md.includes('```\n"env": {\n  "JAMF_AUTH_TYPE": "client_credentials"\n}\n```'));
    assert.ok(md.includes('<details><summary>Details</summary>'));
  });

  it('says None when there are no problems', () => {
    const base = results()[0];
    assert.ok(base);
    assert.match(renderMarkdown(buildReport([base], meta())), /## Problems and fixes\n\nNone\.\n/);
  });
});

describe('renderJunit', () => {
  const attr = (xml: string, tag: string, name: string): string | undefined => new RegExp(`<${tag} [^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];
  const count = (xml: string, pattern: RegExp): number => (xml.match(pattern) ?? []).length;

  for (const strict of [false, true]) {
    it(`counts match the testcases (strict=${strict})`, () => {
      const report = buildReport(results(), meta({ strict }));
      const xml = renderJunit(report);
      const failures = strict ? 2 : 1;
      for (const tag of ['testsuites', 'testsuite']) {
        assert.equal(attr(xml, tag, 'tests'), '5', `${tag} tests`);
        assert.equal(attr(xml, tag, 'failures'), String(failures), `${tag} failures`);
        assert.equal(attr(xml, tag, 'errors'), '1', `${tag} errors`);
        assert.equal(attr(xml, tag, 'skipped'), '1', `${tag} skipped`);
        assert.equal(attr(xml, tag, 'time'), '1.234', `${tag} time`);
      }
      assert.equal(count(xml, /<testcase /g), 5);
      assert.equal(count(xml, /<failure /g), failures);
      assert.equal(count(xml, /<error /g), 1);
      assert.equal(count(xml, /<skipped /g), 1);
      if (strict) {
        assert.match(xml, /<failure type="warn" message="JAMF_CLIENT_ID \(environment\) has leading/);
        assert.ok(!xml.includes('<system-out>WARNING:'));
      } else {
        assert.match(xml, /<system-out>WARNING: JAMF_CLIENT_ID \(environment\) has leading/);
        assert.ok(!xml.includes('type="warn"'));
      }
    });
  }

  it('names each testcase by id and title with the area as classname', () => {
    const xml = renderJunit(buildReport(results(), meta()));
    assert.ok(xml.includes('<testcase classname="jamfmcp.doctor.config" name="config.auth-type: Authentication type" time="0.001">'));
    assert.ok(xml.includes('<testcase classname="jamfmcp.doctor.config" name="config.file: MCP client config file" time="0.003">'));
  });

  it('escapes markup, shows control characters escaped (the model) and drops what XML cannot carry', () => {
    const list = results();
    const fail = list[1];
    assert.ok(fail);
    list[1] = { ...fail, message: 'bad \u0000nul \u0007bel \u001besc \ufffe \ud800 <tag> & "q" \'a\'', title: 'T\u0001itle' };
    const xml = renderJunit(buildReport(list, meta()));
    assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml), 'no raw control characters');
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(xml), 'no lone surrogates');
    assert.ok(xml.includes('message="bad \\x00nul \\x07bel \\x1besc   &lt;tag&gt; &amp; &quot;q&quot; &apos;a&apos;"'), xml);
    assert.ok(xml.includes('name="config.auth-type: Title"'));
  });

  it('is well formed: tags balance, attributes carry no raw < or &', () => {
    const xml = renderJunit(buildReport(results(), meta({ strict: true })));
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
    const stack: string[] = [];
    for (const match of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([a-zA-Z-]+)([^>]*?)(\/?)>/g)) {
      const [, closing, name = '', attrs = '', selfClosing] = match;
      assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(attrs), `raw & in ${name}`);
      if (closing) assert.equal(stack.pop(), name, `closing ${name}`);
      else if (!selfClosing) stack.push(name);
    }
    assert.deepEqual(stack, []);
    const textOnly = xml.replace(/<[^>]*>/g, '');
    assert.ok(!textOnly.includes('<'));
    assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(textOnly), 'no raw & in text');
  });
});

describe('render(): redaction is the last step, in every format', () => {
  for (const format of FORMATS) {
    it(`${format}: a secret that reached a message is redacted`, async () => {
      const secrets = new Secrets();
      secrets.add('hunter22-secret');
      const list = results();
      const fail = list[1];
      assert.ok(fail);
      list[1] = { ...fail, message: 'leaked hunter22-secret here' };
      const out = await render(buildReport(list, meta()), format, { colorLevel: 0, verbose: true, redact: (t) => secrets.redact(t) });
      assert.ok(!out.includes('hunter22-secret'));
      // Markdown escapes the marker's brackets (it renders as [REDACTED]).
      assert.ok(out.includes(format === 'markdown' ? 'leaked \\[REDACTED\\] here' : 'leaked [REDACTED] here'), out);
    });
  }

  for (const format of ['markdown', 'junit'] as const) {
    it(
      `${format}: a secret with markup characters is redacted in its escaped form too`,
      async () => {
        const secret = 'pa<ss|w&rd';
        const secrets = new Secrets();
        secrets.add(secret);
        const list = results();
        const fail = list[1];
        assert.ok(fail);
        list[1] = { ...fail, message: `leaked ${secret} here` };
        const out = await render(buildReport(list, meta()), format, { colorLevel: 0, verbose: false, redact: (t) => secrets.redact(t) });
        const decoded = format === 'junit' ? unXml(out) : unMarkdown(out);
        assert.ok(!decoded.includes(secret), `${format} leaks the secret in escaped form`);
      },
    );
  }
});
