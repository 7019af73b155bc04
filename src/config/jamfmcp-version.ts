/**
 * Which JamfMCP version an MCP entry runs, read from its command and args (or given with
 * --jamfmcp-version), and which entry point it starts. The profiles that say how each version
 * behaves live in src/jamfmcp/; this file only knows their version numbers.
 *
 * Launch forms (liquidz00/jamfmcp): `uvx jamfmcp` (written by `jamfmcp-cli`, v1.0.2
 * src/jamfmcp/cli.py:156-176), `uv run --with jamfmcp jamfmcp` and `uv run --project <dir> jamfmcp`
 * (same file, --dev), `fastmcp run src/jamfmcp/server.py:mcp` (v1.0.1 docs/api-reference/server.md:112)
 * and `python -m jamfmcp.server`, which works through server.py's `if __name__ == "__main__"` guard
 * (v1.0.2 src/jamfmcp/server.py:2534-2535). The package has no __main__.py, so `python -m jamfmcp`
 * starts nothing.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

/** The JamfMCP releases the doctor has a profile for, oldest first. */
export const JAMFMCP_VERSIONS = ['1.0.0', '1.0.1', '1.0.2'] as const;
export type JamfmcpVersion = (typeof JAMFMCP_VERSIONS)[number];
export const NEWEST_JAMFMCP: JamfmcpVersion = '1.0.2';

/** What the entry's command starts: a console script of the package, its server module, or FastMCP's runner. */
export type EntryPoint = 'script:jamfmcp' | 'script:jamfmcp-cli' | 'module:jamfmcp.server' | 'module:jamfmcp' | 'fastmcp-run' | 'unknown';

export interface VersionChoice {
  /** The profile the run judges by. */
  profile: JamfmcpVersion;
  /** The version the entry or --jamfmcp-version names, when it names one. */
  requested?: string;
  /** Where the version came from. */
  source: 'flag' | 'pin' | 'project' | 'virtualenv' | 'unpinned' | 'no-entry';
  /** One sentence for the report header: "newest known; the entry is unpinned". */
  reason: string;
  /** Set when the profile is a guess: a version newer than any profile, unreadable metadata… */
  warning?: string;
  /** What the entry's command starts. */
  entryPoint: EntryPoint;
  /** The command line as the doctor read it, e.g. "uvx jamfmcp@1.0.1". */
  launch?: string;
}

export class VersionFlagError extends Error {}

/** `--jamfmcp-version`: a release number such as 1.0.1, or `latest`. */
export function parseVersionFlag(value: string): string {
  const trimmed = value.trim();
  if (trimmed === 'latest' || /^\d+\.\d+\.\d+$/.test(trimmed)) return trimmed;
  throw new VersionFlagError(`--jamfmcp-version: "${value.slice(0, 40)}" is not a version (use a release number such as 1.0.1, or latest)`);
}

type Parts = [number, number, number];
const parts = (version: string): Parts => {
  const [a = 0, b = 0, c = 0] = version.split('.').map((n) => Number.parseInt(n, 10) || 0);
  return [a, b, c];
};
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] as number) !== (y[i] as number)) return (x[i] as number) - (y[i] as number);
  return 0;
}

/** The profile for a named version: itself when known, else the nearest known one, with a warning. */
export function profileFor(version: string): { profile: JamfmcpVersion; warning?: string } {
  const known = JAMFMCP_VERSIONS.find((v) => compareVersions(v, version) === 0);
  if (known) return { profile: known };
  if (compareVersions(version, NEWEST_JAMFMCP) > 0) {
    return { profile: NEWEST_JAMFMCP, warning: `JamfMCP ${version} is newer than any version the doctor knows; it is judged as ${NEWEST_JAMFMCP}, the newest it knows` };
  }
  const oldest = JAMFMCP_VERSIONS[0];
  if (compareVersions(version, oldest) < 0) {
    return { profile: oldest, warning: `no JamfMCP release ${version} is known (the first is ${oldest}); it is judged as ${oldest}` };
  }
  const below = [...JAMFMCP_VERSIONS].reverse().find((v) => compareVersions(v, version) < 0) ?? oldest;
  return { profile: below, warning: `JamfMCP ${version} is not a release the doctor knows; it is judged as ${below}, the release before it` };
}

