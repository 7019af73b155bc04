import type { CheckOutcome, CheckResult, EngineCheck } from './types.js';

export interface EngineHooks<C> {
  onStart?(check: EngineCheck<C>): void;
  onFinish?(result: CheckResult): void;
}

export interface EngineOptions<C> extends EngineHooks<C> {
  /** Ids the user asked to leave out (`--skip`). */
  userSkipped?: ReadonlySet<string>;
  /** Aborted on Ctrl-C: in-flight checks stop, the rest are not started. */
  signal: AbortSignal;
  /** Builds the context one check runs with (its own abort signal). */
  contextFor(check: EngineCheck<C>, signal: AbortSignal): C;
  /** Default time limit for a check that does not set its own. */
  defaultTimeLimitMs: number;
  /** Include stack traces of internal errors in details (`--debug`). */
  debug?: boolean;
  now?(): number;
}

/** What a dependant may rely on: the check passed, warned, or failed in a way it can work around. */
function satisfies(result: CheckResult): boolean {
  if (result.status === 'pass' || result.status === 'warn') return true;
  if (result.status === 'fail') return result.recoverable === true;
  return result.status === 'skip' && result.notApplicable === true;
}

/**
 * Run checks in dependency order, independent ones concurrently. `checks` must be ordered so that
 * a check comes after everything it needs (the registry guarantees it); results keep that order.
 */
export async function runChecks<C>(checks: readonly EngineCheck<C>[], options: EngineOptions<C>): Promise<CheckResult[]> {
  const now = options.now ?? (() => performance.now());
  const pending = new Map<string, Promise<CheckResult>>();

  for (const check of checks) {
    const needed = check.needs.map((id) => {
      const dependency = pending.get(id);
      if (!dependency) throw new Error(`check ${check.id} needs ${id}, which is not scheduled before it`);
      return dependency;
    });
    // `after` orders without depending: wait for those checks, whatever happens to them.
    const waits = (check.after ?? []).flatMap((id) => {
      if (id === '*') return [...pending.values()];
      const other = pending.get(id);
      return other ? [other] : [];
    });
    pending.set(
      check.id,
      Promise.all([Promise.all(needed), Promise.all(waits)]).then(async ([dependencies]) => {
        const blocker = dependencies.find((d) => !satisfies(d));
        let result: CheckResult;
        if (options.userSkipped?.has(check.id)) {
          result = base(check, 'skip', 'skipped with --skip', 0);
        } else if (options.signal.aborted) {
          result = base(check, 'skip', 'not run: the run was interrupted', 0);
        } else if (blocker) {
          result = base(check, 'skip', skipMessage(blocker), 0);
          result.details = { blockedBy: blocker.id };
        } else {
          options.onStart?.(check);
          result = await runOne(check, options, now);
        }
        options.onFinish?.(result);
        return result;
      }),
    );
  }
  return Promise.all(checks.map((c) => pending.get(c.id) as Promise<CheckResult>));
}

function skipMessage(blocker: CheckResult): string {
  if (blocker.status === 'skip') return `not run: needs ${blocker.id}, which did not run`;
  if (blocker.status === 'error') return `not run: needs ${blocker.id}, which broke`;
  return `not run: needs ${blocker.id}, which ${blocker.status === 'fail' ? 'failed' : 'did not pass'}`;
}

async function runOne<C>(check: EngineCheck<C>, options: EngineOptions<C>, now: () => number): Promise<CheckResult> {
  const started = now();
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal.reason);
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) onAbort();
  const ctx = options.contextFor(check, controller.signal);
  const limitMs = check.timeLimitMs?.(ctx) ?? options.defaultTimeLimitMs;

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs);
  });
  try {
    const outcome = await Promise.race([check.run(ctx), timedOut]);
    const durationMs = Math.round(now() - started);
    if (outcome === 'timeout') {
      controller.abort(new DOMException('check time limit reached', 'TimeoutError'));
      const result = base(check, 'fail', `timed out after ${formatSeconds(limitMs)}`, durationMs);
      result.fix = {
        steps: [
          'The server or something on the way to it stopped answering. Check the network path (VPN, proxy, firewall) and try again.',
          'If the server is just slow, allow more time with --timeout (for example --timeout 30s).',
        ],
      };
      return result;
    }
    if (options.signal.aborted) return base(check, 'skip', 'not finished: the run was interrupted', durationMs);
    return fromOutcome(check, outcome, durationMs);
  } catch (error) {
    const durationMs = Math.round(now() - started);
    if (options.signal.aborted) return base(check, 'skip', 'not finished: the run was interrupted', durationMs);
    return internalError(check, error, durationMs, options.debug === true);
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
  }
}

function fromOutcome<C>(check: EngineCheck<C>, outcome: CheckOutcome, durationMs: number): CheckResult {
  const result = base(check, outcome.status, outcome.message, durationMs);
  if (outcome.fix) result.fix = outcome.fix;
  if (outcome.details) result.details = outcome.details;
  if (outcome.frame !== undefined) result.frame = outcome.frame;
  if (outcome.headline) result.headline = true;
  if (outcome.status === 'fail' && outcome.recoverable) result.recoverable = true;
  if (outcome.status === 'skip') result.notApplicable = true;
  return result;
}

/** The check itself broke: a bug in the doctor, not a problem with the user's setup. */
function internalError<C>(check: EngineCheck<C>, error: unknown, durationMs: number, debug: boolean): CheckResult {
  const err = error instanceof Error ? error : new Error(String(error));
  const result = base(check, 'error', `internal error in the doctor while running this check: ${err.message}`, durationMs);
  result.fix = {
    steps: [
      'This is a bug in jamfmcp doctor, not a problem with your Jamf Pro setup; the other checks are still valid.',
      'Re-run with --debug and attach the output (secrets are redacted) to an issue on the jamfmcp doctor repository.',
    ],
  };
  result.details = debug && err.stack ? { error: err.name, stack: err.stack } : { error: err.name };
  return result;
}

function base<C>(check: EngineCheck<C>, status: CheckResult['status'], message: string, durationMs: number): CheckResult {
  return { id: check.id, title: check.title, area: check.area, section: check.section, status, message, durationMs };
}

export function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
