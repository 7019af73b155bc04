/**
 * The target, derived with real temp config files: precedence flag > prompt > JamfMCP's
 * environment (the entry's env block plus what its client passes on), the `where` pointers,
 * shadowed values, values the client does not pass, secret flags and the secrets registered for
 * redaction as values are resolved.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { deriveTarget, displayPath, emptySpec, type FlagValues, type Target } from '../../src/config/target.js';
import { Secrets } from '../../src/config/secrets.js';

const R = '[REDACTED]';

/** Derive a target from flags alone (the old resolveConfig call shape). */
function resolveConfig(flags: FlagValues, env: Record<string, string | undefined>, secrets: Secrets): Promise<Target> {
  return deriveTarget(emptySpec(flags), env, secrets, { platform: 'linux' });
}

const CONFIG = [
  '{', // 1
  '  "mcpServers": {', // 2
  '    "jamfmcp": {', // 3
  '      "command": "uvx",', // 4
  '      "args": ["jamfmcp"],', // 5
  '      "env": {', // 6
  '        "JAMF_URL": "https://file.example.com",', // 7
  '        "JAMF_AUTH_TYPE": "basic",', // 8
  '        "JAMF_USERNAME": "file-user",', // 9
  '        "JAMF_PASSWORD": "file-password-1"', // 10
  '      }',
  '    },',
  '    "staging": {',
  '      "env": {',
  '        "JAMF_URL": "https://staging.example.com",', // 15
  '        "JAMF_CLIENT_SECRET": "staging-secret-4"', // 16
  '      }',
  '    }',
  '  }',
  '}',
].join('\n');

