/**
 * The leak guard guards itself: the scanner finds whole secrets, 8-character slices and escaped
 * forms without ever naming them; runCli rejects a run whose stdout, stderr or --output file holds a
 * secret it was given or one a fake Jamf Pro registered; a doctor request carrying credentials over
 * plain http fails the next run; and the opt-outs do what they say.
 *
 * Runs `jamfmcp doctor --help`, whose text is fixed, with "secrets" chosen to overlap it.
 * Suites run in order: the last one registers a fake's password for the rest of this process.
 */
import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeJamf } from './fake-jamf.js';
import { assertNoCredentialsOverHttp, assertNoCredentialsReceived, runCli } from './run-cli.js';
import { findSecretLeaks, secretForms, slicesOf, takeCredentialViolations } from './secrets-registry.js';

/** Appears in `jamfmcp doctor --help` ("Walk the authentication troubleshooting guide …"). */
const IN_HELP = 'troubleshooting';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-leak-guard-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The run must be rejected by the guard, naming `kind` and `where` but never the secret. */
async function rejectedFor(run: Promise<unknown>, secret: string, kind: RegExp, where: RegExp): Promise<void> {
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof AssertionError, `not an AssertionError: ${String(error)}`);
    assert.match(error.message, /^leak guard:/);
    assert.match(error.message, kind);
    assert.match(error.message, where);
    for (const slice of [secret, ...slicesOf(secret)]) assert.ok(!error.message.includes(slice), 'the finding repeats the secret');
    return true;
  });
}

describe('the scanner', () => {
  const secret = { kind: 'test secret', value: 'Zq9-very-Secret-Value!' };

  it('finds the whole value, any 8-character slice and the escaped forms; ignores 7 characters', () => {
    const at = (text: string): string[] => findSecretLeaks([{ where: 'x', text }], [secret]).map((f) => f.kind);
    assert.deepEqual(at('nothing here'), []);
    assert.deepEqual(at(`a ${secret.value} b`), ['test secret']);
    assert.deepEqual(at(`…${secret.value.slice(5, 13)}…`), ['test secret']);
    assert.deepEqual(at(secret.value.slice(3, 10)), [], '7 characters are not a finding');
    assert.deepEqual(at('Zq9-ver, Value! and -very-S'), [], 'shares only 7-character runs with it');
    const quoted = { kind: 'quoted', value: 'pa"ss\\word-xyz' };
    assert.deepEqual(findSecretLeaks([{ where: 'json', text: JSON.stringify({ v: quoted.value }) }], [quoted]).map((f) => f.kind), ['quoted']);
    assert.deepEqual(findSecretLeaks([{ where: 'url', text: `x=${encodeURIComponent('p&ss wörd!')}` }], [{ kind: 'encoded', value: 'p&ss wörd!' }]).map((f) => f.kind), ['encoded']);
  });

  it('searches for 3- to 7-character secrets whole, and not at all below 3', () => {
    assert.equal(findSecretLeaks([{ where: 'x', text: 'the pin is 4711.' }], [{ kind: 'pin', value: '4711' }]).length, 1);
    assert.equal(findSecretLeaks([{ where: 'x', text: 'ab ab' }], [{ kind: 'tiny', value: 'ab' }]).length, 0);
  });

  it('names the kind, the place and the offset, never the secret or the slice', () => {
    const [finding] = findSecretLeaks([{ where: 'stdout', text: `…${secret.value.slice(4, 14)}…` }], [secret]);
    assert.ok(finding);
    assert.equal(finding.where, 'stdout');
    const shown = `${finding.kind} ${finding.how}`;
    for (const slice of slicesOf(secret.value)) assert.ok(!shown.includes(slice));
  });

  it('secretForms covers raw, JSON-escaped, URL-encoded and XML-escaped forms', () => {
    const hows = secretForms('a"b<c>&d é').map((f) => f.how);
    for (const how of ['raw', 'JSON-escaped', 'URL-encoded', 'XML-escaped']) assert.ok(hows.includes(how), how);
  });
});

