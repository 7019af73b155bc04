/** --timeout values: units, bare numbers as seconds, and the one-line messages of rejections. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration } from '../../src/cli/duration.js';

describe('parseDuration: accepted', () => {
  const CASES: Array<[string, number]> = [
    ['500ms', 500],
    ['10s', 10_000],
    ['1.5s', 1_500],
    ['2m', 120_000],
    ['2min', 120_000],
    ['3sec', 3_000],
    ['5', 5_000],
    ['1.5', 1_500],
    ['10S', 10_000],
    ['500MS', 500],
    [' 10 s ', 10_000],
    ['1ms', 1],
    ['0.5ms', 1],
    ['10m', 600_000],
    ['600000ms', 600_000],
  ];
  for (const [text, ms] of CASES) {
    it(`${JSON.stringify(text)} → ${ms} ms`, () => {
      assert.equal(parseDuration(text), ms);
    });
  }
});

describe('parseDuration: rejected', () => {
  const NOT = (t: string): string => `"${t}" is not a duration (use e.g. 500ms, 10s or 2m)`;
  const CASES: Array<[string, string]> = [
    ['abc', NOT('abc')],
    ['', NOT('')],
    ['-1', NOT('-1')],
    ['-5s', NOT('-5s')],
    ['1h', NOT('1h')],
    ['10s5', NOT('10s5')],
    ['1e3', NOT('1e3')],
    ['Infinity', NOT('Infinity')],
    ['0', '"0" is too short (at least 1ms)'],
    ['0s', '"0s" is too short (at least 1ms)'],
    ['0.4ms', '"0.4ms" is too short (at least 1ms)'],
    ['11m', '"11m" is too long (at most 10m)'],
    ['600001ms', '"600001ms" is too long (at most 10m)'],
    ['10000', '"10000" is too long (at most 10m)'],
  ];
  for (const [text, message] of CASES) {
    it(`${JSON.stringify(text)} → ${message}`, () => {
      assert.throws(() => parseDuration(text), (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.equal(error.message, message);
        assert.ok(!error.message.includes('\n'), 'one line');
        return true;
      });
    });
  }
});
