// Small benchmark helpers: spawn commands many times, interleaved, and report medians.
import { spawn } from 'node:child_process';

export function runOnce(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore'], ...options });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code }));
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Run each case `runs` times, interleaved (a, b, c, a, b, c…) so machine noise hits all alike. */
export async function interleaved(cases, runs, warmup = 2) {
  const times = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < warmup + runs; i++) {
    for (const c of cases) {
      const { ms } = await runOnce(c.command, c.args, c.options);
      if (i >= warmup) times.get(c.name).push(ms);
    }
  }
  return new Map([...times].map(([name, list]) => [name, { median: median(list), runs: list.length }]));
}
