/**
 * The check engine with small fake checks: dependency order, blocking and non-blocking outcomes,
 * internal errors, --skip, time limits, concurrency and interruption. No sleeps: checks wait on
 * promises and their own abort signal.
 */
import { fakeTarget } from '../harness/target.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GUIDE } from '../../src/checks/guide.js';
import { Secrets } from '../../src/config/secrets.js';
import { silentLogger } from '../../src/engine/logger.js';
import { formatSeconds, runChecks } from '../../src/engine/run.js';
import type { EngineOptions } from '../../src/engine/run.js';
import type { Check, CheckContext, CheckOutcome, CheckResult } from '../../src/checks/types.js';

type Run = (ctx: CheckContext) => Promise<CheckOutcome>;

const PASS: Run = async () => ({ status: 'pass', message: 'ok' });

function check(id: string, needs: string[] = [], run: Run = PASS, extra: Partial<Check> = {}): Check {
  return { id, title: `Title of ${id}`, area: 'config', section: GUIDE.configuration, needs, run, ...extra };
}

/** A Promise that another piece of the test resolves. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Resolves with the signal's reason once it is aborted. */
function aborted(signal: AbortSignal): Promise<unknown> {
  if (signal.aborted) return Promise.resolve(signal.reason);
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));
}

interface Harness {
  options: EngineOptions<CheckContext>;
  signals: Map<string, AbortSignal>;
  started: string[];
  finished: string[];
}

function harness(overrides: Partial<EngineOptions<CheckContext>> = {}): Harness {
  const signals = new Map<string, AbortSignal>();
  const started: string[] = [];
  const finished: string[] = [];
  const contextFor = (c: Check, signal: AbortSignal): CheckContext => {
    signals.set(c.id, signal);
    // Cast: only the fields the engine and these fake checks touch; no network in unit tests.
    return {
      target: fakeTarget(),
      facts: {},
      timeoutMs: 1000,
      signal,
      secrets: new Secrets(),
      log: silentLogger,
      now: () => 0,
      http: async () => {
        throw new Error('no HTTP in engine unit tests');
      },
      systemProxies: async () => undefined,
      results: () => [],
    } as CheckContext;
  };
  const options: EngineOptions<CheckContext> = {
    signal: new AbortController().signal,
    contextFor,
    defaultTimeLimitMs: 5000,
    onStart: (c) => started.push(c.id),
    onFinish: (r) => finished.push(r.id),
    ...overrides,
  };
  return { options, signals, started, finished };
}

const byId = (results: CheckResult[], id: string): CheckResult => {
  const found = results.find((r) => r.id === id);
  assert.ok(found, `result for ${id}`);
  return found;
};

describe('runChecks: order and results', () => {
  it('runs a check only after everything it needs, and returns results in the given order', async () => {
    const events: string[] = [];
    const logged =
      (id: string): Run =>
      async () => {
        events.push(`run ${id}`);
        await Promise.resolve();
        events.push(`done ${id}`);
        return { status: 'pass', message: `${id} ok` };
      };
    const checks = [check('a', [], logged('a')), check('b', ['a'], logged('b')), check('c', ['a', 'b'], logged('c')), check('d', [], logged('d'))];
    const h = harness();
    const results = await runChecks(checks, h.options);
    assert.deepEqual(results.map((r) => r.id), ['a', 'b', 'c', 'd']);
    assert.deepEqual(results.map((r) => r.status), ['pass', 'pass', 'pass', 'pass']);
    assert.ok(events.indexOf('done a') < events.indexOf('run b'), events.join(', '));
    assert.ok(events.indexOf('done b') < events.indexOf('run c'), events.join(', '));
    assert.equal(byId(results, 'c').message, 'c ok');
    assert.equal(byId(results, 'c').title, 'Title of c');
    assert.equal(byId(results, 'c').section, GUIDE.configuration);
  });

  it("after: ['*'] waits for every check scheduled before it, whatever their outcome; frame and headline are copied", async () => {
    let release: () => void = () => {};
    const slow: Run = () => new Promise((resolve) => (release = () => resolve({ status: 'fail', message: 'slow failed' })));
    const seen: string[] = [];
    const last: Run = async () => {
      seen.push('last ran');
      return { status: 'warn', message: 'last', frame: '> 1 | x\n    | ^', headline: true };
    };
    const checks = [check('slow', [], slow), check('quick'), check('last', [], last, { after: ['*'] })];
    const h = harness();
    const running = runChecks(checks, h.options);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, [], 'the last check waits for the slow one');
    release();
    const results = await running;
    assert.deepEqual(h.finished, ['quick', 'slow', 'last']);
    assert.equal(byId(results, 'last').frame, '> 1 | x\n    | ^');
    assert.equal(byId(results, 'last').headline, true);
  });

  it('copies fix and details, and measures duration with the clock it is given', async () => {
    const ticks = [100, 1334.6];
    const h = harness({ now: () => ticks.shift() ?? 0 });
    const fix = { steps: ['do this'], commands: ['echo hi'] };
    const [result] = await runChecks([check('a', [], async () => ({ status: 'warn', message: 'hm', fix, details: { k: 1 } }))], h.options);
    assert.equal(result?.status, 'warn');
    assert.deepEqual(result?.fix, fix);
    assert.deepEqual(result?.details, { k: 1 });
    assert.equal(result?.durationMs, 1235);
    assert.equal(result?.recoverable, undefined);
  });

  it('throws when a check needs one that is not scheduled before it', async () => {
    await assert.rejects(runChecks([check('b', ['a']), check('a')], harness().options), /check b needs a, which is not scheduled before it/);
  });

  it('calls onStart only for checks that run and onFinish for every check', async () => {
    const h = harness({ userSkipped: new Set(['b']) });
    await runChecks([check('a'), check('b'), check('c', ['b'])], h.options);
    assert.deepEqual(h.started, ['a']);
    assert.deepEqual([...h.finished].sort(), ['a', 'b', 'c']);
  });
});

