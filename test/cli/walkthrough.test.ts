/**
 * The interactive walkthrough: driven through its prompt seam against a real fake Jamf Pro (manual
 * entry → a failure → the user fixes it → re-run → pass), and once for real in a pseudo-terminal.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CLIENT, startFakeJamf } from '../harness/fake-jamf.js';
import { testPki } from '../harness/pki.js';
import { answering, hasScript, inPseudoTerminal } from '../harness/processes.js';
import { deriveTarget, emptySpec, type TargetSpec } from '../../src/config/target.js';
import { parseConnectTo } from '../../src/net/connect-to.js';
import type { FakeJamf } from '../harness/fake-jamf.js';
import { Secrets } from '../../src/config/secrets.js';
import { silentLogger } from '../../src/engine/logger.js';
import { finishReport, runSelection, type RunSettings } from '../../src/cli/doctor.js';
import { walkthrough, type Prompter } from '../../src/cli/walkthrough.js';
import { InterruptedError } from '../../src/cli/prompts.js';
import { compareGolden, escapeRegExp, VOLATILE } from '../harness/golden.js';

let dir: string;
let rootPem: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-walkthrough-'));
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, (await testPki()).root.certPem);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Asked {
  kind: string;
  message: string;
}

/** A prompter that answers from a script, in order, and records what it was asked. */
function scripted(answers: Array<(asked: Asked) => string | boolean>): { prompter: Prompter; asked: Asked[] } {
  const asked: Asked[] = [];
  const next = (kind: string, message: string): string | boolean => {
    const record = { kind, message };
    asked.push(record);
    const answer = answers.shift();
    assert.ok(answer, `unexpected ${kind} prompt: ${message}`);
    return answer(record);
  };
  return {
    asked,
    prompter: {
      select: async <T extends string>(message: string) => next('select', message) as T,
      input: async (message, options) => {
        const value = next('input', message) as string;
        const valid = options?.validate?.(value) ?? true;
        assert.equal(valid, true, `the walkthrough rejected "${value}": ${String(valid)}`);
        return value;
      },
      password: async (message) => next('password', message) as string,
      confirm: async (message) => next('confirm', message) as boolean,
    },
  };
}

/**
 * What doctor.ts hands the walkthrough: JamfMCP's environment is this test's shell, trusting the
 * test CA through SSL_CERT_FILE (what JamfMCP reads), and --connect-to sends its port-443 URL to
 * the fake Jamf Pro.
 */
async function deps(secrets: Secrets, fake: FakeJamf | undefined, shell: Record<string, string> = { SSL_CERT_FILE: rootPem }) {
  const spec: TargetSpec = emptySpec(fake ? { connectTo: [parseConnectTo(fake.connectArgs[1] as string)] } : {});
  const derive = (next: TargetSpec) => deriveTarget(next, shell, secrets);
  const target = await derive(spec);
  const settings: RunSettings = {
    options: { timeout: 5000, format: 'text', color: false } as RunSettings['options'],
    env: shell,
    secrets,
    log: silentLogger,
    version: '0.0.0-test',
    format: 'text',
  };
  return {
    spec,
    target,
    secrets,
    derive,
    run: (checks: Parameters<typeof runSelection>[0]['checks'], active: typeof target) => runSelection({ checks, skipped: new Set() }, active, settings, false),
    render: (run: Awaited<ReturnType<typeof runSelection>>, active: typeof target, format: 'text' | 'markdown') => finishReport(run, active, settings, format),
  };
}

