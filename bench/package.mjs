// Figure 5: the package as shipped. Installs the packed tarball into an empty folder, offline, and
// measures time, size and package count against the layout before issue 15 ("today's": the same
// bundles with commander, @inquirer/prompts, chalk, ora, undici, the MCP SDK, jsonc-parser and
// smol-toml as runtime dependencies), measured in the same run, interleaved. Then the standalone
// binary: its size, and its start-up against `node -e ""` and against `node bin/jamfmcp.js`.
//
// The baseline installs from a lockfile (npm ci, tarballs from the npm cache: this machine has no
// network, and without a lockfile npm would need the registry's package documents). That flatters the
// baseline: a first `npx` of the old layout would also resolve 149 packages over the network.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, NODE, ROOT, median, interleaved, report, runOnce } from './lib.mjs';

/** What was a runtime dependency before issue 15 (package.json at 99f43af). */
const FORMER_DEPENDENCIES = {
  '@inquirer/prompts': '^7.10.1',
  '@modelcontextprotocol/sdk': '^1.32.2',
  chalk: '^5.6.2',
  commander: '^14.0.3',
  'jsonc-parser': '^3.3.1',
  ora: '^8.2.0',
  'smol-toml': '^1.9.1',
  undici: '^7.30.2',
};

const npm = (args, cwd) => execFileSync('npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

function sizeOf(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

function countPackages(nodeModules) {
  let count = 0;
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    const dirs = name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((n) => join(nodeModules, name, n)) : [join(nodeModules, name)];
    for (const dir of dirs) {
      if (existsSync(join(dir, 'package.json'))) count += 1;
      if (existsSync(join(dir, 'node_modules'))) count += countPackages(join(dir, 'node_modules'));
    }
  }
  return count;
}

/**
 * The entries of this repository's lockfile that the former dependencies pull in (dependencies and
 * required peers, resolved the way Node looks up node_modules), as production entries.
 */
function formerTree() {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')).packages;
  const resolve = (from, name) => {
    for (let base = from; ; ) {
      const key = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
      if (lock[key]) return key;
      if (!base) return undefined;
      const i = base.lastIndexOf('/node_modules/');
      base = i >= 0 ? base.slice(0, i) : '';
    }
  };
  const keep = new Map();
  const todo = Object.keys(FORMER_DEPENDENCIES).map((name) => resolve('', name));
  while (todo.length > 0) {
    const key = todo.pop();
    if (key === undefined || keep.has(key)) continue;
    const { dev, ...entry } = lock[key];
    // The registry address, so that npm finds the tarball in its cache by integrity.
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    entry.resolved ??= `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
    keep.set(key, entry);
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((n) => !entry.peerDependenciesMeta?.[n]?.optional);
    for (const name of [...Object.keys(entry.dependencies ?? {}), ...peers]) todo.push(resolve(key, name));
  }
  return Object.fromEntries(keep);
}

/** Pack the package (and the former layout); returns the two install folders' set-up and clean-up. */
function prepare(dir) {
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const tarball = join(dir, npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], ROOT).trim().split('\n').pop());

  const former = join(dir, 'former');
  mkdirSync(join(former, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'bin'), join(former, 'bin'), { recursive: true });
  for (const file of ['jamfmcp.cjs', 'doctor.cjs']) cpSync(join(ROOT, 'dist', file), join(former, 'dist', file));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  writeFileSync(join(former, 'package.json'), JSON.stringify({ name: manifest.name, version, bin: manifest.bin, engines: manifest.engines, dependencies: FORMER_DEPENDENCIES }));
  // Same name and version: packed into its own folder so that it does not overwrite the other.
  const formerTarball = join(former, npm(['pack', '--silent'], former).trim().split('\n').pop());

  const fresh = (name) => {
    const folder = join(dir, name);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    return folder;
  };
  const cache = join(dir, 'npm-cache-unused');
  return {
    tarball,
    formerTarball,
    /** npm install <tarball> into an empty folder, offline. */
    installNew() {
      const folder = fresh('install-new');
      writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0', private: true }));
      return { folder, command: 'npm', args: ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', `--cache=${cache}`, tarball], cwd: folder };
    },
    /** npm ci of the former layout from a lockfile, offline, tarballs from the default npm cache. */
    installFormer() {
      const folder = fresh('install-former');
      writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0', private: true, dependencies: { [manifest.name]: `file:${formerTarball}` } }));
      const packages = {
        '': { name: 'empty', version: '1.0.0', dependencies: { [manifest.name]: `file:${formerTarball}` } },
        [`node_modules/${manifest.name}`]: { version, resolved: `file:${formerTarball}`, dependencies: FORMER_DEPENDENCIES, bin: manifest.bin },
        ...formerTree(),
      };
      writeFileSync(join(folder, 'package-lock.json'), JSON.stringify({ name: 'empty', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
      return { folder, command: 'npm', args: ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], cwd: folder };
    },
  };
}

function timeInstall(step) {
  const started = process.hrtime.bigint();
  try {
    execFileSync(step.command, step.args, { cwd: step.cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' } });
  } catch (error) {
    throw new Error(`${step.command} ${step.args.join(' ')} failed in ${step.cwd}: ${String(error.stderr).trim().split('\n')[0]}`);
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function packageFigures(runs = 5) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-package-'));
  let ok = true;
  try {
    const p = prepare(dir);
    const times = { new: [], former: [] };
    let last = {};
    for (let i = 0; i < runs + 1; i++) {
      for (const [name, make] of [['new', p.installNew], ['former', p.installFormer]]) {
        const step = make();
        const ms = timeInstall(step);
        if (i > 0) times[name].push(ms);
        last[name] = step.folder;
      }
    }
    const figures = Object.fromEntries(
      Object.entries(last).map(([name, folder]) => [name, { ms: median(times[name]), mb: sizeOf(join(folder, 'node_modules')) / 1e6, packages: countPackages(join(folder, 'node_modules')) }]),
    );
    console.log(`info  packed tarball: ${(statSync(p.tarball).size / 1e3).toFixed(0)} kB (former layout's own tarball ${(statSync(p.formerTarball).size / 1e3).toFixed(0)} kB, plus its dependencies)`);
    ok = report(`offline install of the tarball into an empty folder (median of ${runs})`, { value: figures.new.ms, unit: 'ms', baseline: figures.former.ms, baselineName: 'former layout (npm ci)', ratio: figures.new.ms / figures.former.ms, target: '<= 0.50x and <= 5 s', met: figures.new.ms <= figures.former.ms * 0.5 && figures.new.ms <= 5000 }) && ok;
    ok = report('installed size (node_modules)', { value: figures.new.mb, unit: 'MB', baseline: figures.former.mb, baselineName: 'former layout', ratio: figures.new.mb / figures.former.mb, target: '<= 5 MB', met: figures.new.mb <= 5 }) && ok;
    ok = report('packages installed', { value: figures.new.packages, unit: 'packages', baseline: figures.former.packages, baselineName: 'former layout', ratio: figures.new.packages / figures.former.packages, target: 'exactly 1', met: figures.new.packages === 1 }) && ok;

    // The standalone binary (built here unless dist/binary already has one from this build).
    const binary = join(ROOT, 'dist', 'binary', 'jamfmcp-doctor');
    execFileSync(NODE, [join(ROOT, 'scripts', 'build-binary.mjs')], { stdio: ['ignore', 'ignore', 'pipe'] });
    const probe = await runOnce(binary, ['--version']);
    if (probe.code !== 0) throw new Error(`the binary exited ${probe.code} on --version`);
    console.log(`info  standalone binary: ${(statSync(binary).size / 1e6).toFixed(1)} MB (the node it copies: ${(statSync(NODE).size / 1e6).toFixed(1)} MB)`);
    const m = await interleaved(
      [
        { name: 'node', command: NODE, args: ['-e', ''] },
        { name: 'package', command: NODE, args: [CLI, '--version'] },
        { name: 'binary', command: binary, args: ['--version'] },
      ],
      20,
    );
    console.log(`info  jamfmcp-doctor --version from the package: ${m.get('package').toFixed(1)} ms  ratio ${(m.get('package') / m.get('node')).toFixed(2)} against node -e ""`);
    const ratio = m.get('binary') / m.get('node');
    ok = report('start-up of the binary, --version (median of 20)', { value: m.get('binary'), unit: 'ms', baseline: m.get('node'), baselineName: 'node -e ""', ratio, target: '<= 1.50x', met: ratio <= 1.5 }) && ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await packageFigures()) ? 0 : 1;
