/** `--connect-to HOST:PORT:ADDR:PORT2`, curl's syntax: parsing, its errors, and which connection a mapping takes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectToError, mapEndpoint, parseConnectTo } from '../../src/net/connect-to.js';

describe('--connect-to', () => {
  it('parses host, ports and address; IPv6 keeps its brackets out of the fields', () => {
    assert.deepEqual(parseConnectTo('Jamf.Example.com:443:127.0.0.1:8443'), { host: 'jamf.example.com', port: 443, toHost: '127.0.0.1', toPort: 8443, text: 'Jamf.Example.com:443:127.0.0.1:8443' });
    assert.deepEqual(parseConnectTo('[2001:db8::1]:443:[::1]:9443'), { host: '2001:db8::1', port: 443, toHost: '::1', toPort: 9443, text: '[2001:db8::1]:443:[::1]:9443' });
    // Empty fields mean "any host", "any port", "same host", "same port" (as in curl).
    assert.deepEqual(parseConnectTo('::127.0.0.2:'), { host: '', toHost: '127.0.0.2', text: '::127.0.0.2:' });
  });
  for (const [value, words] of [
    ['nonsense', /expected HOST:PORT:ADDR:PORT2/],
    ['a:443:b', /expected HOST:PORT:ADDR:PORT2/],
    ['a:443:b:0', /PORT2 "0" is not a port/],
    ['a:99999:b:1', /PORT "99999" is not a port/],
    ['a:https:b:1', /PORT "https" is not a port/],
    ['a b:443:c:1', /cannot contain spaces/],
    ['a:443:user@c:1', /cannot contain/],
  ] as const) {
    it(`rejects ${JSON.stringify(value)} with a one-line error naming the flag`, () => {
      assert.throws(() => parseConnectTo(value), (error: Error) => error instanceof ConnectToError && words.test(error.message) && error.message.startsWith(`--connect-to ${value}:`) && !error.message.includes('\n'));
    });
  }
  it('the first matching mapping wins; the rest of the connection is unchanged', () => {
    const list = [parseConnectTo('localhost:443:127.0.0.1:4443'), parseConnectTo('::127.0.0.9:')];
    assert.deepEqual(mapEndpoint(list, { host: 'LOCALHOST', port: 443 }), { host: '127.0.0.1', port: 4443, via: list[0] });
    assert.deepEqual(mapEndpoint(list, { host: 'other.invalid', port: 8080 }), { host: '127.0.0.9', port: 8080, via: list[1] });
    assert.deepEqual(mapEndpoint([list[0]!], { host: 'localhost', port: 8443 }), { host: 'localhost', port: 8443 }, 'another port is not mapped');
  });
});
