/** The server's Date header, read as HTTP requires (RFC 9110 §5.6.7), never leniently. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHttpDate } from '../../src/jamf/http.js';

describe('parseHttpDate', () => {
  const SUNDAY = Date.UTC(1994, 10, 6, 8, 49, 37);
  for (const [text, expected] of [
    ['Sun, 06 Nov 1994 08:49:37 GMT', SUNDAY],
    ['Sunday, 06-Nov-94 08:49:37 GMT', SUNDAY],
    ['Sun Nov  6 08:49:37 1994', SUNDAY],
    ['Fri, 27 Nov 2026 01:36:32 GMT', Date.UTC(2026, 10, 27, 1, 36, 32)],
  ] as const) {
    it(`${JSON.stringify(text)} is a date`, () => assert.equal(parseHttpDate(text), expected));
  }
  // Date.parse takes each of these (as 2000-01-01, a local time, a rollover…): the header is not an HTTP date.
  for (const text of ['0', 'garbage', '2026', '2026-11-27T01:36:32Z', 'Sun, 31 Feb 2026 00:00:00 GMT', 'Sun, 06 Nov 1994 08:49:37 PST', '']) {
    it(`${JSON.stringify(text)} is not`, () => assert.equal(parseHttpDate(text), undefined));
  }
});
