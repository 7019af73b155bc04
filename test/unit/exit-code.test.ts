/** The exit-code contract, computed in one place. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT, exitCodeFor } from '../../src/report/exit-code.js';
import type { Status } from '../../src/checks/types.js';

const summary = (counts: Partial<Record<Status, number>>): Record<Status, number> => ({ pass: 0, warn: 0, fail: 0, skip: 0, error: 0, ...counts });

describe('EXIT', () => {
  it('has the documented values', () => {
    assert.deepEqual({ ...EXIT }, { ok: 0, problems: 1, usage: 2, internal: 3, interrupted: 130 });
  });
});

describe('exitCodeFor', () => {
  const CASES: Array<[string, Partial<Record<Status, number>>, boolean, number]> = [
    ['all pass', { pass: 4 }, false, 0],
    ['all pass, strict', { pass: 4 }, true, 0],
    ['nothing ran', {}, false, 0],
    ['skips only', { skip: 3 }, false, 0],
    ['skips only, strict', { skip: 3 }, true, 0],
    ['a fail', { pass: 2, fail: 1 }, false, 1],
    ['a fail, strict', { fail: 1 }, true, 1],
    ['error only', { pass: 2, error: 1 }, false, 3],
    ['error only, strict', { error: 1 }, true, 3],
    ['fail + error: the actionable problem wins', { fail: 1, error: 1 }, false, 1],
    ['warn', { pass: 1, warn: 2 }, false, 0],
    ['warn + strict', { pass: 1, warn: 1 }, true, 1],
    ['warn + error', { warn: 1, error: 1 }, false, 3],
    ['warn + error, strict', { warn: 1, error: 1 }, true, 3],
    ['warn + skip', { warn: 1, skip: 5 }, false, 0],
  ];
  for (const [name, counts, strict, code] of CASES) {
    it(`${name}${strict ? ' (--strict)' : ''} → ${code}`, () => {
      assert.equal(exitCodeFor(summary(counts), strict), code);
    });
  }
});