describe('runChecks: what blocks dependants', () => {
  const CASES: Array<{ name: string; outcome: CheckOutcome; blocks: boolean; message?: string }> = [
    { name: 'pass', outcome: { status: 'pass', message: 'fine' }, blocks: false },
    { name: 'warn', outcome: { status: 'warn', message: 'hm' }, blocks: false },
    { name: 'recoverable fail', outcome: { status: 'fail', message: 'bad but fixed', recoverable: true }, blocks: false },
    { name: 'not-applicable skip', outcome: { status: 'skip', message: 'no --config given' }, blocks: false },
    { name: 'fail', outcome: { status: 'fail', message: 'bad' }, blocks: true, message: 'not run: needs first, which failed' },
    { name: 'fail with recoverable: false', outcome: { status: 'fail', message: 'bad', recoverable: false }, blocks: true, message: 'not run: needs first, which failed' },
  ];
  for (const c of CASES) {
    it(`${c.name} ${c.blocks ? 'blocks' : 'does not block'} a dependant`, async () => {
      let ran = false;
      const results = await runChecks(
        [
          check('first', [], async () => c.outcome),
          check('second', ['first'], async () => {
            ran = true;
            return { status: 'pass', message: 'second ran' };
          }),
        ],
        harness().options,
      );
      const second = byId(results, 'second');
      assert.equal(byId(results, 'first').status, c.outcome.status);
      assert.equal(ran, !c.blocks);
      if (c.blocks) {
        assert.equal(second.status, 'skip');
        assert.equal(second.message, c.message);
        assert.deepEqual(second.details, { blockedBy: 'first' });
      } else {
        assert.equal(second.status, 'pass');
        assert.equal(second.message, 'second ran');
      }
    });
  }

  it('marks a recoverable fail and a not-applicable skip internally', async () => {
    const results = await runChecks(
      [
        check('a', [], async () => ({ status: 'fail', message: 'x', recoverable: true })),
        check('b', [], async () => ({ status: 'skip', message: 'n/a' })),
        check('c', [], async () => ({ status: 'warn', message: 'w', recoverable: true })),
      ],
      harness().options,
    );
    assert.equal(byId(results, 'a').recoverable, true);
    assert.equal(byId(results, 'b').notApplicable, true);
    assert.equal(byId(results, 'c').recoverable, undefined, 'recoverable means nothing on a warn');
  });

  it('a skip cascades down a chain, naming the nearest blocker', async () => {
    const results = await runChecks(
      [check('a', [], async () => ({ status: 'fail', message: 'bad' })), check('b', ['a']), check('c', ['b']), check('d', ['a', 'c'])],
      harness().options,
    );
    assert.equal(byId(results, 'b').message, 'not run: needs a, which failed');
    assert.equal(byId(results, 'c').message, 'not run: needs b, which did not run');
    assert.deepEqual(byId(results, 'c').details, { blockedBy: 'b' });
    assert.equal(byId(results, 'd').message, 'not run: needs a, which failed');
  });

  it('a needed check that passes does not block even if another needed one is first in the list', async () => {
    const results = await runChecks(
      [check('a'), check('b', [], async () => ({ status: 'fail', message: 'bad' })), check('c', ['a', 'b'])],
      harness().options,
    );
    assert.equal(byId(results, 'c').message, 'not run: needs b, which failed');
  });
});

