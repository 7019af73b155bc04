/**
 * Redaction, the last line of defence: raw, URL-encoded and JSON-escaped forms; longest first;
 * short values ignored; fingerprints of identifiers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Secrets, fingerprint, urlPasswords } from '../../src/config/secrets.js';

const R = '[REDACTED]';

describe('Secrets.redact', () => {
  const PASSWORD = 'p@ss w"rd\\x&y';
  const CASES: Array<[string, string, string]> = [
    ['raw', `password=${PASSWORD}.`, `password=${R}.`],
    ['URL-encoded (encodeURIComponent)', `client_secret=${encodeURIComponent(PASSWORD)}&grant_type=x`, `client_secret=${R}&grant_type=x`],
    ['form-encoded (space as +)', `client_secret=${encodeURIComponent(PASSWORD).replace(/%20/g, '+')}`, `client_secret=${R}`],
    ['JSON-escaped', JSON.stringify({ password: PASSWORD }), `{"password":"${R}"}`],
    ['every occurrence', `${PASSWORD} and ${PASSWORD}`, `${R} and ${R}`],
  ];
  for (const [name, input, expected] of CASES) {
    it(`hides the ${name} form`, () => {
      const secrets = new Secrets();
      secrets.add(PASSWORD);
      const out = secrets.redact(input);
      assert.equal(out, expected);
      assert.ok(!out.includes('w"rd'), 'no fragment of the password left');
    });
  }

  it('replaces a secret that contains another as a whole (longest first), whatever the order of add', () => {
    for (const order of [
      ['secret', 'secret-longer'],
      ['secret-longer', 'secret'],
    ]) {
      const secrets = new Secrets();
      for (const value of order) secrets.add(value);
      assert.equal(secrets.redact('a secret-longer b secret c'), `a ${R} b ${R} c`);
    }
  });

  it('registers the trimmed form of a padded value', () => {
    const secrets = new Secrets();
    secrets.add('  padded-secret\n');
    assert.equal(secrets.redact('x padded-secret y'), `x ${R} y`);
  });

  it('ignores values shorter than 3 characters and undefined', () => {
    const secrets = new Secrets();
    secrets.add('ab');
    secrets.add('x');
    secrets.add('');
    secrets.add(undefined);
    assert.equal(secrets.size, 0);
    assert.equal(secrets.redact('ab x abc'), 'ab x abc');
  });

  it('redacts a value of exactly 3 characters', () => {
    const secrets = new Secrets();
    secrets.add('abc');
    assert.equal(secrets.redact('ab abc abcd'), `ab ${R} ${R}d`);
  });

  it('is case-sensitive and leaves unrelated text alone', () => {
    const secrets = new Secrets();
    secrets.add('Hunter22');
    assert.equal(secrets.redact('hunter22 Hunter22'), `hunter22 ${R}`);
    assert.equal(secrets.redact(''), '');
  });

  it('returns the text unchanged with no secrets', () => {
    assert.equal(new Secrets().redact('nothing to hide'), 'nothing to hide');
  });

  it('copes with a lone surrogate (cannot be URL-encoded)', () => {
    const secrets = new Secrets();
    secrets.add('\ud800abc');
    assert.equal(secrets.redact('x\ud800abcx'), `x${R}x`);
  });

  it(
    'ignores the encoded forms of a value that is itself too short',
    () => {
      const secrets = new Secrets();
      secrets.add(' ');
      secrets.add('/');
      assert.equal(secrets.size, 0);
      assert.equal(secrets.redact('Application%20Support%2Fx'), 'Application%20Support%2Fx');
    },
  );
});

describe('fingerprint', () => {
  const CASES: Array<[string, string]> = [
    ['api-user', 'api-…'],
    ['0d2c6a1e-0000-4000-8000-000000000000', '0d2c…'],
    ['abcde', 'abcd…'],
    ['  abcdef  ', 'abcd…'],
    ['abcd', '…'],
    ['ab', '…'],
    ['', '…'],
    ['😀😀😀😀😀', '😀😀😀😀…'],
  ];
  for (const [value, expected] of CASES) {
    it(`${JSON.stringify(value)} → ${expected}`, () => {
      assert.equal(fingerprint(value), expected);
    });
  }
  it('never shows more than 4 characters of the value', () => {
    const value = 'prod-client-id';
    const shown = fingerprint(value);
    assert.ok(shown.endsWith('…'));
    assert.equal([...shown].length, 5);
    assert.ok(!shown.includes('client'));
  });
});

describe('urlPasswords: the password in a URL, whatever the parsers make of it', () => {
  for (const [url, expected] of [
    ['https://apiuser:Sup3rSecret@jamf.example.com', ['Sup3rSecret']],
    ['apiuser:Sup3rSecret@localhost', ['Sup3rSecret']],
    ['puser:pw-1234@proxy.invalid:3128', ['pw-1234']],
    ['HTTPS://user:pa ss,x@host', ['pa ss,x']],
    ['http://user:Abc123/xyz9@proxy.invalid:3128', ['Abc123/xyz9']],
    ['http://user:p%40ss@proxy.invalid', ['p%40ss', 'p@ss']],
    ['https://jamf.example.com:8443', []],
    ['user@host', []],
  ] as const) {
    it(`${url} → ${JSON.stringify(expected)}`, () => assert.deepEqual(urlPasswords(url), expected));
  }
});
