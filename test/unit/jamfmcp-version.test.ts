/**
 * Which JamfMCP version an MCP entry runs and what it starts (src/config/jamfmcp-version.ts).
 *
 * Facts each row encodes, checked against liquidz00/jamfmcp at tags v1.0.1 and v1.0.2:
 * - v1.0.1:pyproject.toml:29-30 — `[project.scripts] jamfmcp = "jamfmcp.cli:cli"`: in 1.0.1 the
 *   `jamfmcp` console script is the setup CLI, not the server.
 * - v1.0.2:pyproject.toml:29-31 — `jamfmcp = "jamfmcp.server:main"`, `jamfmcp-cli = "jamfmcp.cli:main"`.
 * - v1.0.1:pyproject.toml:3,64-65 and v1.0.2:pyproject.toml:3,66-67 — `dynamic = ["version", …]`,
 *   `version = { attr = "jamfmcp.__about__.__version__" }`; src/jamfmcp/__about__.py:2 holds
 *   `__version__ = "1.0.1"` / `"1.0.2"`.
 * - v1.0.2:src/jamfmcp/cli.py:170-174 — the setup CLI writes `uvx jamfmcp` or
 *   `uv run --project <checkout> jamfmcp` (--dev).
 * - v1.0.1:docs/getting-started/claude-desktop.md:95-99 — `uv run --with jamfmcp jamfmcp`;
 *   :120-126 — `uv run --directory /path/to/jamfmcp fastmcp run src/jamfmcp/server.py:mcp`;
 *   :302 — `uv run fastmcp run src/jamfmcp/server.py:mcp`.
 * - v1.0.2:docs/user-guide/manual-configuration.md:85-91 — the same with `server.py:main`.
 * - v1.0.1:src/jamfmcp/server.py:2534-2535 and v1.0.2:src/jamfmcp/server.py:2539-2540 — an
 *   `if __name__ == "__main__"` guard, so `python -m jamfmcp.server` starts the server.
 * - Neither tag has src/jamfmcp/__main__.py, so `python -m jamfmcp` starts nothing.
 *
 * Rows that need files use the real diskVersionFiles on a temp folder; the rest use a fake
 * VersionFiles that answers from a map and records what it was asked. No row touches the network.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  detectJamfmcpVersion,
  diskVersionFiles,
  JAMFMCP_VERSIONS,
  jamfmcpRequirement,
  NEWEST_JAMFMCP,
  newestInRange,
  parseVersionFlag,
  profileFor,
  VersionFlagError,
  type VersionChoice,
  type VersionFiles,
} from '../../src/config/jamfmcp-version.js';

type Entry = { command?: string; args: readonly string[] };

/** What a row expects. `requested: undefined` means "must be absent"; `warning: null` likewise. */
interface Expect {
  profile: VersionChoice['profile'];
  source: VersionChoice['source'];
  entryPoint: VersionChoice['entryPoint'];
  requested?: string | undefined;
  reason?: RegExp;
  warning?: RegExp | null;
  launch?: string;
}

function check(actual: VersionChoice, expect: Expect): void {
  assert.equal(actual.profile, expect.profile, 'profile');
  assert.equal(actual.source, expect.source, 'source');
  assert.equal(actual.entryPoint, expect.entryPoint, 'entryPoint');
  if ('requested' in expect) assert.equal(actual.requested, expect.requested, 'requested');
  if (expect.reason) assert.match(actual.reason, expect.reason, 'reason');
  if (expect.warning === null) assert.equal(actual.warning, undefined, 'no warning expected');
  else if (expect.warning) {
    assert.ok(actual.warning, `a warning was expected, got none (reason: ${actual.reason})`);
    assert.match(actual.warning, expect.warning, 'warning');
  }
  if (expect.launch !== undefined) assert.equal(actual.launch, expect.launch, 'launch');
}

/** A VersionFiles that answers from maps (keys are resolved paths) and records every question. */
function fakeFiles(projects: Record<string, string> = {}, venvs: Record<string, string> = {}): VersionFiles & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async projectVersion(dir) {
      asked.push(`project:${dir}`);
      return projects[dir];
    },
    async virtualenvVersion(venv) {
      asked.push(`venv:${venv}`);
      return venvs[venv];
    },
  };
}

const e = (command: string, ...args: string[]): Entry => ({ command, args });
const UNPINNED = /newest known/;
const GIT_101 = 'jamfmcp @ git+https://github.com/liquidz00/jamfmcp@v1.0.1';

interface Row {
  row: string;
  /** The JamfMCP (or uv) source line the row encodes. */
  cite?: string;
  entry: Entry | undefined;
  flag?: string;
  cwd?: string;
  projects?: Record<string, string>;
  venvs?: Record<string, string>;
  expect: Expect;
  todo?: string;
}

const FAKE_CWD = resolve('/home/u/work');
const VENV = resolve('/opt/venvs/jamf');