describe('walkthrough (through the prompt seam)', () => {
  it('manual entry → token failure → the user fixes the client → re-run → pass, then saves the report', async () => {
    // The API client does not exist yet: the token step fails until the "administrator" adds it.
    const fake = await startFakeJamf({ clients: [] });
    const reportPath = join(dir, 'ticket.md');
    const out: string[] = [];
    const { prompter, asked } = scripted([
      () => fake.jamfUrl,
      () => DEFAULT_CLIENT.clientId,
      () => DEFAULT_CLIENT.clientSecret,
      ({ message }) => {
        assert.match(message, /^Token: 1 failed\. What now\?$/);
        fake.clients.push({ ...DEFAULT_CLIENT });
        return 'rerun';
      },
      // The re-run asks again for the credentials, pre-filled: Enter keeps them.
      ({ message }) => {
        assert.equal(message, 'API client ID');
        return DEFAULT_CLIENT.clientId;
      },
      ({ message }) => {
        assert.equal(message, 'API client secret (Enter keeps the current one)');
        return '';
      },
      () => true,
      () => reportPath,
    ]);
    try {
      const secrets = new Secrets();
      const code = await walkthrough({ ...(await deps(secrets, fake)), prompter, out: (t) => void out.push(t) });
      assert.equal(code, 0, out.join(''));
      const text = out.join('');
      assert.match(text, /── Configuration ──/);
      assert.match(text, /── Token ──[\s\S]*✖ auth\.token[\s\S]*invalid_client[\s\S]*── Token ──[\s\S]*✔ auth\.token/);
      assert.match(text, /── API privileges ──[\s\S]*✔ privileges/);
      assert.match(text, /Done: \d+ passed, \d+ warnings?, 0 failed/);
      // JamfMCP 1.0.2 knows only API clients: no auth-type question.
      assert.deepEqual(asked.map((a) => a.kind), ['input', 'input', 'password', 'select', 'input', 'password', 'confirm', 'input']);
      const saved = await readFile(reportPath, 'utf8');
      assert.match(saved, /^# jamfmcp doctor report/);
      assert.equal((await stat(reportPath)).mode & 0o777, 0o600);
      for (const leak of [DEFAULT_CLIENT.clientSecret, ...fake.issuedTokens]) {
        assert.ok(!text.includes(leak) && !saved.includes(leak), 'a secret reached the walkthrough output or the report');
      }
    } finally {
      await fake.close();
    }
  });

  it('converges: a URL typed as host:port and a wrong secret are each corrected from inside, until it passes', async () => {
    const fake = await startFakeJamf();
    const out: string[] = [];
    // What the person sees: the walkthrough's output and each question with the answer (secrets as *).
    const transcript: string[] = [];
    const { prompter: answering, asked } = scripted([
      // host:port is taken as https://host:port — which JamfMCP cannot use (it appends :443).
      () => 'localhost:8443',
      () => DEFAULT_CLIENT.clientId,
      () => 'not-the-secret-0000',
      ({ message }) => {
        assert.equal(message, 'Server URL: 1 failed. What now?');
        return 'rerun';
      },
      ({ message }) => {
        assert.match(message, /^Jamf Pro URL/);
        return 'localhost';
      },
      ({ message }) => {
        assert.equal(message, 'Token: 1 failed. What now?');
        return 'rerun';
      },
      () => DEFAULT_CLIENT.clientId,
      () => DEFAULT_CLIENT.clientSecret,
      () => false,
    ]);
    const shown = <T,>(kind: string, message: string, answer: T): T => {
      transcript.push(`? ${message} ${kind === 'password' ? '*'.repeat(8) : String(answer)}\n`);
      return answer;
    };
    const prompter: Prompter = {
      select: async (message, choices) => shown('select', message, await answering.select(message, choices)),
      input: async (message, options) => shown('input', message, await answering.input(message, options)),
      password: async (message) => shown('password', message, await answering.password(message)),
      confirm: async (message, value) => shown('confirm', message, await answering.confirm(message, value)),
    };
    // The machine's NODE_EXTRA_CA_CERTS would show in tls.trust-store's message: not part of this screen.
    const extra = process.env.NODE_EXTRA_CA_CERTS;
    delete process.env.NODE_EXTRA_CA_CERTS;
    try {
      const code = await walkthrough({
        ...(await deps(new Secrets(), fake)),
        prompter,
        out: (t) => {
          out.push(t);
          transcript.push(t);
        },
      });
      const text = out.join('');
      assert.equal(code, 0, text);
      assert.match(text, /── Server URL ──[\s\S]*✖ url\.format[\s\S]*https:\/\/localhost:8443[\s\S]*── Server URL ──[\s\S]*✔ url\.format/);
      assert.match(text, /── Token ──[\s\S]*✖ auth\.token[\s\S]*── Token ──[\s\S]*✔ auth\.token/);
      assert.match(text, /Done: \d+ passed, \d+ warnings?, 0 failed/);
      assert.equal(asked.length, 9);
      assert.ok(!text.includes(DEFAULT_CLIENT.clientSecret) && !text.includes('not-the-secret-0000'));
      // The screens, with the prompts' questions between them, as a golden file (80 columns: not a terminal).
      const port = fake.connectArgs[1]?.split(':').pop() ?? '';
      const screens = [new RegExp(escapeRegExp(dir), 'g'), new RegExp(`127\\.0\\.0\\.1:${port}\\b`, 'g')].reduce(
        (t, pattern, i) => t.replace(pattern, i === 0 ? '/tmp/golden' : '127.0.0.1:PORT'),
        VOLATILE.reduce((t, [pattern, by]) => t.replace(pattern, by), transcript.join('')),
      );
      // Wrapping happens before the temporary folder is replaced: compared where its name has the usual length.
      if (tmpdir() === '/tmp') await compareGolden('walkthrough-rerun.80.txt', screens);
    } finally {
      if (extra !== undefined) process.env.NODE_EXTRA_CA_CERTS = extra;
      await fake.close();
    }
  });

  it('ends with a working setup: values corrected at the prompts are saved into the client entry (secret only when confirmed)', async () => {
    const fake = await startFakeJamf();
    const file = join(dir, 'save', 'claude_desktop_config.json');
    await mkdir(join(dir, 'save'), { recursive: true });
    const env = { JAMF_URL: 'https://localhost:8443', JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: 'wr0ng-Secret-Value-QQQ', SSL_CERT_FILE: rootPem };
    const original = `${JSON.stringify({ globalShortcut: 'Ctrl+Space', mcpServers: { jamfmcp: { command: process.execPath, args: ['-e', ''], env } } }, null, 2)}\n`;
    await writeFile(file, original, { mode: 0o600 });
    const out: string[] = [];
    const { prompter } = scripted([
      ({ message }) => {
        assert.equal(message, 'Server URL: 1 failed. What now?');
        return 'rerun';
      },
      ({ message }) => {
        assert.match(message, /^Jamf Pro URL/);
        return 'localhost';
      },
      ({ message }) => {
        assert.equal(message, 'Token: 1 failed. What now?');
        return 'rerun';
      },
      () => DEFAULT_CLIENT.clientId,
      () => DEFAULT_CLIENT.clientSecret,
      ({ message }) => {
        assert.match(message, /^Also write JAMF_CLIENT_SECRET \(typed here\) into .*claude_desktop_config\.json\?/);
        return true;
      },
      ({ message }) => {
        assert.equal(message, 'Save these settings (a backup is written first)?');
        return true;
      },
      () => false,
    ]);
    try {
      const secrets = new Secrets();
      const base = await deps(secrets, fake);
      const spec = { ...base.spec, flags: { ...base.spec.flags, config: file, server: 'jamfmcp' } };
      const code = await walkthrough({ ...base, spec, target: await base.derive(spec), prompter, out: (t) => void out.push(t) });
      const text = out.join('');
      assert.equal(code, 0, text);
      assert.match(text, /Save into "jamfmcp" in\s[\s\S]*?claude_desktop_config\.json:\n {2}- JAMF_URL: set → https:\/\/localhost\n {2}- JAMF_CLIENT_SECRET: set \(the value you typed; not shown\)\n/);
      assert.ok(!text.includes(DEFAULT_CLIENT.clientSecret) && !text.includes('wr0ng-Secret-Value-QQQ'), 'a secret in the walkthrough output');
      const saved = JSON.parse(await readFile(file, 'utf8')) as { globalShortcut: string; mcpServers: { jamfmcp: { command: string; args: string[]; env: Record<string, string> } } };
      assert.deepEqual(saved, { globalShortcut: 'Ctrl+Space', mcpServers: { jamfmcp: { command: process.execPath, args: ['-e', ''], env: { ...env, JAMF_URL: 'https://localhost', JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret } } } });
      assert.equal((await stat(file)).mode & 0o777, 0o600);
      const backups = (await readdir(join(dir, 'save'))).filter((f) => f.endsWith('.bak'));
      assert.equal(backups.length, 1);
      assert.equal(await readFile(join(dir, 'save', backups[0] as string), 'utf8'), original);
      assert.equal((await stat(join(dir, 'save', backups[0] as string))).mode & 0o777, 0o600);
      // And the saved file now passes as it is, with nothing typed.
      const again = await base.derive({ ...base.spec, flags: { ...base.spec.flags, config: file, server: 'jamfmcp' } });
      assert.equal(again.values.url?.value, 'https://localhost');
    } finally {
      await fake.close();
    }
  });

  it('converges on an untrusted certificate: SSL_CERT_FILE (what JamfMCP reads) typed at the re-run, then passes', async () => {
    const fake = await startFakeJamf();
    const out: string[] = [];
    const { prompter } = scripted([
      () => fake.jamfUrl,
      () => DEFAULT_CLIENT.clientId,
      () => DEFAULT_CLIENT.clientSecret,
      ({ message }) => {
        assert.equal(message, 'TLS certificate: 1 failed. What now?');
        return 'rerun';
      },
      ({ message }) => {
        assert.match(message, /^SSL_CERT_FILE for JamfMCP/);
        return rootPem;
      },
      () => false,
    ]);
    try {
      // This shell trusts only the system's CAs: the test CA is unknown to JamfMCP until SSL_CERT_FILE names it.
      const code = await walkthrough({ ...(await deps(new Secrets(), fake, {})), prompter, out: (t) => void out.push(t) });
      const text = out.join('');
      assert.equal(code, 0, text);
      assert.match(text, /── TLS certificate ──[\s\S]*✖ tls\.certificate[\s\S]*── TLS certificate ──[\s\S]*✔ tls\.certificate/);
      assert.match(text, /SSL_CERT_FILE\), then restart the client/);
    } finally {
      await fake.close();
    }
  });

  it('offers the Jamf entries found in the MCP clients and uses the chosen one (no settings typed)', async () => {
    const fake = await startFakeJamf();
    const file = join(dir, 'claude_desktop_config.json');
    await writeFile(
      file,
      JSON.stringify({ mcpServers: { jamfmcp: { command: process.execPath, args: ['-e', ''], env: { JAMF_URL: fake.jamfUrl, JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret, SSL_CERT_FILE: rootPem } } } }),
    );
    const out: string[] = [];
    const { prompter, asked } = scripted([
      ({ message }) => {
        assert.match(message, /Which JamfMCP configuration/);
        return '0';
      },
      () => false,
    ]);
    try {
      const secrets = new Secrets();
      const base = await deps(secrets, fake);
      const entries = [{ label: `"jamfmcp" in Claude Desktop (user, ${file})`, spec: { ...base.spec, flags: { ...base.spec.flags, config: file, server: 'jamfmcp' } } }];
      const code = await walkthrough({ ...base, entries, prompter, out: (t) => void out.push(t) });
      const text = out.join('');
      assert.match(text, /── MCP client entry ──/, 'the MCP step runs for a chosen config');
      assert.match(text, /server "jamfmcp" in Claude Desktop's/);
      assert.match(text, /── Token ──[\s\S]*✔ auth\.token/);
      assert.deepEqual(asked.map((a) => a.kind), ['select', 'confirm'], 'no URL or credential prompts');
      assert.equal(code, 0, text);
    } finally {
      await fake.close();
    }
  });

  it('"explain more" prints the guide topic; "stop" ends with the verdict', async () => {
    const fake = await startFakeJamf({ clients: [] });
    const out: string[] = [];
    const { prompter } = scripted([
      () => fake.jamfUrl,
      () => DEFAULT_CLIENT.clientId,
      () => 'not-the-secret',
      () => 'explain',
      () => 'stop',
      () => false,
    ]);
    try {
      const code = await walkthrough({ ...(await deps(new Secrets(), fake)), prompter, out: (t) => void out.push(t) });
      assert.equal(code, 1);
      const text = out.join('');
      // Wrapped to 80 columns: compared with its lines joined.
      assert.match(text.replace(/\n\s*/g, ' '), /Client error '401 Unauthorized' for url '…\/api\/oauth\/token' — Jamf Pro rejects the credentials/, 'the topic is titled with what JamfMCP prints');
      assert.match(text, /Possible causes:/);
      assert.doesNotMatch(text, /── API privileges ──/, 'stopped before the privileges step');
    } finally {
      await fake.close();
    }
  });

  it('Ctrl-C at a prompt ends the walkthrough as an interruption', async () => {
    const prompter: Prompter = {
      select: async () => Promise.reject(Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' })),
      input: async () => Promise.reject(Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' })),
      password: async () => '',
      confirm: async () => false,
    };
    await assert.rejects(walkthrough({ ...(await deps(new Secrets(), undefined)), prompter, out: () => {} }), InterruptedError);
  });
});

/** The CLI's walkthrough in a pseudo-terminal, answering each prompt when it appears. */
async function inTerminal(fake: FakeJamf, dialogue: Array<[RegExp, string]>): Promise<{ code: number | null; transcript: string }> {
  const result = await inPseudoTerminal(['doctor', ...fake.connectArgs], { HOME: dir, NO_COLOR: '1', SSL_CERT_FILE: rootPem }, answering(dialogue));
  assert.equal(dialogue.length, 0, `prompts not reached: ${dialogue.map(([p]) => p.source).join(', ')}\n${result.transcript}`);
  return result;
}

describe('walkthrough in a real pseudo-terminal', { skip: hasScript ? false : 'util-linux script(1) is not available' }, () => {
  it('the re-run loop converges: host:port corrected at the prompt, then everything passes', async () => {
    const fake = await startFakeJamf();
    try {
      const { code, transcript } = await inTerminal(fake, [
        [/Jamf Pro URL/, 'localhost:8443\r'],
        [/API client ID/, `${DEFAULT_CLIENT.clientId}\r`],
        [/API client secret/, `${DEFAULT_CLIENT.clientSecret}\r`],
        // The first choice: correct the URL and re-run this step.
        [/Server URL: 1 failed\. What now\?[\s\S]*Correct the URL and re-run this step/, '\r'],
        [/Jamf Pro URL/, 'localhost\r'],
        [/Save a Markdown report/, 'n\r'],
      ]);
      assert.equal(code, 0, transcript);
      assert.match(transcript, /Done: \d+ passed, \d+ warnings?, 0 failed/);
    } finally {
      await fake.close();
    }
  });

  it('Ctrl-C while the spinner runs: the spinner is cleared, the cursor shown, one "interrupted" line, exit 130', async () => {
    // A server slow enough that the run is still spinning when Ctrl-C comes.
    const fake = await startFakeJamf({ delayMs: 30_000 });
    let sent = false;
    const { code, transcript } = await inPseudoTerminal(
      ['doctor', ...fake.connectArgs],
      { HOME: dir, SSL_CERT_FILE: rootPem, JAMF_URL: fake.jamfUrl, JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret },
      (screen, type) => {
        // The spinner is up once a check is being waited for: then Ctrl-C, as a person would.
        if (!sent && /Checking [a-z]/.test(screen)) {
          sent = true;
          type('\u0003');
        }
      },
    );
    await fake.close();
    const tail = JSON.stringify(transcript.slice(-2000));
    assert.ok(sent, `the spinner never showed: ${tail}`);
    assert.equal(code, 130, tail);
    assert.equal((transcript.match(/jamfmcp: interrupted/g) ?? []).length, 1, tail);
    // ora hides the cursor while spinning; the last cursor command must show it again.
    const cursor = [...transcript.matchAll(/\u001b\[\?25([hl])/g)].map((m) => m[1]);
    assert.equal(cursor.at(-1), 'h', tail);
    // Nothing after the interruption line but the shell's own line ending: no spinner frame left behind.
    const after = transcript.slice(transcript.lastIndexOf('jamfmcp: interrupted'));
    assert.doesNotMatch(after, /Checking/);
  });

  it('NO_COLOR governs the spinner too, and --verbose log lines are written above it, never into it', async () => {
    const fake = await startFakeJamf();
    const { code, transcript } = await inPseudoTerminal(['doctor', '--verbose', ...fake.connectArgs], {
      HOME: dir,
      NO_COLOR: '1',
      SSL_CERT_FILE: rootPem,
      JAMF_URL: fake.jamfUrl,
      JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId,
      JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
    });
    await fake.close();
    const tail = JSON.stringify(transcript.slice(-1500));
    assert.equal(code, 0, tail);
    assert.match(transcript, /Starting checks|Checking /, 'the spinner ran');
    // No SGR colour codes at all (cursor and line-clearing codes are not colour).
    assert.deepEqual(transcript.match(/\u001b\[[0-9;]*m/g) ?? [], [], 'colour with NO_COLOR');
    // Every log line stands on a line of its own: no spinner text before it on the same line.
    const logLines = transcript.split(/\r?\n/).filter((line) => /\b(start|done) [a-z]+\.[a-z-]+/.test(line));
    assert.ok(logLines.length > 5, tail);
    for (const line of logLines) {
      // What stays on screen: the text after the last return to column 1 (\r, or ora's ESC[1G), codes removed.
      const visible = (line.split(/\r|\u001b\[1G/).pop() ?? '').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
      assert.doesNotMatch(visible, /Checking|Starting checks/, JSON.stringify(line));
    }
  });

  it('a person can walk the whole guide without knowing any flag', async () => {
    const fake = await startFakeJamf();
    try {
      const { code } = await inTerminal(fake, [
        [/Jamf Pro URL/, `${fake.jamfUrl}\r`],
        [/API client ID/, `${DEFAULT_CLIENT.clientId}\r`],
        [/API client secret/, `${DEFAULT_CLIENT.clientSecret}\r`],
        [/Save a Markdown report/, 'n\r'],
      ]);
      assert.equal(code, 0);
      assert.equal(fake.requestsTo('/api/oauth/token', 'POST').length > 0, true, 'the walkthrough reached the token step (JamfMCP\'s endpoint)');
    } finally {
      await fake.close();
    }
  });
});
