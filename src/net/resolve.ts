/**
 * Name resolution with dns.lookup (getaddrinfo: the hosts file and the system's resolvers, as
 * JamfMCP's Python resolves). A getaddrinfo call cannot be cancelled: a DNS server that never
 * answers holds one of libuv's threadpool threads until the OS resolver gives up, however short the
 * caller's deadline. So one lookup per host per process, shared by every caller (`--server all`
 * with several entries on one host starts one, not one per entry), and a host whose lookup already
 * outlived a caller's deadline is reported at once to the next caller instead of being waited for again.
 */
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';

interface Lookup {
  promise: Promise<LookupAddress[]>;
  settled: boolean;
  /** A caller's deadline passed while this lookup was still pending. */
  stuck: boolean;
}

const lookups = new Map<string, Lookup>();

/** The addresses of `host`, or the deadline's TimeoutError (`stillPending` when an earlier caller's lookup is still stuck). */
export async function resolveHost(host: string, deadline: Promise<never>): Promise<{ addresses: LookupAddress[]; shared: boolean }> {
  const key = host.toLowerCase();
  let entry = lookups.get(key);
  const shared = entry !== undefined;
  if (!entry) {
    const created: Lookup = { promise: lookup(host, { all: true }), settled: false, stuck: false };
    created.promise.then(
      () => void (created.settled = true),
      () => void (created.settled = true),
    );
    lookups.set(key, created);
    entry = created;
  }
  if (entry.stuck && !entry.settled) {
    throw Object.assign(new DOMException(`the lookup of ${host} started earlier is still unanswered`, 'TimeoutError'), { stillPending: true });
  }
  const current = entry;
  try {
    return { addresses: await Promise.race([current.promise, deadline]), shared };
  } catch (error) {
    if (!current.settled && (error as { name?: string }).name === 'TimeoutError') current.stuck = true;
    throw error;
  }
}
