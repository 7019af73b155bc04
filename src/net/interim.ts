/**
 * A connection wrapper that drops unsolicited "HTTP/1.x 100 Continue" interim responses before the
 * HTTP client reads them. Some servers and proxies send one ahead of every answer; JamfMCP's httpx
 * (h11) skips interim responses, while undici destroys the connection on an unrequested 100 ("bad
 * response"). The doctor never sends `Expect: 100-continue` and sends one request at a time per
 * connection, so the first bytes after each request are the start of its response: only there is
 * a 100 recognised and removed. Everything else passes through untouched.
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

/** An interim response head longer than this is not one: pass the bytes on and let the client judge. */
const MAX_INTERIM_HEAD = 8 * 1024;
/** The shape of a 100 status line's start ("HTTP/1.1 100 " or "HTTP/1.1 100\r"); "#" is any digit. */
const STATUS_100 = 'HTTP/1.# 100 ';

/** Whether `prefix` could still grow into a 100 status line. */
function couldStart100(prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) {
    const want = STATUS_100[i] as string;
    const got = prefix[i] as string;
    if (want === '#' ? !/\d/.test(got) : i === STATUS_100.length - 1 ? got !== ' ' && got !== '\r' : got !== want) return false;
  }
  return true;
}

export class InterimResponseFilter extends Duplex {
  readonly #inner: Socket;
  #pending: Buffer = Buffer.alloc(0);
  #atResponseStart = false;
  /** Interim responses dropped so far. */
  dropped = 0;

  constructor(inner: Socket) {
    super({ allowHalfOpen: false });
    this.#inner = inner;
    inner.on('data', (chunk: Buffer) => this.#onData(chunk));
    inner.on('end', () => {
      this.#flush();
      this.push(null);
    });
    inner.on('error', (error) => this.destroy(error));
    inner.on('close', () => {
      if (!this.destroyed) this.destroy();
    });
  }

  /** The TLS details the HTTP client may read from its connection. */
  get alpnProtocol(): string | false | null | undefined {
    return (this.#inner as Socket & { alpnProtocol?: string | false | null }).alpnProtocol;
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // A request (or part of one) goes out: what comes back next starts its response.
    this.#atResponseStart = true;
    this.#inner.write(chunk, encoding, callback);
  }

  override _read(): void {
    this.#inner.resume();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#inner.end(callback);
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.#inner.destroy(error ?? undefined);
    callback(error);
  }

  ref(): this {
    this.#inner.ref();
    return this;
  }

  unref(): this {
    this.#inner.unref();
    return this;
  }

  #onData(chunk: Buffer): void {
    if (!this.#atResponseStart) {
      this.#forward(chunk);
      return;
    }
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    for (;;) {
      const head = this.#pending.subarray(0, STATUS_100.length).toString('latin1');
      // Too little to tell yet whether this is "HTTP/1.x 100 …": wait for more.
      if (head.length < STATUS_100.length && couldStart100(head)) return;
      if (!/^HTTP\/1\.\d 100[ \r]/.test(head)) break;
      const end = this.#pending.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.#pending.length > MAX_INTERIM_HEAD) break;
        return;
      }
      this.#pending = this.#pending.subarray(end + 4);
      this.dropped += 1;
      if (this.#pending.length === 0) return;
    }
    // The real response has begun: pass everything through until the next request.
    this.#atResponseStart = false;
    const rest = this.#pending;
    this.#pending = Buffer.alloc(0);
    this.#forward(rest);
  }

  #flush(): void {
    if (this.#pending.length > 0) {
      const rest = this.#pending;
      this.#pending = Buffer.alloc(0);
      this.#forward(rest);
    }
  }

  #forward(chunk: Buffer): void {
    if (!this.push(chunk)) this.#inner.pause();
  }
}