describe('runCli runs the guard after every run', () => {
  it('a JAMF_PASSWORD (environment) slice on stdout rejects the run', () =>
    rejectedFor(runCli(['doctor', '--help'], { env: { JAMF_PASSWORD: `pw-${IN_HELP}-pw` } }), IN_HELP, /JAMF_PASSWORD \(environment\)/, /in stdout/));

  it('a --client-secret value rejects the run, and the arguments are shown with the value replaced', async () => {
    const secret = `${IN_HELP}-cs-9f3k`;
    await rejectedFor(runCli(['doctor', '--help', '--client-secret', secret]), secret, /--client-secret value/, /--client-secret <--client-secret value>/);
  });

  it('a password inside HTTPS_PROXY rejects the run', () =>
    rejectedFor(runCli(['doctor', '--help'], { env: { HTTPS_PROXY: `http://proxyuser:${IN_HELP}-proxy@127.0.0.1:9` } }), `${IN_HELP}-proxy`, /proxy password in HTTPS_PROXY/, /in stdout/));

  it('a JAMF_CLIENT_SECRET in the --config file rejects the run', async () => {
    const path = join(dir, 'config.json');
    await writeFile(path, JSON.stringify({ mcpServers: { jamfmcp: { env: { JAMF_CLIENT_SECRET: `${IN_HELP}-in-file` } } } }));
    await rejectedFor(runCli(['doctor', '--help', '--config', path]), `${IN_HELP}-in-file`, /JAMF_CLIENT_SECRET in the --config file/, /in stdout/);
  });

  it('the --output file is scanned too', async () => {
    // The doctor redacts the whole value; an 8-character slice of it ("Server U") still shows.
    const out = join(dir, 'report.md');
    const secret = 'zz-Server URL format-zz';
    await rejectedFor(
      runCli(['doctor', 'url', '--url', 'https://jamf.example.com', '--format', 'markdown', '--output', out], { env: { JAMF_CLIENT_SECRET: secret } }),
      secret,
      /JAMF_CLIENT_SECRET \(environment\)/,
      /in the --output file/,
    );
    assert.match(await readFile(out, 'utf8'), /Server URL format/, 'control: the file holds the text');
  });

  it('opt-outs: notSecret exempts one value, leakGuard: false turns the guard off', async () => {
    const value = `pw-${IN_HELP}-pw`;
    const exempt = await runCli(['doctor', '--help'], { env: { JAMF_PASSWORD: value }, notSecret: [value] });
    assert.equal(exempt.code, 0);
    const off = await runCli(['doctor', '--help'], { env: { JAMF_PASSWORD: value }, leakGuard: false });
    assert.equal(off.code, 0);
  });

  it('a clean run passes', async () => {
    const r = await runCli(['doctor', '--help'], { env: { JAMF_PASSWORD: 'not-in-the-help-text-0' } });
    assert.equal(r.code, 0);
  });
});

describe('credentials on the wire', () => {
  it('a doctor request carrying credentials to a plain-http fake fails the next run; assertNoCredentialsOverHttp names it', async () => {
    const fake = await startFakeJamf({ tls: false });
    try {
      takeCredentialViolations();
      const res = await fetch(`${fake.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'user-agent': 'jamfmcp-doctor/0.0.0-test', authorization: `Basic ${Buffer.from('api-user:Sup3r-Secret-Pass!').toString('base64')}` },
      });
      await res.arrayBuffer();
      await assert.rejects(runCli(['--version']), /leak guard: the doctor sent credentials over plain http[\s\S]*POST \/api\/v1\/auth\/token/);
      assert.throws(() => assertNoCredentialsOverHttp(fake), /credentials reached .* over plain http[\s\S]*Authorization header \(Basic\)/);
      assert.throws(() => assertNoCredentialsReceived(fake), /credentials reached/);
      const again = await runCli(['--version']);
      assert.equal(again.code, 0, 'a violation is reported once');
    } finally {
      await fake.close();
    }
  });

  it('an https fake receiving credentials is fine for assertNoCredentialsOverHttp, not for assertNoCredentialsReceived', async () => {
    const fake = await startFakeJamf();
    try {
      fake.requests.push({ method: 'POST', path: '/api/v1/oauth/token', headers: {}, body: 'grant_type=client_credentials&client_secret=x', secure: true, remotePort: 1, at: Date.now() });
      assertNoCredentialsOverHttp(fake);
      assert.throws(() => assertNoCredentialsReceived(fake), /client_secret in the body/);
    } finally {
      await fake.close();
    }
  });
});

describe('secrets registered by a fake (last: they stay registered for the rest of this process)', () => {
  it("a fake user's password in the output rejects a run that never talked to the fake", async () => {
    const password = `fk-${IN_HELP}-7q`;
    const fake = await startFakeJamf({ users: { username: 'someone', password } });
    try {
      await rejectedFor(runCli(['doctor', '--help']), password, /fake Jamf user password \(someone\)/, /in stdout/);
    } finally {
      await fake.close();
    }
  });
});