describe('runChecks: internal errors', () => {
  it('turns a thrown exception into status error with the message and a fix', async () => {
    const results = await runChecks(
      [
        check('boom', [], async () => {
          throw new RangeError('index 7 out of range');
        }),
        check('after', ['boom']),
      ],
      harness().options,
    );
    const boom = byId(results, 'boom');
    assert.equal(boom.status, 'error');
    assert.equal(boom.message, 'internal error in the doctor while running this check: index 7 out of range');
    assert.ok(boom.fix);
    assert.equal(boom.fix.steps.length, 2);
    assert.match(boom.fix.steps[0] ?? '', /bug in jamfmcp doctor/);
    assert.match(boom.fix.steps[1] ?? '', /--debug/);
    assert.deepEqual(boom.details, { error: 'RangeError' }, 'no stack trace without --debug');
    const after = byId(results, 'after');
    assert.equal(after.status, 'skip');
    assert.equal(after.message, 'not run: needs boom, which broke');
  });

  it('includes the stack with debug', async () => {
    const [result] = await runChecks(
      [
        check('boom', [], async () => {
          throw new Error('kaput');
        }),
      ],
      harness({ debug: true }).options,
    );
    assert.equal(result?.status, 'error');
    assert.equal(result?.details?.error, 'Error');
    assert.match(String(result?.details?.stack), /kaput/);
  });

  it('handles a synchronous throw and a thrown non-Error', async () => {
    const results = await runChecks(
      [
        check('sync', [], () => {
          throw new TypeError('sync failure');
        }),
        check('string', [], async () => {
          throw 'just a string';
        }),
        check('bad-outcome', [], async () => undefined as unknown as CheckOutcome),
      ],
      harness().options,
    );
    assert.equal(byId(results, 'sync').status, 'error');
    assert.match(byId(results, 'sync').message, /sync failure$/);
    assert.deepEqual(byId(results, 'sync').details, { error: 'TypeError' });
    assert.equal(byId(results, 'string').status, 'error');
    assert.match(byId(results, 'string').message, /: just a string$/);
    assert.equal(byId(results, 'bad-outcome').status, 'error', 'a check returning nothing is an internal error');
  });
});

describe('runChecks: --skip', () => {
  it('skips a user-skipped check with "--skip" and skips its dependants', async () => {
    let ran = 0;
    const counting: Run = async () => {
      ran += 1;
      return { status: 'pass', message: 'ran' };
    };
    const results = await runChecks(
      [check('a', [], counting), check('b', ['a'], counting), check('c', [], counting)],
      harness({ userSkipped: new Set(['a']) }).options,
    );
    assert.equal(ran, 1, 'only c ran');
    assert.equal(byId(results, 'a').status, 'skip');
    assert.match(byId(results, 'a').message, /--skip/);
    assert.equal(byId(results, 'a').notApplicable, undefined);
    assert.equal(byId(results, 'b').status, 'skip');
    assert.equal(byId(results, 'b').message, 'not run: needs a, which did not run');
    assert.equal(byId(results, 'c').status, 'pass');
  });
});

describe('runChecks: time limits', () => {
  it('fails a check that runs past its own limit and aborts its signal', async () => {
    const h = harness();
    let sawAbort: unknown;
    const slow = check(
      'slow',
      [],
      async (ctx) => {
        sawAbort = await aborted(ctx.signal);
        return { status: 'pass', message: 'too late' };
      },
      { timeLimitMs: () => 20 },
    );
    const results = await runChecks([slow, check('next', ['slow'])], h.options);
    const result = byId(results, 'slow');
    assert.equal(result.status, 'fail');
    assert.equal(result.message, 'timed out after 20 ms');
    assert.ok(result.fix);
    assert.ok(result.fix.steps.some((s) => s.includes('--timeout')));
    assert.equal(h.signals.get('slow')?.aborted, true, "the check's signal is aborted");
    assert.equal((sawAbort as DOMException).name, 'TimeoutError');
    assert.equal(byId(results, 'next').message, 'not run: needs slow, which failed');
  });

  it('uses the default limit when a check sets none, and timeLimitMs sees the context', async () => {
    let seenTimeout = 0;
    const results = await runChecks(
      [
        check('a', [], async (ctx) => {
          await aborted(ctx.signal);
          return { status: 'pass', message: 'late' };
        }),
        check(
          'b',
          [],
          async (ctx) => {
            await aborted(ctx.signal);
            return { status: 'pass', message: 'late' };
          },
          {
            timeLimitMs: (ctx) => {
              seenTimeout = ctx.timeoutMs;
              return 25;
            },
          },
        ),
      ],
      harness({ defaultTimeLimitMs: 15 }).options,
    );
    assert.equal(byId(results, 'a').message, 'timed out after 15 ms');
    assert.equal(byId(results, 'b').message, 'timed out after 25 ms', "the check's own limit beats the default");
    assert.equal(seenTimeout, 1000);
  });
});