describe('deriveTarget', () => {
  let dir = '';
  let path = '';
  let shown = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jamfmcp-unit-resolve-'));
    path = join(dir, 'claude_desktop_config.json');
    await writeFile(path, CONFIG);
    shown = displayPath(path);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('environment only: every value from env, with its variable as `where`', async () => {
    const secrets = new Secrets();
    const env = { JAMF_URL: 'env.example.com', JAMF_AUTH_TYPE: 'client_credentials', JAMF_CLIENT_ID: 'env-id', JAMF_CLIENT_SECRET: 'env-secret-9', PATH: '/bin' };
    const config = await resolveConfig({}, env, secrets);
    assert.deepEqual(config.values.url, { value: 'env.example.com', source: 'env', where: 'JAMF_URL (environment)' });
    assert.deepEqual(config.values.clientSecret, { value: 'env-secret-9', source: 'env', where: 'JAMF_CLIENT_SECRET (environment)' });
    assert.equal(config.values.username, undefined);
    assert.equal(config.configFile, undefined);
    assert.deepEqual(config.secretFlags, []);
    assert.deepEqual(config.shadowed, []);
    assert.equal(secrets.redact('env-secret-9'), R);
  });

  it('flag > config file > env, with where, shadowed and secretFlags', async () => {
    const secrets = new Secrets();
    const env = {
      JAMF_URL: 'https://env.example.com', // differs from the file: shadowed
      JAMF_USERNAME: 'file-user', // same as the file: not shadowed
      JAMF_PASSWORD: 'env-password-3', // the flag wins: not a file shadow
      JAMF_CLIENT_ID: 'env-client-id',
    };
    const config = await resolveConfig({ config: path, password: 'flag-password-2', authType: 'basic' }, env, secrets);
    const fileSource = `config:${shown}`;

    assert.deepEqual(config.values.url, { value: 'https://file.example.com', source: fileSource, where: `JAMF_URL in ${shown} line 7` });
    assert.deepEqual(config.values.authType, { value: 'basic', source: 'flag', where: '--auth-type' });
    assert.deepEqual(config.values.username, { value: 'file-user', source: fileSource, where: `JAMF_USERNAME in ${shown} line 9` });
    assert.deepEqual(config.values.password, { value: 'flag-password-2', source: 'flag', where: '--password' });
    // Claude Desktop passes only a few login variables of its own: the shell's JAMF_CLIENT_ID never reaches JamfMCP.
    assert.equal(config.values.clientId, undefined);
    assert.deepEqual(config.env.notPassed, ['JAMF_CLIENT_ID']);
    assert.equal(config.env.mode, 'entry');
    assert.equal(config.values.clientSecret, undefined);

    assert.deepEqual(config.shadowed, [{ setting: 'url', variable: 'JAMF_URL', used: fileSource, fileShows: 'https://file.example.com', shellShows: 'https://env.example.com' }]);
    assert.deepEqual(config.secretFlags, ['--password']);
    assert.equal(config.configFile?.entry?.name, 'jamfmcp');
    assert.equal(config.configFile?.displayPath, shown);
    assert.equal(config.configFile?.entryProblem, undefined);
  });

  it('registers every secret seen, used or not, and the Basic header form of user:password', async () => {
    const secrets = new Secrets();
    await resolveConfig({ config: path, password: 'flag-password-2' }, { JAMF_PASSWORD: 'env-password-3' }, secrets);
    const basic = Buffer.from('file-user:flag-password-2').toString('base64');
    const text = `flag-password-2 file-password-1 env-password-3 Authorization: Basic ${basic}`;
    assert.equal(secrets.redact(text), `${R} ${R} ${R} Authorization: Basic ${R}`);
    assert.equal(secrets.redact('file-user'), 'file-user', 'the user name alone is not a secret');
  });

  it('registers base64(client_id:client_secret) too', async () => {
    const secrets = new Secrets();
    await resolveConfig({ clientId: 'cid-123', clientSecret: 'csecret-456' }, {}, secrets);
    const header = Buffer.from('cid-123:csecret-456').toString('base64');
    assert.equal(secrets.redact(`Basic ${header}`), `Basic ${R}`);
    assert.equal(secrets.redact('cid-123'), 'cid-123');
  });

  it('--client-secret is recorded as a secret flag', async () => {
    const config = await resolveConfig({ clientSecret: 'csecret-456', username: 'u-flag' }, {}, new Secrets());
    assert.deepEqual(config.secretFlags, ['--client-secret']);
    assert.deepEqual(config.values.username, { value: 'u-flag', source: 'flag', where: '--username' });
  });

  it('--server picks another entry, with its own line numbers', async () => {
    const secrets = new Secrets();
    const config = await resolveConfig({ config: path, server: 'staging' }, { JAMF_USERNAME: 'env-user' }, secrets);
    assert.equal(config.configFile?.entry?.name, 'staging');
    assert.equal(config.values.url?.where, `JAMF_URL in ${shown} line 15`);
    assert.equal(config.values.clientSecret?.where, `JAMF_CLIENT_SECRET in ${shown} line 16`);
    assert.equal(config.values.username, undefined, "Claude Desktop does not pass the shell's JAMF_USERNAME");
    assert.deepEqual(config.env.notPassed, ['JAMF_USERNAME']);
    assert.equal(secrets.redact('staging-secret-4'), R);
  });

  it('an unknown --server leaves an entryProblem and falls back to env', async () => {
    const config = await resolveConfig({ config: path, server: 'prod' }, { JAMF_URL: 'env.example.com' }, new Secrets());
    assert.equal(config.configFile?.entry, undefined);
    assert.equal(config.configFile?.entryProblem, 'has no server entry named "prod" (entries: jamfmcp, staging)');
    assert.equal(config.values.url?.source, 'env');
    assert.deepEqual(config.shadowed, []);
  });

  it('a broken config file is recorded as fatal and env still applies', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{\n  "mcpServers": {\n');
    const config = await resolveConfig({ config: broken }, { JAMF_URL: 'env.example.com' }, new Secrets());
    assert.ok(config.configFile?.fatal);
    assert.equal(config.configFile.fatal.line, 3);
    assert.equal(config.configFile.entry, undefined);
    assert.equal(config.values.url?.value, 'env.example.com');
  });

  it('a missing config file is recorded as fatal', async () => {
    const missing = join(dir, 'missing.json');
    const config = await resolveConfig({ config: missing }, {}, new Secrets());
    assert.equal(config.configFile?.fatal?.message, `${missing} does not exist`);
  });

  it('keeps --ca-file', async () => {
    const config = await resolveConfig({ caFile: '/etc/ssl/jamf-ca.pem' }, {}, new Secrets());
    assert.equal(config.caFile, '/etc/ssl/jamf-ca.pem');
  });

  it('an empty flag still wins over env', async () => {
    const config = await resolveConfig({ url: '' }, { JAMF_URL: 'env.example.com' }, new Secrets());
    assert.deepEqual(config.values.url, { value: '', source: 'flag', where: '--url' });
  });
});

describe('prompted values', () => {
  it('records the prompt as the source and registers the secret and the Basic header form', async () => {
    const secrets = new Secrets();
    const config = await deriveTarget({ ...emptySpec({ username: 'typed-user' }), prompted: { password: 'typed-password-7' } }, {}, secrets);
    assert.deepEqual(config.values.password, { value: 'typed-password-7', source: 'prompt', where: 'JAMF_PASSWORD (typed at the prompt)' });
    const header = Buffer.from('typed-user:typed-password-7').toString('base64');
    assert.equal(secrets.redact(`typed-password-7 ${header}`), `${R} ${R}`);
  });
});

describe('displayPath', () => {
  const home = homedir();
  it('shows the home directory as ~', () => {
    assert.equal(displayPath(join(home, 'Library', 'x.json')), `~${sep}Library${sep}x.json`);
    assert.equal(displayPath(home), '~');
  });
  it('leaves other paths alone', () => {
    assert.equal(displayPath('/etc/jamf/x.json'), home === '/etc' ? '~/jamf/x.json' : '/etc/jamf/x.json');
  });
  it(
    'does not treat a sibling directory that shares the prefix as home',
    () => {
      assert.equal(displayPath(`${home}x${sep}file.json`), `${home}x${sep}file.json`);
    },
  );
});
