/**
 * The layers run one way: cli → report → checks → domain (jamf, jamfmcp, mcp, explain) → engine →
 * config/net. A module may import its own layer or lower ones, never a higher one — type imports
 * and lazy import() included — so a change that would close a circle fails here.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const ROOT = fileURLToPath(new URL('../../../src/', import.meta.url));

/** Higher numbers sit higher: they may import lower numbers and their own. */
const RANK: Record<string, number> = {
  cli: 7,
  report: 6,
  checks: 5,
  jamf: 4,
  jamfmcp: 4,
  mcp: 4,
  explain: 4,
  engine: 3,
  config: 2,
  net: 2,
};

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(path)));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

function layerOf(file: string): string {
  return relative(ROOT, file).split(/[\\/]/)[0] ?? '';
}

describe('layers', () => {
  it('every top-level folder of src/ has a rank', async () => {
    const folders = (await readdir(ROOT, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    assert.deepEqual(folders.filter((f) => RANK[f] === undefined), []);
  });

  it('no module imports a higher layer (type imports and import() included)', async () => {
    const violations: string[] = [];
    let crossings = 0;
    for (const file of await sources(ROOT)) {
      const text = await readFile(file, 'utf8');
      const from = layerOf(file);
      for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)) {
        const target = resolve(dirname(file), match[1] as string);
        const to = layerOf(target);
        if (to === from) continue;
        crossings += 1;
        if ((RANK[to] ?? 99) > (RANK[from] ?? 0)) violations.push(`${relative(ROOT, file)} (${from}) imports ${match[1]} (${to})`);
      }
    }
    // The scan itself works: the code base crosses layers (downwards) in many places.
    assert.ok(crossings > 50, `only ${crossings} cross-layer imports found: is the pattern still right?`);
    assert.deepEqual(violations, []);
  });

  it('the doctor command loads the walkthrough, and the walkthrough never imports the doctor command back', async () => {
    const walkthrough = await readFile(join(ROOT, 'cli', 'walkthrough.ts'), 'utf8');
    const doctor = await readFile(join(ROOT, 'cli', 'doctor.ts'), 'utf8');
    assert.match(doctor, /import\('\.\/walkthrough\.js'\)/);
    assert.doesNotMatch(walkthrough, /'\.\/doctor\.js'/);
  });
});
