// Preload (NODE_OPTIONS=--import=…) standing in for a DNS server that never answers: every
// dns.lookup stays pending and, like a getaddrinfo call held on libuv's threadpool, keeps the
// process alive (a ref'd 30 s timer) until it "gives up". Each lookup's host is appended to the
// file named by DNS_HANG_LOG, so a test can count them. Test-only; loaded by no product code.
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import dnsPromises from 'node:dns/promises';

const log = process.env.DNS_HANG_LOG;
function hang(host) {
  if (log) appendFileSync(log, `${host}\n`);
  setTimeout(() => {}, 30_000);
}
dnsPromises.lookup = (host) => {
  hang(host);
  return new Promise(() => {});
};
dns.lookup = (host) => {
  hang(host);
};