const ROWS: Row[] = [
  // --- uvx / uv tool run ---------------------------------------------------------------------
  {
    row: 'uvx jamfmcp: unpinned, newest, the jamfmcp script',
    cite: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/cli.py:173-174',
    entry: e('uvx', 'jamfmcp'),
    expect: { profile: '1.0.2', source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined, reason: /newest known.*(unpinned|does not pin)/, warning: null, launch: 'uvx jamfmcp' },
  },
  {
    // Matters: in 1.0.1 `jamfmcp` is the setup CLI (v1.0.1:pyproject.toml:29-30), so an entry that
    // starts it never serves MCP; the profile must be 1.0.1 and the entry point script:jamfmcp for
    // the checks to say so.
    row: 'uvx jamfmcp@1.0.1: pin 1.0.1, script:jamfmcp (the 1.0.1 setup CLI)',
    cite: 'liquidz00/jamfmcp@v1.0.1:pyproject.toml:29-30',
    entry: e('uvx', 'jamfmcp@1.0.1'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.1', reason: /pinned/, warning: null, launch: 'uvx jamfmcp@1.0.1' },
  },
  {
    row: 'uvx --from jamfmcp==1.0.1 jamfmcp',
    entry: e('uvx', '--from', 'jamfmcp==1.0.1', 'jamfmcp'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.1', warning: null },
  },
  {
    row: 'uvx --from=jamfmcp==1.0.1 jamfmcp (option=value form)',
    entry: e('uvx', '--from=jamfmcp==1.0.1', 'jamfmcp'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.1' },
  },
  {
    row: "uvx --from 'jamfmcp @ git+…/liquidz00/jamfmcp@v1.0.1' jamfmcp",
    entry: e('uvx', '--from', GIT_101, 'jamfmcp'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.1', warning: null },
  },
  {
    row: 'uvx --from git+https://github.com/liquidz00/jamfmcp.git@v1.0.2 jamfmcp (bare git URL)',
    entry: e('uvx', '--from', 'git+https://github.com/liquidz00/jamfmcp.git@v1.0.2', 'jamfmcp'),
    expect: { profile: '1.0.2', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.2' },
  },
  {
    row: 'uvx --from git+…/liquidz00/jamfmcp@main jamfmcp: a branch is not a pin',
    entry: e('uvx', '--from', 'git+https://github.com/liquidz00/jamfmcp@main', 'jamfmcp'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined },
  },
  {
    row: "uvx --from 'jamfmcp[dev]==1.0.1' jamfmcp (extras)",
    entry: e('uvx', '--from', 'jamfmcp[dev]==1.0.1', 'jamfmcp'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.1' },
  },
  {
    row: "uvx --from 'jamfmcp>=1.0.1,<1.0.2' jamfmcp: the newest release the range allows",
    entry: e('uvx', '--from', 'jamfmcp>=1.0.1,<1.0.2', 'jamfmcp'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: undefined, reason: /1\.0\.1.*allows/ },
  },
  {
    row: 'uvx --from jamfmcp==1.0.2 jamfmcp-cli: the 1.0.2 setup CLI',
    cite: 'liquidz00/jamfmcp@v1.0.2:pyproject.toml:31',
    entry: e('uvx', '--from', 'jamfmcp==1.0.2', 'jamfmcp-cli'),
    expect: { profile: '1.0.2', source: 'pin', entryPoint: 'script:jamfmcp-cli', requested: '1.0.2' },
  },
  {
    row: 'uvx --python 3.13 jamfmcp@1.0.1: a value option is not the command',
    entry: e('uvx', '--python', '3.13', 'jamfmcp@1.0.1'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.1' },
  },
  {
    row: 'uvx jamfmcp@latest: unpinned',
    entry: e('uvx', 'jamfmcp@latest'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined },
  },
  {
    row: 'uv tool run jamfmcp@1.0.2',
    entry: e('uv', 'tool', 'run', 'jamfmcp@1.0.2'),
    expect: { profile: '1.0.2', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.2', warning: null },
  },
  {
    row: 'uv tool run --from jamfmcp==1.0.0 jamfmcp',
    entry: e('uv', 'tool', 'run', '--from', 'jamfmcp==1.0.0', 'jamfmcp'),
    expect: { profile: '1.0.0', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.0' },
  },
  {
    row: '/usr/local/bin/uvx jamfmcp@1.0.1: an absolute path to uvx',
    entry: e('/usr/local/bin/uvx', 'jamfmcp@1.0.1'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.1' },
  },

  // --- a package that merely contains the name is not jamfmcp -------------------------------
  {
    row: 'uvx jamfmcp-fork@1.0.1 is not a jamfmcp pin',
    entry: e('uvx', 'jamfmcp-fork@1.0.1'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'unknown', requested: undefined },
  },
  {
    row: 'uvx --from other==1.0.1 jamfmcp is not a jamfmcp pin',
    entry: e('uvx', '--from', 'other==1.0.1', 'jamfmcp'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', requested: undefined, entryPoint: 'script:jamfmcp' },
  },
  {
    row: 'uvx --from jamfmcp-fork==1.0.1 jamfmcp is not a jamfmcp pin',
    entry: e('uvx', '--from', 'jamfmcp-fork==1.0.1', 'jamfmcp'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', requested: undefined, entryPoint: 'script:jamfmcp' },
  },
  {
    row: 'uv run --with myjamfmcp==1.0.1 jamfmcp is not a jamfmcp pin',
    entry: e('uv', 'run', '--with', 'myjamfmcp==1.0.1', 'jamfmcp'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', requested: undefined, entryPoint: 'script:jamfmcp' },
  },
  {
    row: 'pipx run --spec jamfmcpx==1.0.1 jamfmcp is not a jamfmcp pin',
    entry: e('pipx', 'run', '--spec', 'jamfmcpx==1.0.1', 'jamfmcp'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', requested: undefined, entryPoint: 'script:jamfmcp' },
  },

  // --- uv run --------------------------------------------------------------------------------
  {
    row: 'uv run --with jamfmcp jamfmcp: unpinned',
    cite: 'liquidz00/jamfmcp@v1.0.1:docs/getting-started/claude-desktop.md:95-99',
    entry: e('uv', 'run', '--with', 'jamfmcp', 'jamfmcp'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined, reason: UNPINNED, warning: null },
  },
  {
    row: 'uv run --with jamfmcp==1.0.1 python -m jamfmcp.server',
    cite: 'liquidz00/jamfmcp@v1.0.1:src/jamfmcp/server.py:2534-2535',
    entry: e('uv', 'run', '--with', 'jamfmcp==1.0.1', 'python', '-m', 'jamfmcp.server'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'module:jamfmcp.server', requested: '1.0.1', reason: /--with jamfmcp==1\.0\.1/ },
  },
  {
    row: 'uv run --with jamfmcp==1.0.2 -m jamfmcp.server (uv run --module)',
    cite: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/server.py:2539-2540',
    entry: e('uv', 'run', '--with', 'jamfmcp==1.0.2', '-m', 'jamfmcp.server'),
    expect: { profile: '1.0.2', source: 'pin', entryPoint: 'module:jamfmcp.server', requested: '1.0.2' },
  },
  {
    row: "uv run --with 'jamfmcp<1.0.2' jamfmcp: range → newest allowed release",
    entry: e('uv', 'run', '--with', 'jamfmcp<1.0.2', 'jamfmcp'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: undefined, reason: /1\.0\.1.*allows/, warning: null },
  },
  {
    row: "uv run --with 'rich,jamfmcp==1.0.1' jamfmcp: a comma list of packages",
    entry: e('uv', 'run', '--with', 'rich,jamfmcp==1.0.1', 'jamfmcp'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.1' },
  },
  {
    // uv keeps `pkg>=a,<b` as one requirement inside --with (astral-sh/uv#9089, "Split after
    // specifiers in `--with` requirements"); the doctor splits on every comma, sees only
    // `jamfmcp>=1.0.1` (no upper bound) and calls the entry unpinned → 1.0.2.
    row: "uv run --with 'jamfmcp>=1.0.1,<1.0.2' jamfmcp: a two-clause range inside --with",
    cite: 'astral-sh/uv#9089',
    entry: e('uv', 'run', '--with', 'jamfmcp>=1.0.1,<1.0.2', 'jamfmcp'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp' },
  },
  {
    row: 'uv run --project <rel> jamfmcp: relative project resolved against cwd (fake files)',
    cite: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/cli.py:170-171',
    entry: e('uv', 'run', '--project', 'checkout', 'jamfmcp'),
    cwd: FAKE_CWD,
    projects: { [resolve(FAKE_CWD, 'checkout')]: '1.0.2' },
    expect: { profile: '1.0.2', source: 'project', entryPoint: 'script:jamfmcp', requested: '1.0.2', warning: null },
  },
  {
    row: 'uv run --project <dir> --with jamfmcp==1.0.1 jamfmcp: unreadable project falls back to --with',
    entry: e('uv', 'run', '--project', '/elsewhere', '--with', 'jamfmcp==1.0.1', 'jamfmcp'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.1' },
  },
  {
    row: 'uv run python -m jamfmcp.server: nothing pins it',
    entry: e('uv', 'run', 'python', '-m', 'jamfmcp.server'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'module:jamfmcp.server', reason: UNPINNED },
  },
  {
    row: 'uv run fastmcp run jamfmcp.server:mcp: a module spec, no checkout',
    cite: 'liquidz00/jamfmcp@v1.0.1:docs/development/deployment.md:110',
    entry: e('uv', 'run', '--with', 'jamfmcp==1.0.1', 'fastmcp', 'run', 'jamfmcp.server:mcp'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'fastmcp-run', requested: '1.0.1' },
  },

  // --- pipx ----------------------------------------------------------------------------------
  {
    row: 'pipx run jamfmcp==1.0.1',
    entry: e('pipx', 'run', 'jamfmcp==1.0.1'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.1', warning: null },
  },
  {
    row: 'pipx run --spec jamfmcp==1.0.1 jamfmcp',
    entry: e('pipx', 'run', '--spec', 'jamfmcp==1.0.1', 'jamfmcp'),
    expect: { profile: '1.0.1', source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.1' },
  },
  {
    row: 'pipx run --spec git+…/liquidz00/jamfmcp@v1.0.2 jamfmcp-cli',
    entry: e('pipx', 'run', '--spec', 'git+https://github.com/liquidz00/jamfmcp@v1.0.2', 'jamfmcp-cli'),
    expect: { profile: '1.0.2', source: 'pin', entryPoint: 'script:jamfmcp-cli', requested: '1.0.2' },
  },
  {
    row: 'pipx run jamfmcp: unpinned',
    entry: e('pipx', 'run', 'jamfmcp'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined },
  },

  // --- virtualenvs and bare commands (fake files) ---------------------------------------------
  {
    row: 'a virtualenv console script: the installed version',
    entry: e(join(VENV, 'bin', 'jamfmcp')),
    venvs: { [VENV]: '1.0.1' },
    expect: { profile: '1.0.1', source: 'virtualenv', entryPoint: 'script:jamfmcp', requested: '1.0.1', reason: /virtualenv/, warning: null },
  },
  {
    row: 'a virtualenv python -m jamfmcp.server: the installed version',
    entry: e(join(VENV, 'bin', 'python3.13'), '-m', 'jamfmcp.server'),
    venvs: { [VENV]: '1.0.2' },
    expect: { profile: '1.0.2', source: 'virtualenv', entryPoint: 'module:jamfmcp.server', requested: '1.0.2' },
  },
  {
    row: 'a virtualenv whose version cannot be read: newest, with a warning',
    entry: e(join(VENV, 'bin', 'jamfmcp')),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined, warning: /cannot read/ },
  },
  {
    row: 'a virtualenv running something else is not read',
    entry: e(join(VENV, 'bin', 'python'), 'server.py'),
    venvs: { [VENV]: '1.0.1' },
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'unknown', requested: undefined },
  },
  {
    row: 'python -m jamfmcp.server with no version information: unpinned, module entry point',
    cite: 'liquidz00/jamfmcp@v1.0.1:src/jamfmcp/server.py:2534-2535',
    entry: e('python', '-m', 'jamfmcp.server'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'module:jamfmcp.server', requested: undefined, reason: UNPINNED, warning: null },
  },
  {
    row: 'python3 -m jamfmcp.cli: the setup CLI',
    cite: 'liquidz00/jamfmcp@v1.0.1:src/jamfmcp/cli.py:498-499',
    entry: e('python3', '-m', 'jamfmcp.cli'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp-cli' },
  },
  {
    // Neither v1.0.1 nor v1.0.2 has src/jamfmcp/__main__.py (`git ls-tree v1.0.x src/jamfmcp/`), so
    // `python -m jamfmcp` exits with "No module named jamfmcp.__main__"; it starts neither the CLI nor the server.
    row: 'python -m jamfmcp starts nothing (no __main__.py)',
    entry: e('python', '-m', 'jamfmcp'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'module:jamfmcp' },
  },
  {
    row: 'node something.js: unknown entry point',
    entry: e('node', 'something.js'),
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'unknown', requested: undefined, reason: /does not say which jamfmcp/, warning: null },
  },
  {
    row: 'an entry with no command',
    entry: { args: [] },
    expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'unknown', requested: undefined },
  },
  {
    row: 'fastmcp run <abs checkout>/src/jamfmcp/server.py:mcp: reads the checkout (fake files)',
    cite: 'liquidz00/jamfmcp@v1.0.1:docs/getting-started/claude-desktop.md:120-126',
    entry: e('fastmcp', 'run', join(resolve('/src/ck'), 'src', 'jamfmcp', 'server.py') + ':mcp'),
    projects: { [resolve('/src/ck')]: '1.0.1' },
    expect: { profile: '1.0.1', source: 'project', entryPoint: 'fastmcp-run', requested: '1.0.1' },
  },

  // --- versions the doctor has no profile for ------------------------------------------------
  {
    row: 'uvx jamfmcp@1.0.9: newer than known → newest, warning names 1.0.9',
    entry: e('uvx', 'jamfmcp@1.0.9'),
    expect: { profile: NEWEST_JAMFMCP, source: 'pin', entryPoint: 'script:jamfmcp', requested: '1.0.9', warning: /1\.0\.9/ },
  },
  {
    row: 'uvx jamfmcp@2.0.0: newer than known → newest, warning names 2.0.0',
    entry: e('uvx', 'jamfmcp@2.0.0'),
    expect: { profile: NEWEST_JAMFMCP, source: 'pin', entryPoint: 'script:jamfmcp', requested: '2.0.0', warning: /2\.0\.0.*newer/ },
  },
  {
    row: 'uvx jamfmcp@0.9.0: older than known → oldest, with a warning',
    entry: e('uvx', 'jamfmcp@0.9.0'),
    expect: { profile: JAMFMCP_VERSIONS[0], source: 'pin', entryPoint: 'script:jamfmcp', requested: '0.9.0', warning: /0\.9\.0/ },
  },

  // --- --jamfmcp-version wins over the entry ---------------------------------------------------
  {
    row: '--jamfmcp-version 1.0.1 beats uvx jamfmcp@1.0.2',
    entry: e('uvx', 'jamfmcp@1.0.2'),
    flag: '1.0.1',
    expect: { profile: '1.0.1', source: 'flag', entryPoint: 'script:jamfmcp', requested: '1.0.1', reason: /--jamfmcp-version 1\.0\.1/, warning: null, launch: 'uvx jamfmcp@1.0.2' },
  },
  {
    row: '--jamfmcp-version latest beats uvx jamfmcp@1.0.1',
    entry: e('uvx', 'jamfmcp@1.0.1'),
    flag: 'latest',
    expect: { profile: NEWEST_JAMFMCP, source: 'flag', entryPoint: 'script:jamfmcp', requested: undefined, reason: /latest/, warning: null },
  },
  {
    row: '--jamfmcp-version 1.0.9: newest, with a warning',
    entry: e('uvx', 'jamfmcp'),
    flag: '1.0.9',
    expect: { profile: NEWEST_JAMFMCP, source: 'flag', entryPoint: 'script:jamfmcp', requested: '1.0.9', warning: /1\.0\.9/ },
  },
  {
    row: '--jamfmcp-version 1.0.0 with no entry',
    entry: undefined,
    flag: '1.0.0',
    expect: { profile: '1.0.0', source: 'flag', entryPoint: 'unknown', requested: '1.0.0' },
  },
  {
    row: 'no entry, no flag → no-entry, newest',
    entry: undefined,
    expect: { profile: NEWEST_JAMFMCP, source: 'no-entry', entryPoint: 'unknown', requested: undefined, reason: /no MCP entry/, warning: null },
  },
];

describe('detectJamfmcpVersion (table, fake VersionFiles)', () => {
  for (const r of ROWS) {
    const title = r.cite ? `${r.row} [${r.cite}]` : r.row;
    it(title, r.todo ? { todo: r.todo } : {}, async () => {
      const files = fakeFiles(r.projects, r.venvs);
      const choice = await detectJamfmcpVersion(r.entry, r.flag, files, r.cwd ?? FAKE_CWD);
      check(choice, r.expect);
    });
  }

  it('no entry: launch is absent', async () => {
    const choice = await detectJamfmcpVersion(undefined, undefined, fakeFiles(), FAKE_CWD);
    assert.equal(choice.launch, undefined);
  });

  it('the relative --project is asked of VersionFiles resolved against the cwd argument, not process.cwd()', async () => {
    const files = fakeFiles();
    await detectJamfmcpVersion(e('uv', 'run', '--project', 'checkout', 'jamfmcp'), undefined, files, FAKE_CWD);
    assert.deepEqual(files.asked, [`project:${resolve(FAKE_CWD, 'checkout')}`]);
  });

  it('a pinned entry does not read files at all', async () => {
    const files = fakeFiles();
    await detectJamfmcpVersion(e('uvx', 'jamfmcp@1.0.1'), undefined, files, FAKE_CWD);
    assert.deepEqual(files.asked, []);
  });
});

/* ------------------------------------------------------------------------------------------- */
/* Real files: checkouts and virtualenvs in a temp folder, read by diskVersionFiles.            */
/* ------------------------------------------------------------------------------------------- */

/** liquidz00/jamfmcp@v1.0.2:pyproject.toml:1-3,29-31,66-67 (abridged): the version is dynamic. */
const PYPROJECT_DYNAMIC = (scripts: string) => `[project]
name = "jamfmcp"
dynamic = ["version", "readme"]
requires-python = ">=3.13"

[project.scripts]
${scripts}

[tool.setuptools.dynamic]
version = { attr = "jamfmcp.__about__.__version__" }

[tool.ruff]
target-version = "py313"
`;
const SCRIPTS_101 = 'jamfmcp = "jamfmcp.cli:cli"';
const SCRIPTS_102 = 'jamfmcp = "jamfmcp.server:main"\njamfmcp-cli = "jamfmcp.cli:main"';
/** liquidz00/jamfmcp@v1.0.x:src/jamfmcp/__about__.py:1-2 */
const ABOUT = (v: string) => `__title__ = "JamfMCP"\n__version__ = "${v}"\n`;

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

describe('detectJamfmcpVersion with diskVersionFiles (temp folders)', () => {
  let root = '';
  let outside = '';
  const p = (...parts: string[]) => join(root, ...parts);

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'jamfmcp-unit-version-'));
    outside = await mkdtemp(join(tmpdir(), 'jamfmcp-unit-version-cwd-'));
    // (a) a fixed version
    await put(p('fixed101', 'pyproject.toml'), '[project]\nname = "jamfmcp"\nversion = "1.0.1"\n');
    // (b) dynamic version from __about__.py, as v1.0.2 really ships
    await put(p('ck102', 'pyproject.toml'), PYPROJECT_DYNAMIC(SCRIPTS_102));
    await put(p('ck102', 'src', 'jamfmcp', '__about__.py'), ABOUT('1.0.2'));
    await put(p('ck102', 'src', 'jamfmcp', 'server.py'), '');
    // …and as v1.0.1 really ships (also dynamic)
    await put(p('ck101', 'pyproject.toml'), PYPROJECT_DYNAMIC(SCRIPTS_101));
    await put(p('ck101', 'src', 'jamfmcp', '__about__.py'), ABOUT('1.0.1'));
    await put(p('ck101', 'src', 'jamfmcp', 'server.py'), '');
    // a flat layout (jamfmcp/__about__.py, no src/)
    await put(p('flat', 'pyproject.toml'), PYPROJECT_DYNAMIC(SCRIPTS_101));
    await put(p('flat', 'jamfmcp', '__about__.py'), ABOUT('1.0.0'));
    // (c) another package, even one whose name starts with jamfmcp
    await put(p('other', 'pyproject.toml'), '[project]\nname = "jamfmcp-doctor"\nversion = "1.0.1"\n');
    // jamfmcp, but the version cannot be found
    await put(p('noversion', 'pyproject.toml'), PYPROJECT_DYNAMIC(SCRIPTS_102));
    await mkdir(p('empty'), { recursive: true });
    // POSIX virtualenv with jamfmcp 1.0.1 installed
    await put(p('venv', 'bin', 'jamfmcp'), '#!/bin/sh\n');
    await put(p('venv', 'lib', 'python3.13', 'site-packages', 'jamfmcp-1.0.1.dist-info', 'METADATA'), 'Metadata-Version: 2.4\nName: jamfmcp\nVersion: 1.0.1\n');
    await put(p('venv', 'lib', 'python3.13', 'site-packages', 'jamfmcp_doctor-9.9.9.dist-info', 'METADATA'), 'Name: jamfmcp-doctor\nVersion: 9.9.9\n');
    // a virtualenv without jamfmcp
    await put(p('venv-empty', 'bin', 'jamfmcp'), '#!/bin/sh\n');
    await mkdir(p('venv-empty', 'lib', 'python3.13', 'site-packages'), { recursive: true });
    // dist-info without METADATA: the folder name still says the version
    await put(p('venv-nometa', 'bin', 'jamfmcp'), '#!/bin/sh\n');
    await mkdir(p('venv-nometa', 'lib', 'python3.12', 'site-packages', 'jamfmcp-1.0.0.dist-info'), { recursive: true });
    // Windows layout: Scripts\ and Lib\site-packages
    await put(p('venv-win', 'Scripts', 'jamfmcp.exe'), '');
    await put(p('venv-win', 'Lib', 'site-packages', 'jamfmcp-1.0.2.dist-info', 'METADATA'), 'Name: jamfmcp\nVersion: 1.0.2\n');
    // the doctor's own cwd is a 1.0.1 checkout (a developer running the doctor from inside one)
    await put(join(outside, 'pyproject.toml'), PYPROJECT_DYNAMIC(SCRIPTS_101));
    await put(join(outside, 'src', 'jamfmcp', '__about__.py'), ABOUT('1.0.1'));
    await put(join(outside, 'src', 'jamfmcp', 'server.py'), '');
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  const disk: Array<{ row: string; cite?: string; entry: () => Entry; cwd?: () => string; expect: Expect; todo?: string }> = [
    {
      row: 'uv run --project DIR jamfmcp, fixed version = "1.0.1"',
      entry: () => e('uv', 'run', '--project', p('fixed101'), 'jamfmcp'),
      expect: { profile: '1.0.1', source: 'project', entryPoint: 'script:jamfmcp', requested: '1.0.1', warning: null },
    },
    {
      row: 'uv run --directory DIR jamfmcp, fixed version = "1.0.1"',
      entry: () => e('uv', 'run', '--directory', p('fixed101'), 'jamfmcp'),
      expect: { profile: '1.0.1', source: 'project', entryPoint: 'script:jamfmcp', requested: '1.0.1' },
    },
    {
      row: 'uv run --project DIR jamfmcp, dynamic version from src/jamfmcp/__about__.py = 1.0.2',
      cite: 'liquidz00/jamfmcp@v1.0.2:pyproject.toml:66-67 + src/jamfmcp/__about__.py:2',
      entry: () => e('uv', 'run', '--project', p('ck102'), 'jamfmcp'),
      expect: { profile: '1.0.2', source: 'project', entryPoint: 'script:jamfmcp', requested: '1.0.2', warning: null },
    },
    {
      row: 'uv run --directory DIR jamfmcp, dynamic version, v1.0.1 checkout',
      cite: 'liquidz00/jamfmcp@v1.0.1:pyproject.toml:64-65 + src/jamfmcp/__about__.py:2',
      entry: () => e('uv', 'run', '--directory', p('ck101'), 'jamfmcp'),
      expect: { profile: '1.0.1', source: 'project', entryPoint: 'script:jamfmcp', requested: '1.0.1' },
    },
    {
      row: 'uv run --project ck102 jamfmcp: relative DIR resolved against the cwd argument',
      entry: () => e('uv', 'run', '--project', 'ck102', 'jamfmcp'),
      cwd: () => root,
      expect: { profile: '1.0.2', source: 'project', entryPoint: 'script:jamfmcp', requested: '1.0.2' },
    },
    {
      row: 'uv run --directory ./fixed101 jamfmcp: relative DIR resolved against the cwd argument',
      entry: () => e('uv', 'run', '--directory', './fixed101', 'jamfmcp'),
      cwd: () => root,
      expect: { profile: '1.0.1', source: 'project', entryPoint: 'script:jamfmcp', requested: '1.0.1' },
    },
    {
      row: 'uv run --project DIR jamfmcp, flat layout jamfmcp/__about__.py',
      entry: () => e('uv', 'run', '--project', p('flat'), 'jamfmcp'),
      expect: { profile: '1.0.0', source: 'project', entryPoint: 'script:jamfmcp', requested: '1.0.0' },
    },
    {
      row: 'uv run --project DIR jamfmcp where DIR is another package: unpinned, with a warning',
      entry: () => e('uv', 'run', '--project', p('other'), 'jamfmcp'),
      expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined, warning: /cannot read a jamfmcp version/ },
    },
    {
      row: 'uv run --project DIR jamfmcp where DIR is another package: at least not its version',
      entry: () => e('uv', 'run', '--project', p('other'), 'jamfmcp'),
      expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined },
    },
    {
      row: 'uv run --directory DIR jamfmcp where DIR is jamfmcp with no findable version: unpinned, with a warning',
      entry: () => e('uv', 'run', '--directory', p('noversion'), 'jamfmcp'),
      expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined, warning: /cannot read/ },
    },
    {
      row: 'uvx --from DIR jamfmcp (local checkout, absolute)',
      entry: () => e('uvx', '--from', p('ck102'), 'jamfmcp'),
      expect: { profile: '1.0.2', source: 'project', entryPoint: 'script:jamfmcp', requested: '1.0.2' },
    },
    {
      row: 'uvx --from ./ck101 jamfmcp (local checkout, relative to cwd)',
      entry: () => e('uvx', '--from', './ck101', 'jamfmcp'),
      cwd: () => root,
      expect: { profile: '1.0.1', source: 'project', entryPoint: 'script:jamfmcp', requested: '1.0.1' },
    },
    {
      row: 'uvx --from ./other jamfmcp: another package → unpinned, with a warning',
      entry: () => e('uvx', '--from', './other', 'jamfmcp'),
      cwd: () => root,
      expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined, warning: /cannot read a jamfmcp version/ },
    },
    {
      row: 'fastmcp run <checkout>/src/jamfmcp/server.py:mcp reads the checkout',
      cite: 'liquidz00/jamfmcp@v1.0.1:docs/api-reference/server.md:112',
      entry: () => e('fastmcp', 'run', `${p('ck101', 'src', 'jamfmcp', 'server.py')}:mcp`),
      expect: { profile: '1.0.1', source: 'project', entryPoint: 'fastmcp-run', requested: '1.0.1', warning: null },
    },
    {
      row: 'fastmcp run ck102/src/jamfmcp/server.py:main, relative to cwd',
      cite: 'liquidz00/jamfmcp@v1.0.2:docs/user-guide/manual-configuration.md:91',
      entry: () => e('fastmcp', 'run', 'ck102/src/jamfmcp/server.py:main'),
      cwd: () => root,
      expect: { profile: '1.0.2', source: 'project', entryPoint: 'fastmcp-run', requested: '1.0.2' },
    },
    {
      row: 'uv run --directory CHECKOUT fastmcp run src/jamfmcp/server.py:mcp (documented local-development form)',
      cite: 'liquidz00/jamfmcp@v1.0.1:docs/getting-started/claude-desktop.md:120-126',
      entry: () => e('uv', 'run', '--directory', p('ck101'), 'fastmcp', 'run', 'src/jamfmcp/server.py:mcp'),
      expect: { profile: '1.0.1', source: 'project', entryPoint: 'fastmcp-run', requested: '1.0.1' },
    },
    {
      row: 'uv run fastmcp run src/jamfmcp/server.py:mcp inside a checkout (cwd)',
      cite: 'liquidz00/jamfmcp@v1.0.1:docs/getting-started/claude-desktop.md:302',
      entry: () => e('uv', 'run', 'fastmcp', 'run', 'src/jamfmcp/server.py:mcp'),
      cwd: () => p('ck102'),
      expect: { profile: '1.0.2', source: 'project', entryPoint: 'fastmcp-run', requested: '1.0.2' },
    },
    {
      // uv run --directory changes into DIR before running, so fastmcp's relative
      // src/jamfmcp/server.py is DIR/src/jamfmcp/server.py — never the doctor's cwd.
      row: 'uv run --directory EMPTY fastmcp run src/jamfmcp/server.py:mcp does not read the doctor\'s cwd',
      entry: () => e('uv', 'run', '--directory', p('empty'), 'fastmcp', 'run', 'src/jamfmcp/server.py:mcp'),
      cwd: () => outside,
      expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'fastmcp-run', requested: undefined, warning: /cannot read/ },
    },
    {
      row: 'a virtualenv bin/jamfmcp with jamfmcp-1.0.1.dist-info/METADATA',
      entry: () => e(p('venv', 'bin', 'jamfmcp')),
      expect: { profile: '1.0.1', source: 'virtualenv', entryPoint: 'script:jamfmcp', requested: '1.0.1', warning: null },
    },
    {
      row: 'a virtualenv without jamfmcp installed: unpinned, with a warning',
      entry: () => e(p('venv-empty', 'bin', 'jamfmcp')),
      expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined, warning: /cannot read which jamfmcp version/ },
    },
    {
      row: 'a virtualenv path that does not exist: unpinned, with a warning',
      entry: () => e(p('no-such-venv', 'bin', 'jamfmcp')),
      expect: { profile: NEWEST_JAMFMCP, source: 'unpinned', entryPoint: 'script:jamfmcp', requested: undefined, warning: /cannot read/ },
    },
    {
      row: 'a virtualenv dist-info without METADATA: the folder name\'s version',
      entry: () => e(p('venv-nometa', 'bin', 'jamfmcp')),
      expect: { profile: '1.0.0', source: 'virtualenv', entryPoint: 'script:jamfmcp', requested: '1.0.0' },
    },
    {
      row: 'a Windows-layout virtualenv Scripts/jamfmcp.exe with Lib/site-packages',
      entry: () => e(p('venv-win', 'Scripts', 'jamfmcp.exe')),
      expect: { profile: '1.0.2', source: 'virtualenv', entryPoint: 'script:jamfmcp', requested: '1.0.2' },
    },
  ];

  for (const r of disk) {
    const title = r.cite ? `${r.row} [${r.cite}]` : r.row;
    it(title, r.todo ? { todo: r.todo } : {}, async () => {
      const choice = await detectJamfmcpVersion(r.entry(), undefined, diskVersionFiles, r.cwd ? r.cwd() : outside);
      check(choice, r.expect);
    });
  }

  it('diskVersionFiles.projectVersion: missing folder, empty folder, other package → undefined', async () => {
    assert.equal(await diskVersionFiles.projectVersion(p('nope')), undefined);
    assert.equal(await diskVersionFiles.projectVersion(p('empty')), undefined);
    assert.equal(await diskVersionFiles.projectVersion(p('other')), undefined);
    assert.equal(await diskVersionFiles.projectVersion(p('noversion')), undefined);
    assert.equal(await diskVersionFiles.projectVersion(p('ck102')), '1.0.2');
  });

  it('diskVersionFiles.virtualenvVersion: ignores other packages\' dist-info', async () => {
    assert.equal(await diskVersionFiles.virtualenvVersion(p('venv')), '1.0.1');
    assert.equal(await diskVersionFiles.virtualenvVersion(p('venv-empty')), undefined);
    assert.equal(await diskVersionFiles.virtualenvVersion(p('nope')), undefined);
  });
});

/* ------------------------------------------------------------------------------------------- */
/* The helpers.                                                                                 */
/* ------------------------------------------------------------------------------------------- */

describe('parseVersionFlag', () => {
  const accepted: Array<[string, string]> = [
    ['1.0.1', '1.0.1'],
    [' 1.0.2 ', '1.0.2'],
    ['latest', 'latest'],
    ['1.0.9', '1.0.9'],
  ];
  for (const [input, out] of accepted) {
    it(`accepts ${JSON.stringify(input)} → ${out}`, () => {
      assert.equal(parseVersionFlag(input), out);
    });
  }
  // 'v1.0.1' is rejected (not normalised): a clear error naming the flag is acceptable behaviour.
  for (const input of ['bad', '1.0', 'v1.0.1', '', '1.0.1.2', 'LATEST', '1.0.x', '1.0.1; rm -rf']) {
    it(`rejects ${JSON.stringify(input)} with a VersionFlagError naming --jamfmcp-version`, () => {
      assert.throws(
        () => parseVersionFlag(input),
        (err: unknown) => err instanceof VersionFlagError && /--jamfmcp-version/.test(err.message),
      );
    });
  }
  it('a very long value is cut in the message', () => {
    const long = 'x'.repeat(500);
    assert.throws(() => parseVersionFlag(long), (err: unknown) => err instanceof VersionFlagError && err.message.length < 200);
  });
});

describe('profileFor', () => {
  const rows: Array<[string, string, RegExp | null]> = [
    ['1.0.0', '1.0.0', null],
    ['1.0.1', '1.0.1', null],
    ['1.0.2', '1.0.2', null],
    ['1.0.9', '1.0.2', /1\.0\.9.*newer/],
    ['1.1.0', '1.0.2', /1\.1\.0/],
    ['0.9.0', '1.0.0', /0\.9\.0/],
  ];
  for (const [version, profile, warning] of rows) {
    it(`${version} → ${profile}${warning ? ' with a warning' : ''}`, () => {
      const got = profileFor(version);
      assert.equal(got.profile, profile);
      if (warning) assert.match(got.warning ?? '', warning);
      else assert.equal(got.warning, undefined);
    });
  }
  it('the profiles are 1.0.0, 1.0.1, 1.0.2 and the newest is 1.0.2', () => {
    assert.deepEqual([...JAMFMCP_VERSIONS], ['1.0.0', '1.0.1', '1.0.2']);
    assert.equal(NEWEST_JAMFMCP, '1.0.2');
  });
});

describe('jamfmcpRequirement', () => {
  const rows: Array<[string, ReturnType<typeof jamfmcpRequirement>]> = [
    ['jamfmcp', {}],
    ['JamfMCP', {}],
    ['jamfmcp@1.0.1', { pinned: '1.0.1' }],
    ['jamfmcp@latest', { latest: true }],
    ['jamfmcp==1.0.1', { pinned: '1.0.1' }],
    ['jamfmcp===1.0.1', { pinned: '1.0.1' }],
    ['jamfmcp[dev]==1.0.2', { pinned: '1.0.2' }],
    ['jamfmcp<1.0.2', { range: '<1.0.2' }],
    ['jamfmcp==1.0.1; python_version >= "3.13"', { pinned: '1.0.1' }],
    [GIT_101, { pinned: '1.0.1' }],
    ['git+https://github.com/liquidz00/jamfmcp@v1.0.2', { pinned: '1.0.2' }],
    ['git+https://github.com/liquidz00/jamfmcp', { latest: true }],
    ['jamfmcp-fork@1.0.1', undefined],
    ['jamfmcp-fork==1.0.1', undefined],
    ['other==1.0.1', undefined],
    ['myjamfmcp', undefined],
  ];
  for (const [spec, expected] of rows) {
    it(`${JSON.stringify(spec)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(jamfmcpRequirement(spec), expected);
    });
  }
});

describe('newestInRange', () => {
  const rows: Array<[string, string | undefined]> = [
    ['<1.0.2', '1.0.1'],
    ['<=1.0.1', '1.0.1'],
    ['>=1.0.1,<1.0.2', '1.0.1'],
    ['<1.0.1', '1.0.0'],
    ['==1.0.0', '1.0.0'],
    ['<1.0', undefined],
    ['>=1.0.1', undefined],
    ['!=1.0.2', undefined],
    ['<1.1', '1.0.2'],
  ];
  for (const [range, expected] of rows) {
    it(`${range} → ${expected ?? 'no upper bound / nothing allowed'}`, () => {
      assert.equal(newestInRange(range), expected);
    });
  }
});
