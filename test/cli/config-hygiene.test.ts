/**
 * Issue 16: secret hygiene of the config file (config.secrets) and code frames for its syntax
 * errors (config.file). Real files with real modes; a real temporary git repository for tracked,
 * ignored and untracked files (git is asked read-only questions only).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURE_SECRET, jamfmcpEntry, json, tempDir } from '../harness/mcp-fixtures.js';
import { findCheck } from '../harness/report.js';
import { runCli } from '../harness/run-cli.js';

interface Report {
  checks: Array<{ id: string; status: string; message: string; frame?: string; fix?: { steps: string[]; commands?: string[] } }>;
}

const hasGit = spawnSync('git', ['--version']).status === 0;

async function doctorOn(file: string, format = 'json', notSecret: string[] = []): Promise<{ report?: Report; stdout: string; code: number | null }> {
  const result = await runCli(['doctor', 'config', '--config', file, '--format', format], { notSecret });
  return { ...(format === 'json' ? { report: JSON.parse(result.stdout) as Report } : {}), stdout: result.stdout, code: result.code };
}

describe('config.secrets: a secret in a git work tree', { concurrency: true, skip: hasGit ? false : 'git is not installed' }, () => {
  async function repoWith(state: 'tracked' | 'ignored' | 'untracked'): Promise<string> {
    const repo = await tempDir('doctor-git-');
    execFileSync('git', ['init', '-q', repo]);
    await mkdir(join(repo, '.vscode'));
    const file = join(repo, '.vscode', 'mcp.json');
    await writeFile(file, json({ servers: { jamfmcp: jamfmcpEntry() } }));
    await chmod(file, 0o600);
    if (state === 'tracked') execFileSync('git', ['-C', repo, 'add', '.vscode/mcp.json']);
    if (state === 'ignored') await writeFile(join(repo, '.gitignore'), '.vscode/mcp.json\n');
    return file;
  }

  it('tracked: warn, with VS Code\'s ${env:…} placeholder as the fix', async () => {
    const { report } = await doctorOn(await repoWith('tracked'));
    const c = findCheck(report as Report, 'config.secrets');
    assert.equal(c.status, 'warn');
    assert.match(c.message, /holds JAMF_CLIENT_SECRET in "jamfmcp" and is tracked by git/);
    assert.match(c.fix?.steps.join(' ') ?? '', /\$\{env:JAMF_CLIENT_SECRET\}/);
  });

  it('untracked and not ignored: warn, one "git add ." away, with the .gitignore fix', async () => {
    const { report } = await doctorOn(await repoWith('untracked'));
    const c = findCheck(report as Report, 'config.secrets');
    assert.equal(c.status, 'warn');
    assert.match(c.message, /one "git add \." away from committing the secret/);
    assert.match(c.fix?.steps[0] ?? '', /\.gitignore/);
  });

  it('ignored: pass', async () => {
    const { report } = await doctorOn(await repoWith('ignored'));
    const c = findCheck(report as Report, 'config.secrets');
    assert.equal(c.status, 'pass', c.message);
    assert.match(c.message, /git ignores it/);
  });
});

describe('config.secrets: file modes', { concurrency: true, skip: process.platform === 'win32' ? 'POSIX modes' : false }, () => {
  it('0644 with a secret: warn (JamfMCP still works) naming the mode, with the chmod command; 0600: pass', async () => {
    const dir = await tempDir('doctor-mode-');
    const file = join(dir, 'claude_desktop_config.json');
    await writeFile(file, json({ mcpServers: { jamfmcp: jamfmcpEntry() } }));
    await chmod(file, 0o644);
    const loose = findCheck((await doctorOn(file)).report as Report, 'config.secrets');
    assert.equal(loose.status, 'warn');
    assert.match(loose.message, /other users of this computer can read it \(mode 0644\)/);
    assert.ok(loose.fix?.commands?.some((c) => c.startsWith('chmod 600 ')));
    await chmod(file, 0o600);
    assert.equal(findCheck((await doctorOn(file)).report as Report, 'config.secrets').status, 'pass');
  });

  it('placeholders only: nothing secret on disk, pass whatever the mode', async () => {
    const dir = await tempDir('doctor-mode-');
    const file = join(dir, 'mcp.json');
    await writeFile(file, json({ mcpServers: { jamfmcp: jamfmcpEntry({ JAMF_URL: 'https://acme.jamfcloud.com', JAMF_CLIENT_ID: 'id', JAMF_CLIENT_SECRET: '${JAMF_CLIENT_SECRET}' }) } }));
    await chmod(file, 0o666);
    // The placeholder is not a secret (the leak guard would otherwise look for it).
    const c = findCheck((await doctorOn(file, 'json', ['${JAMF_CLIENT_SECRET}'])).report as Report, 'config.secrets');
    assert.equal(c.status, 'pass', c.message);
  });
});

describe('config.file: code frames for syntax errors', { concurrency: true }, () => {
  it('a trailing comma in strict JSON: the lines around it, a caret under the comma, the secret on a shown line masked', async () => {
    const dir = await tempDir('doctor-frame-');
    const file = join(dir, 'claude_desktop_config.json');
    const lines = ['{', '  "mcpServers": {', '    "jamfmcp": {', '      "command": "uvx",', '      "env": {', `        "JAMF_CLIENT_SECRET": "${FIXTURE_SECRET}",`, '        "JAMF_URL": "https://acme.jamfcloud.com",', '      }', '    }', '  }', '}'];
    await writeFile(file, lines.join('\n'));
    await chmod(file, 0o600);
    const { report } = await doctorOn(file);
    const c = findCheck(report as Report, 'config.file');
    assert.equal(c.status, 'fail');
    assert.equal(
      c.frame,
      [
        '  5 |       "env": {',
        '  6 |         "JAMF_CLIENT_SECRET": "…",',
        '> 7 |         "JAMF_URL": "https://acme.jamfcloud.com",',
        '    |                                                 ^',
        '  8 |       }',
        '  9 |     }',
      ].join('\n'),
    );
    for (const format of ['text', 'markdown', 'junit']) {
      const out = await doctorOn(file, format);
      const shown = format === 'junit' ? out.stdout.replace(/&quot;/g, '"').replace(/&amp;/g, '&') : out.stdout;
      assert.ok(shown.includes('"JAMF_URL": "https://acme.jamfcloud.com",'), `${format} shows the frame`);
      assert.ok(!out.stdout.includes(FIXTURE_SECRET), `${format} masks the secret`);
    }
  });

  it('a TOML syntax error (Codex): a frame at the reported line and column', async () => {
    const dir = await tempDir('doctor-frame-');
    await mkdir(join(dir, '.codex'));
    const file = join(dir, '.codex', 'config.toml');
    await writeFile(file, ['[mcp_servers.jamfmcp]', 'command = "uvx"', 'args = ["jamfmcp"', '', '[mcp_servers.jamfmcp.env]', 'JAMF_URL = "https://acme.jamfcloud.com"', ''].join('\n'));
    await chmod(file, 0o600);
    const { report } = await doctorOn(file);
    const c = findCheck(report as Report, 'config.file');
    assert.equal(c.status, 'fail');
    assert.match(c.frame ?? '', /args = \["jamfmcp"/);
    assert.match(c.frame ?? '', /\n\s+\|\s*\^/);
  });
});
