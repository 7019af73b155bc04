// Figure 1: start-up. `jamfmcp --version` and `jamfmcp doctor --help` against bare `node -e ""`, same
// run, interleaved; also the unbundled tsc output, to show what the esbuild bundle buys.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, NODE, ROOT, interleaved, report } from './lib.mjs';

export async function startup(runs = 30) {
  const unbundled = join(ROOT, 'dist/src/cli/entry.js');
  const cases = [
    { name: 'node', command: NODE, args: ['-e', ''] },
    { name: 'version', command: NODE, args: [CLI, '--version'] },
    { name: 'help', command: NODE, args: [CLI, 'doctor', '--help'] },
    ...(existsSync(unbundled)
      ? [
          { name: 'version-unbundled', command: NODE, args: [unbundled, '--version'] },
          { name: 'help-unbundled', command: NODE, args: [unbundled, 'doctor', '--help'] },
        ]
      : []),
  ];
  const m = await interleaved(cases, runs);
  const base = m.get('node');
  let ok = true;
  for (const [name, label] of [
    ['version', 'jamfmcp --version'],
    ['help', 'jamfmcp doctor --help'],
  ]) {
    const ratio = m.get(name) / base;
    ok = report(`start-up ${label} (median of ${runs})`, { value: m.get(name), unit: 'ms', baseline: base, baselineName: 'node -e ""', ratio, target: '<= 1.30x', met: ratio <= 1.3 }) && ok;
  }
  for (const name of ['version-unbundled', 'help-unbundled']) {
    if (m.has(name)) console.log(`info  ${name} (tsc output, no bundle): ${m.get(name).toFixed(1)} ms  ratio ${(m.get(name) / base).toFixed(2)}`);
  }
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await startup()) ? 0 : 1;