const PACKAGE = /^jamfmcp(?:\[[^\]]*\])?$/i;

/**
 * A requirement or uv spec for the jamfmcp package: `jamfmcp`, `jamfmcp@1.0.1`, `jamfmcp==1.0.1`,
 * `jamfmcp @ git+https://…@v1.0.1`, `jamfmcp<1.0.2`. Returns undefined when it names another package.
 */
export function jamfmcpRequirement(spec: string): { pinned?: string; range?: string; latest?: boolean } | undefined {
  const text = spec.trim();
  const git = /^(?:jamfmcp\s*@\s*)?git\+\S*liquidz00\/jamfmcp(?:\.git)?(?:@([^#\s]+))?/i.exec(text);
  if (git) {
    const ref = git[1];
    const tag = ref ? /^v?(\d+\.\d+\.\d+)$/.exec(ref)?.[1] : undefined;
    return tag ? { pinned: tag } : { latest: true };
  }
  const at = /^([A-Za-z0-9_.[\],-]+)@(.+)$/.exec(text);
  if (at) {
    if (!PACKAGE.test(at[1] as string)) return undefined;
    const version = (at[2] as string).trim();
    if (version === 'latest') return { latest: true };
    return /^v?\d+\.\d+\.\d+$/.test(version) ? { pinned: version.replace(/^v/, '') } : { latest: true };
  }
  const req = /^([A-Za-z0-9_.[\],-]+)\s*(.*)$/.exec(text);
  if (!req || !PACKAGE.test(req[1] as string)) return undefined;
  const constraint = (req[2] ?? '').replace(/;.*$/, '').trim();
  if (constraint === '') return {};
  const exact = /^={2,3}\s*(\d+\.\d+\.\d+)$/.exec(constraint);
  if (exact) return { pinned: exact[1] as string };
  return { range: constraint };
}

/** The newest known release a simple range (`<1.0.2`, `<=1.0.1`, `>=1.0.1,<1.0.2`) allows, if an upper bound limits it. */
export function newestInRange(range: string): JamfmcpVersion | undefined {
  const clauses = range.split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (!clauses.some((c) => /^(<|<=|==)/.test(c))) return undefined;
  const allowed = JAMFMCP_VERSIONS.filter((v) =>
    clauses.every((clause) => {
      const m = /^(<=|>=|==|!=|~=|<|>)\s*(\d+\.\d+(?:\.\d+)?)$/.exec(clause);
      if (!m) return true;
      const cmp = compareVersions(v, m[2] as string);
      switch (m[1]) {
        case '<':
          return cmp < 0;
        case '<=':
          return cmp <= 0;
        case '>':
          return cmp > 0;
        case '>=':
        case '~=':
          return cmp >= 0;
        case '==':
          return cmp === 0;
        default:
          return cmp !== 0;
      }
    }),
  );
  return allowed[allowed.length - 1];
}

/**
 * `--with a,b>=1,<2`: uv splits on commas, but not inside one requirement's version specifiers
 * (astral-sh/uv#9089): a comma followed by an operator continues the previous requirement.
 */
function splitRequirements(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(',')) {
    if (out.length > 0 && /^\s*(===|==|!=|~=|<=|>=|<|>)/.test(part)) out[out.length - 1] += `,${part}`;
    else out.push(part);
  }
  return out;
}

/** uv and pipx options that take a value (so the value is not mistaken for the command). */
const VALUE_OPTIONS = new Set([
  '--from', '--with', '--with-editable', '--with-requirements', '--python', '-p', '--index', '--index-url', '-i',
  '--extra-index-url', '--default-index', '--find-links', '-f', '--directory', '--project', '--config-file', '--cache-dir',
  '--constraints', '-c', '--overrides', '--build-constraints', '-b', '--refresh-package', '--reinstall-package',
  '--upgrade-package', '-P', '--exclude-newer', '--prerelease', '--resolution', '--index-strategy', '--keyring-provider',
  '--link-mode', '--python-platform', '--color', '--env-file', '--package', '--extra', '--group', '--only-group',
  '--no-group', '--spec', '--pip-args', '--allow-insecure-host', '--no-binary-package', '--no-build-package',
]);

interface ParsedOptions {
  options: Array<[string, string | undefined]>;
  rest: string[];
}

/** Split `[options] command args…` as uv and pipx do: options first, then the command and its own args. */
function splitOptions(args: readonly string[]): ParsedOptions {
  const options: Array<[string, string | undefined]> = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      i += 1;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const eq = arg.indexOf('=');
    if (eq > 0) {
      options.push([arg.slice(0, eq), arg.slice(eq + 1)]);
    } else if (VALUE_OPTIONS.has(arg)) {
      options.push([arg, args[i + 1]]);
      i += 1;
    } else {
      options.push([arg, undefined]);
    }
  }
  return { options, rest: args.slice(i) };
}

const option = (parsed: ParsedOptions, ...names: string[]): string[] =>
  parsed.options.filter(([name, value]) => names.includes(name) && value !== undefined).map(([, value]) => value as string);

/** Where the command really runs from, for version files: a virtualenv's bin/Scripts folder. */
function virtualenvOf(command: string): string | undefined {
  const dir = dirname(command);
  return /^(bin|Scripts)$/i.test(basename(dir)) && isAbsolute(command) ? dirname(dir) : undefined;
}

const execName = (command: string): string => basename(command.replace(/\\/g, '/')).replace(/\.exe$/i, '').toLowerCase();

/** What `cmd args…` starts, when cmd is run inside an environment that has jamfmcp installed. */
function entryPointOf(rest: readonly string[]): { entryPoint: EntryPoint; fastmcpPath?: string } {
  const [first = '', ...more] = rest;
  const name = execName(first);
  if (name === 'jamfmcp') return { entryPoint: 'script:jamfmcp' };
  if (name === 'jamfmcp-cli') return { entryPoint: 'script:jamfmcp-cli' };
  if (/^python(\d+(\.\d+)?)?w?$/.test(name) || first === '-m' || first === '--module') {
    const m = first === '-m' || first === '--module' ? rest : more;
    const index = m.findIndex((a) => a === '-m' || a === '--module');
    const module = index >= 0 ? m[index + 1] : first === '-m' || first === '--module' ? m[1] : undefined;
    if (module === 'jamfmcp.server') return { entryPoint: 'module:jamfmcp.server' };
    if (module === 'jamfmcp.cli') return { entryPoint: 'script:jamfmcp-cli' };
    // No src/jamfmcp/__main__.py at v1.0.1 or v1.0.2: Python exits with "No module named jamfmcp.__main__".
    if (module === 'jamfmcp') return { entryPoint: 'module:jamfmcp' };
    return { entryPoint: 'unknown' };
  }
  if (name === 'fastmcp' && more[0] === 'run') {
    const spec = more[1];
    if (spec && /jamfmcp[\\/]server\.py(:\w+)?$/.test(spec)) return { entryPoint: 'fastmcp-run', fastmcpPath: spec.replace(/:\w+$/, '') };
    if (spec && /^jamfmcp\.server(:\w+)?$/.test(spec)) return { entryPoint: 'fastmcp-run' };
  }
  return { entryPoint: 'unknown' };
}

export interface VersionFiles {
  /** The version a project folder (a checkout of jamfmcp) declares. */
  projectVersion(dir: string): Promise<string | undefined>;
  /** The jamfmcp version installed in a virtualenv. */
  virtualenvVersion(venv: string): Promise<string | undefined>;
}

/**
 * The version an entry runs and what it starts. `cwd` resolves relative paths (the client's working
 * directory is not known; the doctor's is the best guess, and the reason says so).
 */
export async function detectJamfmcpVersion(
  entry: { command?: string; args: readonly string[] } | undefined,
  flag: string | undefined,
  files: VersionFiles = diskVersionFiles,
  cwd = process.cwd(),
): Promise<VersionChoice> {
  const detected = entry ? await fromEntry(entry, files, cwd) : undefined;
  const entryPoint = detected?.entryPoint ?? 'unknown';
  const launch = entry ? [entry.command ?? '', ...entry.args].join(' ').trim() : undefined;
  const base = { entryPoint, ...(launch ? { launch } : {}) };
  if (flag !== undefined) {
    if (flag === 'latest') return { ...base, profile: NEWEST_JAMFMCP, source: 'flag', reason: `newest known (--jamfmcp-version latest)` };
    const { profile, warning } = profileFor(flag);
    return { ...base, profile, requested: flag, source: 'flag', reason: `--jamfmcp-version ${flag}`, ...(warning ? { warning } : {}) };
  }
  if (!entry) {
    return { ...base, profile: NEWEST_JAMFMCP, source: 'no-entry', reason: 'newest known; no MCP entry names a version (pass --jamfmcp-version to judge another)' };
  }
  if (detected?.version) {
    const { profile, warning } = profileFor(detected.version);
    return { ...base, profile, requested: detected.version, source: detected.source, reason: detected.reason, ...(warning ? { warning } : {}) };
  }
  if (detected?.range) {
    return { ...base, profile: detected.range, source: 'pin', reason: detected.reason };
  }
  return {
    ...base,
    profile: NEWEST_JAMFMCP,
    source: 'unpinned',
    reason: detected?.reason ?? 'newest known; the entry is unpinned',
    ...(detected?.warning ? { warning: detected.warning } : {}),
  };
}

interface Detected {
  version?: string;
  range?: JamfmcpVersion;
  source: 'pin' | 'project' | 'virtualenv' | 'unpinned';
  reason: string;
  warning?: string;
  entryPoint: EntryPoint;
}

async function fromEntry(entry: { command?: string; args: readonly string[] }, files: VersionFiles, cwd: string): Promise<Detected> {
  const command = entry.command ?? '';
  const name = execName(command);
  const args = entry.args;
  const unpinned = (entryPoint: EntryPoint, why = 'newest known; the entry is unpinned'): Detected => ({ source: 'unpinned', reason: why, entryPoint });
  const fromRequirement = (spec: string, entryPoint: EntryPoint, where: string): Detected | undefined => {
    const req = jamfmcpRequirement(spec);
    if (!req) return undefined;
    if (req.pinned) return { version: req.pinned, source: 'pin', reason: `pinned in the entry (${where})`, entryPoint };
    if (req.range) {
      const newest = newestInRange(req.range);
      if (newest) return { range: newest, source: 'pin', reason: `${newest}: the newest known release that ${where} allows`, entryPoint };
    }
    return unpinned(entryPoint, `newest known; ${where} does not pin a version`);
  };

  // uvx … / uv tool run …
  if (name === 'uvx' || (name === 'uv' && args[0] === 'tool' && args[1] === 'run')) {
    const parsed = splitOptions(name === 'uvx' ? args : args.slice(2));
    const [spec = '', ...rest] = parsed.rest;
    const from = option(parsed, '--from')[0];
    const commandName = spec.replace(/(@|==|===).*$/, '');
    const { entryPoint } = entryPointOf([commandName, ...rest]);
    if (from !== undefined) {
      const local = /^(\.|\/|~|[A-Za-z]:\\)/.test(from) ? resolve(cwd, from) : undefined;
      if (local) return fromProject(local, entryPoint, files, `--from ${from}`);
      return fromRequirement(from, entryPoint, `--from ${from}`) ?? unpinned(entryPoint);
    }
    return fromRequirement(spec, entryPoint, spec) ?? unpinned(entryPoint);
  }

  // uv run …
  if (name === 'uv' && args[0] === 'run') {
    const parsed = splitOptions(args.slice(1));
    const moduleOption = parsed.options.find(([o]) => o === '-m' || o === '--module');
    const { entryPoint } = entryPointOf(moduleOption ? ['-m', ...parsed.rest] : parsed.rest);
    // --directory changes the working directory the command runs in; --project only picks the project.
    const directory = option(parsed, '--directory')[0];
    const runDir = directory !== undefined ? resolve(cwd, directory) : cwd;
    const projectOption = parsed.options.find(([o, v]) => (o === '--project' || o === '--directory') && v !== undefined);
    let projectResult: Detected | undefined;
    if (projectOption) {
      const [name, value] = projectOption as [string, string];
      projectResult = await fromProject(resolve(cwd, value), entryPoint, files, `${name} ${value}`);
      if (projectResult.version) return projectResult;
    }
    for (const withSpec of option(parsed, '--with')) {
      for (const part of splitRequirements(withSpec)) {
        const found = fromRequirement(part, entryPoint, `--with ${withSpec}`);
        if (found) return found;
      }
    }
    const fast = entryPointOf(parsed.rest).fastmcpPath;
    if (fast) return fromCheckout(resolve(runDir, fast), entryPoint, files);
    return projectResult ?? unpinned(entryPoint, 'newest known; uv run does not pin a jamfmcp version here');
  }

  // pipx run …
  if (name === 'pipx' && args[0] === 'run') {
    const parsed = splitOptions(args.slice(1));
    const [app = '', ...rest] = parsed.rest;
    const { entryPoint } = entryPointOf([app.replace(/(@|==|===).*$/, ''), ...rest]);
    const spec = option(parsed, '--spec')[0] ?? app;
    return fromRequirement(spec, entryPoint, spec) ?? unpinned(entryPoint);
  }

  // fastmcp run <checkout>/src/jamfmcp/server.py:mcp
  const direct = entryPointOf([command, ...args]);
  if (direct.fastmcpPath) return fromCheckout(resolve(cwd, direct.fastmcpPath), direct.entryPoint, files);

  // A console script or python inside a virtualenv: read what is installed there.
  const venv = virtualenvOf(command);
  if (venv && direct.entryPoint !== 'unknown') {
    const version = await files.virtualenvVersion(venv);
    if (version) return { version, source: 'virtualenv', reason: `installed in the virtualenv ${venv}`, entryPoint: direct.entryPoint };
    return { ...unpinned(direct.entryPoint, 'newest known; the virtualenv\'s jamfmcp version could not be read'), warning: `cannot read which jamfmcp version ${venv} holds; judged as the newest known` };
  }
  return unpinned(direct.entryPoint, direct.entryPoint === 'unknown' ? 'newest known; the entry does not say which jamfmcp it runs' : 'newest known; the entry is unpinned');
}

async function fromProject(dir: string, entryPoint: EntryPoint, files: VersionFiles, where: string): Promise<Detected> {
  const version = await files.projectVersion(dir);
  if (version) return { version, source: 'project', reason: `the project at ${dir} (${where}) is jamfmcp ${version}`, entryPoint };
  return { source: 'unpinned', reason: 'newest known; the project folder\'s version could not be read', warning: `cannot read a jamfmcp version in ${dir} (${where}); judged as the newest known`, entryPoint };
}

async function fromCheckout(serverPy: string, entryPoint: EntryPoint, files: VersionFiles): Promise<Detected> {
  // <checkout>/src/jamfmcp/server.py → <checkout>
  const root = dirname(dirname(dirname(serverPy)));
  return fromProject(root, entryPoint, files, `fastmcp run ${serverPy}`);
}

const MAX_VERSION_FILE = 256 * 1024;

async function smallText(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_VERSION_FILE) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The real files: a checkout's pyproject.toml / __about__.py, a virtualenv's dist-info. */
export const diskVersionFiles: VersionFiles = {
  async projectVersion(dir) {
    const pyproject = await smallText(join(dir, 'pyproject.toml'));
    if (!pyproject || !/^\s*name\s*=\s*["']jamfmcp["']/m.test(pyproject)) return undefined;
    const fixed = /^\s*version\s*=\s*["'](\d+\.\d+\.\d+)["']/m.exec(pyproject)?.[1];
    if (fixed) return fixed;
    // v1.0.2 pyproject.toml: version = { attr = "jamfmcp.__about__.__version__" }
    for (const about of [join(dir, 'src', 'jamfmcp', '__about__.py'), join(dir, 'jamfmcp', '__about__.py')]) {
      const text = await smallText(about);
      const version = text && /^__version__\s*=\s*["'](\d+\.\d+\.\d+)["']/m.exec(text)?.[1];
      if (version) return version;
    }
    return undefined;
  },
  async virtualenvVersion(venv) {
    const sitePackages: string[] = [join(venv, 'Lib', 'site-packages')];
    try {
      for (const entry of await readdir(join(venv, 'lib'))) if (/^python\d/.test(entry)) sitePackages.push(join(venv, 'lib', entry, 'site-packages'));
    } catch {
      // not a POSIX virtualenv
    }
    for (const dir of sitePackages) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        continue;
      }
      const info = names.find((n) => /^jamfmcp-\d+\.\d+\.\d+\.dist-info$/i.test(n));
      if (!info) continue;
      const metadata = await smallText(join(dir, info, 'METADATA'));
      return (metadata && /^Version:\s*(\S+)/m.exec(metadata)?.[1]) ?? /^jamfmcp-(\d+\.\d+\.\d+)/i.exec(info)?.[1];
    }
    return undefined;
  },
};