describe('formatSeconds', () => {
  const CASES: Array<[number, string]> = [
    [20, '20 ms'],
    [999, '999 ms'],
    [1000, '1 s'],
    [1500, '1.5 s'],
    [21000, '21 s'],
  ];
  for (const [ms, text] of CASES) it(`${ms} → ${text}`, () => assert.equal(formatSeconds(ms), text));
});

describe('runChecks: concurrency', () => {
  it('runs independent checks at the same time (each waits for the other to start)', async () => {
    const aStarted = deferred();
    const bStarted = deferred();
    const results = await runChecks(
      [
        check('a', [], async () => {
          aStarted.resolve();
          await bStarted.promise;
          return { status: 'pass', message: 'a saw b' };
        }),
        check('b', [], async () => {
          bStarted.resolve();
          await aStarted.promise;
          return { status: 'pass', message: 'b saw a' };
        }),
      ],
      // Run one at a time and a would wait for b forever: the limit turns that into a failure.
      harness({ defaultTimeLimitMs: 2000 }).options,
    );
    assert.deepEqual(
      results.map((r) => [r.id, r.status, r.message]),
      [
        ['a', 'pass', 'a saw b'],
        ['b', 'pass', 'b saw a'],
      ],
    );
  });

  it('starts a dependant as soon as its own needs finish, not after unrelated slow checks', async () => {
    const release = deferred();
    const cRan = deferred();
    const results = await runChecks(
      [
        check('slow', [], async () => {
          await release.promise;
          return { status: 'pass', message: 'slow' };
        }),
        check('a'),
        check('c', ['a'], async () => {
          cRan.resolve();
          return { status: 'pass', message: 'c' };
        }),
        check('watcher', [], async () => {
          await cRan.promise;
          release.resolve();
          return { status: 'pass', message: 'watcher' };
        }),
      ],
      harness({ defaultTimeLimitMs: 2000 }).options,
    );
    assert.deepEqual(results.map((r) => r.status), ['pass', 'pass', 'pass', 'pass']);
  });
});

describe('runChecks: interruption', () => {
  it('skips every check as interrupted when the run is aborted before it starts', async () => {
    const run = new AbortController();
    run.abort();
    let ran = 0;
    const h = harness({ signal: run.signal });
    const results = await runChecks(
      [
        check('a', [], async () => {
          ran += 1;
          return { status: 'pass', message: '' };
        }),
        check('b'),
      ],
      h.options,
    );
    assert.equal(ran, 0);
    assert.deepEqual(
      results.map((r) => [r.status, r.message]),
      [
        ['skip', 'not run: the run was interrupted'],
        ['skip', 'not run: the run was interrupted'],
      ],
    );
    assert.deepEqual(h.started, []);
  });

  it('aborts in-flight checks with the run reason and skips checks not yet started', async () => {
    const run = new AbortController();
    const reason = new DOMException('interrupted', 'AbortError');
    let seen: unknown;
    const h = harness({ signal: run.signal });
    const results = await runChecks(
      [
        check('inflight', [], async (ctx) => {
          run.abort(reason); // Ctrl-C while this check runs
          seen = await aborted(ctx.signal);
          return { status: 'pass', message: 'ignored the abort' };
        }),
        check('later', [], async () => ({ status: 'pass', message: 'should not run' })),
      ],
      h.options,
    );
    assert.equal(seen, reason, "the check's signal carries the run's reason");
    assert.deepEqual([byId(results, 'inflight').status, byId(results, 'inflight').message], ['skip', 'not finished: the run was interrupted']);
    assert.deepEqual([byId(results, 'later').status, byId(results, 'later').message], ['skip', 'not run: the run was interrupted']);
    assert.deepEqual(h.started, ['inflight']);
  });

  it('reports an in-flight check that throws on abort as interrupted, not as an internal error', async () => {
    const run = new AbortController();
    const results = await runChecks(
      [
        check('fetching', [], async (ctx) => {
          run.abort();
          await aborted(ctx.signal);
          throw new DOMException('This operation was aborted', 'AbortError');
        }),
      ],
      harness({ signal: run.signal }).options,
    );
    assert.equal(results[0]?.status, 'skip');
    assert.equal(results[0]?.message, 'not finished: the run was interrupted');
  });

  it(
    'says "interrupted" for a dependant of an interrupted check',
    async () => {
      const run = new AbortController();
      const results = await runChecks(
        [
          check('inflight', [], async (ctx) => {
            run.abort();
            await aborted(ctx.signal);
            return { status: 'pass', message: '' };
          }),
          check('dependant', ['inflight']),
        ],
        harness({ signal: run.signal }).options,
      );
      assert.match(byId(results, 'dependant').message, /interrupted/);
    },
  );
});
