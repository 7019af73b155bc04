/**
 * Golden files (test/golden/): compare a rendering with its reviewed file. UPDATE_GOLDEN=1 rewrites
 * them; a missing file is written and the test fails, so that a new screen is reviewed by eye
 * before it is committed.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN = fileURLToPath(new URL('../../../test/golden/', import.meta.url));

export async function compareGolden(name: string, actual: string): Promise<void> {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    await mkdir(GOLDEN, { recursive: true });
    await writeFile(file, actual);
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`${name} did not exist: written; review it by eye, then commit it`);
    return;
  }
  assert.equal(actual, await readFile(file, 'utf8'), `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it; review the diff)`);
}

/** What differs between runs and machines, as fixed placeholders: times, dates, day counts. */
export const VOLATILE: Array<[RegExp, string]> = [
  // The test PKI is generated for each run.
  [/\b([0-9A-F]{2}:){19,}[0-9A-F]{2}\b/g, 'FINGERPRINT'],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, '2026-01-02T03:04:05Z'],
  [/\b\d{4}-\d{2}-\d{2}\b/g, '2026-01-02'],
  [/\b\d{2}:\d{2}:\d{2} UTC\b/g, '03:04:05 UTC'],
  [/\bin \d+ days\b/g, 'in N days'],
  [/\b\d+ (more )?days\b/g, 'N $1days'],
  [/\b\d+(\.\d+)? ?ms\b/g, 'N ms'],
  [/\b\d+(\.\d+)? ?s\b(?= )/g, 'N s'],
];

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
