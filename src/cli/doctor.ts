import { constants as osConstants } from 'node:os';
import { CHECKS, SelectionError, selectChecks, type Selection } from '../checks/registry.js';
import { CLIENT_IDS, type ClientId } from '../config/clients.js';
import { AREAS, type Area, type CheckContext, type CheckResult } from '../checks/types.js';
import type { Facts } from '../checks/facts.js';
import type { InterruptSignal, RunOutcome } from './run-outcome.js';
import { deriveTarget, describeCandidate, displayPath, emptySpec, type FlagValues, type Target, type TargetSpec } from '../config/target.js';
import { parseVersionFlag, VersionFlagError } from '../config/jamfmcp-version.js';
import { ConnectToError, parseConnectTo } from '../net/connect-to.js';
import type { SystemProxies } from '../jamfmcp/proxy.js';
import { Secrets } from '../config/secrets.js';
import { createLogger, type LogLevel, type Logger } from '../engine/logger.js';
import { runChecks } from '../engine/run.js';
import { EXIT } from '../report/exit-code.js';
import { FORMATS, render, type Format } from '../report/index.js';
import { buildReport, printable, type Report } from '../report/model.js';
import { OutputError, writePrivateFile } from '../config/private-file.js';
import { InterruptedError } from './prompts.js';
import { createJamfHttp, type JamfHttp } from '../jamf/http.js';
import { cliName } from './name.js';
import { columnsOf } from './columns.js';

/** The doctor command's options as commander hands them over. */
interface DoctorOptions {
  url?: string;
  authType?: string;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  config?: string;
  server?: string;
  caFile?: string;
  clientLog?: string;
  timeout: number;
  /** Unset: from --output's extension, else text. */
  format?: Format;
  json?: boolean;
  output?: string;
  strict?: boolean;
  only?: string[];
  skip?: string[];
  /** true with --interactive, false with --no-interactive, undefined: decide from the terminal. */
  interactive?: boolean;
  client?: string;
  mcp?: boolean;
  fix?: boolean;
  yes?: boolean;
  verbose?: boolean;
  debug?: boolean;
  color: boolean;
  listChecks?: boolean;
  jamfmcpVersion?: string;
  connectTo?: string[];
}

export class UsageError extends Error {}

/** Run `jamfmcp doctor`; returns the exit code. Never throws for bad input: it reports it. */
export async function runDoctor(areaArgs: string[], raw: Record<string, unknown>, version: string): Promise<number> {
  const options = raw as unknown as DoctorOptions;
  const env: Readonly<Record<string, string | undefined>> = { ...process.env };
  const secrets = new Secrets();
  const level: LogLevel = options.debug ? 'debug' : options.verbose || /^debug$/i.test(env.LOG_LEVEL ?? '') ? 'verbose' : 'normal';
  // Log lines go above the spinner, never into it.
  const log = createLogger(level, secrets, (line) => (activeProgress ? activeProgress.above(line) : void process.stderr.write(line)));
  try {
    return await doctor(areaArgs, options, version, env, secrets, log);
  } catch (error) {
    const message = secrets.redact(error instanceof Error ? error.message : String(error));
    if (error instanceof InterruptedError) {
      process.stderr.write(`${cliName()}: interrupted\n`);
      return EXIT.interrupted;
    }
    if (error instanceof UsageError || error instanceof SelectionError || error instanceof OutputError || error instanceof VersionFlagError || error instanceof ConnectToError) {
      process.stderr.write(`${cliName()}: ${message}\n`);
      return error instanceof OutputError ? EXIT.problems : EXIT.usage;
    }
    process.stderr.write(`${cliName()}: internal error: ${message}${options.debug ? '' : ' (run with --debug for details)'}\n`);
    if (options.debug && error instanceof Error && error.stack) process.stderr.write(`${secrets.redact(error.stack)}\n`);
    return EXIT.internal;
  }
}

async function doctor(
  areaArgs: string[],
  options: DoctorOptions,
  version: string,
  env: Readonly<Record<string, string | undefined>>,
  secrets: Secrets,
  log: Logger,
): Promise<number> {
  const format: Format = options.json ? 'json' : (options.format ?? formatFromExtension(options.output) ?? 'text');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: unknown format "${format}"`);
  const areas = areaArgs.map((a) => a.toLowerCase());
  const unknownArea = areas.find((a) => !(AREAS as readonly string[]).includes(a));
  if (unknownArea !== undefined) {
    throw new UsageError(`unknown area "${unknownArea}" (areas: ${AREAS.join(', ')}; see '${cliName()} doctor --help')`);
  }

  if (options.listChecks) {
    const { renderCatalogue } = await import('./list-checks.js');
    process.stdout.write(renderCatalogue(CHECKS, format, columnsOf(process.stdout)));
    return EXIT.ok;
  }

  const selection = selectChecks(CHECKS, { areas: areas as Area[], only: options.only, skip: options.skip });
  if (options.client !== undefined && !CLIENT_IDS.includes(options.client as ClientId)) {
    throw new UsageError(`--client: unknown client "${options.client}" (clients: ${CLIENT_IDS.join(', ')})`);
  }
  const spec: TargetSpec = { ...emptySpec(flagValues(options)), mcpHandshake: options.mcp === true };
  let target = await deriveTarget(spec, env, secrets);
  const terminal = process.stdin.isTTY === true && process.stderr.isTTY === true && !env.CI;
  if (options.fix) {
    const fixed = await fixConfig(target, options, terminal, secrets);
    if (fixed) {
      spec.fixed = fixed;
      target = await deriveTarget(spec, env, secrets);
    }
  }
  const settings = { options, env, secrets, log, version, format };

  // A person at a terminal without enough configuration (or who asked) gets the guided walkthrough.
  const missing = !target.values.url || (!target.values.clientId && !target.values.username);
  if (terminal && options.interactive !== false && (options.interactive === true || (missing && areas.length === 0 && !options.only))) {
    return guided(spec, target, settings);
  }
  if (terminal && options.interactive !== false) {
    const { askForMissing, inquirerPrompter } = await import('./prompts.js');
    const answers = await askForMissing(target, secrets, await inquirerPrompter());
    if (Object.keys(answers).length > 0) {
      spec.prompted = { ...spec.prompted, ...answers };
      target = await deriveTarget(spec, env, secrets);
    }
  }

  if (options.server === 'all') return eachInTurn(spec, selection, settings);

  const run = await runSelection(selection, target, settings, true);
  if (run.interrupted) {
    process.stderr.write(`${cliName()}: interrupted${run.signal && run.signal !== 'SIGINT' ? ` (${run.signal})` : ''}\n`);
    return interruptedExit(run.signal);
  }
  const { report, text } = await finishReport(run, target, settings, format);
  if (options.output !== undefined) {
    await writePrivateFile(options.output, text);
    process.stderr.write(`${cliName()}: report written to ${options.output} (exit code ${report.exitCode})\n`);
  } else {
    process.stdout.write(text);
  }
  return report.exitCode;
}

/**
 * --server all: diagnose every Jamf entry found, one after another. Text and Markdown print the
 * reports in turn; JSON prints an array of reports (each the usual schema). Worst exit code wins.
 */
async function eachInTurn(spec: TargetSpec, selection: Selection, settings: RunSettings): Promise<number> {
  const { env, secrets, format, options } = settings;
  const flags = spec.flags;
  if (format === 'junit') throw new UsageError('--server all cannot be combined with --format junit (one report per entry): use text, markdown or json');
  const { discover, pathContext } = await import('../config/discover.js');
  const { clientById, clientForPath, looksLikeJamf } = await import('../config/clients.js');
  const { readClientConfig } = await import('../config/read-client.js');
  let targets: Array<{ path: string; name: string; client?: string; label: string }>;
  if (flags.config !== undefined && flags.config !== 'auto') {
    const client = flags.client !== undefined ? clientById(flags.client) : clientForPath(flags.config);
    const file = await readClientConfig(flags.config, client, pathContext(env).cwd);
    targets = file.entries.filter(looksLikeJamf).map((e) => ({ path: flags.config as string, name: e.name, ...(client ? { client: client.id } : {}), label: `"${e.name}" in ${displayPath(flags.config as string)}` }));
  } else {
    const found = await discover(pathContext(env), flags.client !== undefined ? clientById(flags.client) : undefined);
    targets = found.candidates.map((c) => ({ path: c.file.path, name: c.entry.name, client: c.client.id, label: `"${c.entry.name}" in ${c.client.name} (${c.location.scope}, ${displayPath(c.file.path)})` }));
  }
  if (targets.length === 0) throw new UsageError('--server all: no Jamf server entries were found');
  const reports: Report[] = [];
  const texts: string[] = [];
  for (const target of targets) {
    const each = await deriveTarget({ ...spec, flags: { ...flags, config: target.path, server: target.name, ...(target.client ? { client: target.client } : {}) } }, env, secrets);
    const run = await runSelection(selection, each, settings, true);
    if (run.interrupted) {
      process.stderr.write(`${cliName()}: interrupted${run.signal && run.signal !== 'SIGINT' ? ` (${run.signal})` : ''}\n`);
      return interruptedExit(run.signal);
    }
    const { report, text } = await finishReport(run, each, settings, format);
    reports.push(report);
    // Entry names come from a config file: control characters escaped, and nothing that ends an HTML comment.
    const label = printable(target.label);
    texts.push(format === 'markdown' ? `<!-- ${label.replace(/--/g, '- -').replace(/</g, '&lt;').replace(/>/g, '&gt;')} -->\n\n${text}` : format === 'text' ? `=== ${label} ===\n${text}` : text);
  }
  const output = format === 'json' ? `${JSON.stringify(reports, null, 2)}\n` : texts.join(format === 'markdown' ? '\n---\n\n' : '\n');
  const redacted = secrets.redact(output);
  if (options.output !== undefined) await writePrivateFile(options.output, redacted);
  else process.stdout.write(redacted);
  const codes = reports.map((r) => r.exitCode);
  return codes.includes(EXIT.problems) ? EXIT.problems : codes.includes(EXIT.internal) ? EXIT.internal : EXIT.ok;
}

/**
 * The guided walkthrough: offers the Jamf entries of the MCP clients on this machine (unless the
 * user named a config), asks for what is missing, then walks the guide step by step. Every change
 * (an entry chosen, an answer typed, a file fixed) edits the spec, and the target is derived again.
 */
async function guided(spec: TargetSpec, initial: Target, settings: RunSettings): Promise<number> {
  const { env, secrets } = settings;
  const { walkthrough } = await import('./walkthrough.js');
  const entries: Array<{ label: string; spec: TargetSpec }> = [];
  if (spec.flags.config === undefined && spec.flags.client === undefined) {
    const { discover, pathContext } = await import('../config/discover.js');
    for (const candidate of (await discover(pathContext(env))).candidates) {
      entries.push({
        label: describeCandidate(candidate),
        spec: { ...spec, flags: { ...spec.flags, config: candidate.file.path, server: candidate.entry.name, client: candidate.client.id } },
      });
    }
  }
  return walkthrough({
    spec,
    target: initial,
    secrets,
    entries,
    derive: (next) => deriveTarget(next, env, secrets),
    run: (checks, active) => runSelection({ checks, skipped: new Set() }, active, settings, false),
    render: (run, active, format) => finishReport(run, active, settings, format, format === 'text' ? process.stderr : {}),
  });
}

/** What one run needs besides the checks and the configuration. */
export interface RunSettings {
  options: DoctorOptions;
  env: Readonly<Record<string, string | undefined>>;
  secrets: Secrets;
  log: Logger;
  version: string;
  format: Format;
}

export type { RunOutcome } from './run-outcome.js';

/** The signals that stop a run: it aborts, invalidates what it was issued, and exits 128+signal. */
const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const satisfies readonly InterruptSignal[];

/** The exit code of a run stopped by `signal`: 130 for Ctrl-C (as documented), 128+n for the others. */
function interruptedExit(signal: InterruptSignal | undefined): number {
  return signal === undefined || signal === 'SIGINT' ? EXIT.interrupted : 128 + (osConstants.signals[signal] ?? 2);
}

/** How long an interrupted run may spend invalidating the user token it was issued. */
const CLEANUP_ON_INTERRUPT_MS = 2000;

/** Run a selection of checks once: fresh facts, one HTTP client, Ctrl-C aborts, sockets closed after. */
export async function runSelection(selection: Selection, target: Target, settings: RunSettings, spinner: boolean): Promise<RunOutcome> {
  const { options, env, secrets, log, version } = settings;
  const controller = new AbortController();
  let stoppedBy: InterruptSignal | undefined;
  // `on`, not `once`, until the run ends: ora's cursor restorer (signal-exit) kills the process with
  // the signal when it finds itself the only listener left, which a `once` handler, removed as it
  // fires, would let it do — the spinner stayed on screen and "interrupted" was never printed.
  // A second signal while the run winds down ends it at once.
  const handlers = INTERRUPT_SIGNALS.map((signal) => {
    const handler = (): void => {
      if (controller.signal.aborted) {
        activeProgress?.stop();
        process.stderr.write(`${cliName()}: interrupted\n`);
        process.exit(interruptedExit(stoppedBy ?? signal));
      }
      stoppedBy ??= signal;
      controller.abort(new DOMException('interrupted', 'AbortError'));
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const facts: Facts = {};
  const finished: CheckResult[] = [];
  const startedAt = new Date();
  const started = performance.now();
  const progress = spinner ? await startProgress(settings.format, options, env) : undefined;
  activeProgress = progress;
  // One HTTP client per run, created when the first check that talks HTTP asks for it.
  let http: Promise<JamfHttp> | undefined;
  const userAgent = `jamfmcp-doctor/${version}`;
  // The macOS System Settings proxies: read once, only where they exist, only when a check asks.
  let systemProxies: Promise<SystemProxies | undefined> | undefined;
  const readSystemProxies = async (): Promise<SystemProxies | undefined> => {
    const { readMacProxies } = await import('../net/system-proxy.js');
    const read = await readMacProxies(options.timeout);
    return read ? { ...read, source: 'scutil --proxy' } : undefined;
  };
  try {
    const results = await runChecks(selection.checks, {
      signal: controller.signal,
      userSkipped: selection.skipped,
      debug: options.debug === true,
      defaultTimeLimitMs: options.timeout * 2 + 1000,
      onStart: (check) => {
        log.verbose(`start ${check.id}`);
        progress?.started(check);
      },
      onFinish: (result) => {
        log.verbose(`done ${result.id}: ${result.status} (${result.durationMs} ms)`);
        progress?.finished(result);
        finished.push(result);
      },
      contextFor: (_check, signal: AbortSignal): CheckContext => ({
        target,
        facts,
        timeoutMs: options.timeout,
        signal,
        secrets,
        log,
        now: () => Date.now(),
        http: () =>
          (http ??= createJamfHttp(
            {
              baseUrl: facts.baseUrl,
              secureContext: facts.trust?.diagnostic.secureContext,
              route: facts.route,
              connectTo: target.connectTo,
              takeVerifiedSocket: () => {
                const socket = facts.verifiedSocket;
                facts.verifiedSocket = undefined;
                return socket;
              },
            },
            { timeoutMs: options.timeout, userAgent, log },
          )),
        systemProxies: () => (systemProxies ??= readSystemProxies()),
        results: () => finished,
      }),
    });
    const interrupted = controller.signal.aborted;
    // Interrupted after a user token was issued but before auth.cleanup invalidated it: invalidate
    // it now (bounded), so no live token outlives the run.
    if (interrupted && facts.token?.kind === 'user' && http && !results.some((r) => r.id === 'auth.cleanup' && r.status === 'pass')) {
      await invalidateOnInterrupt(await http.catch(() => undefined), facts.token.value, log);
    }
    return { results, facts, startedAt, durationMs: performance.now() - started, interrupted, ...(stoppedBy ? { signal: stoppedBy } : {}) };
  } finally {
    if (http) await (await http.catch(() => undefined))?.close();
    // Connections kept for reuse that nothing used (e.g. the run stopped before the token checks).
    for (const socket of [facts.socket, facts.tls?.socket, facts.verifiedSocket]) socket?.destroy();
    progress?.stop();
    activeProgress = undefined;
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  }
}

/** POST /api/v1/auth/invalidate-token for a token an interrupted run leaves behind, within CLEANUP_ON_INTERRUPT_MS. */
async function invalidateOnInterrupt(http: JamfHttp | undefined, token: string, log: Logger): Promise<void> {
  if (!http) return;
  try {
    const response = await http.request(
      { method: 'POST', path: '/api/v1/auth/invalidate-token', credentialed: true, headers: { authorization: `Bearer ${token}` } },
      AbortSignal.timeout(CLEANUP_ON_INTERRUPT_MS),
    );
    log.verbose(`interrupted: the user token was invalidated (${response.status})`);
  } catch {
    log.verbose('interrupted: the user token could not be invalidated; it expires by itself');
  }
}

/** Build the report of a run and render it in `format`, redacted. */
export async function finishReport(
  run: RunOutcome,
  target: Target,
  settings: RunSettings,
  format: Format,
  stream: { isTTY?: boolean; columns?: number } = process.stdout,
): Promise<{ report: Report; text: string }> {
  const { options, env, secrets, log } = settings;
  const report = buildReport(run.results, {
    version: settings.version,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    strict: options.strict === true,
    target,
    url: run.facts.baseUrl ? stripTrailingSlash(run.facts.baseUrl.href) : undefined,
    urlRole: run.facts.urlRole,
    authType: run.facts.authType,
    authTypeInferred: run.facts.authType !== undefined && target.values.authType === undefined,
  });
  const colorLevel = await colorLevelFor(format, options, env);
  // Wrapped to the terminal it is printed on; a file or a pipe gets 80 columns.
  const width = options.output === undefined ? columnsOf(stream) : 80;
  const text = await render(report, format, { colorLevel, verbose: log.level !== 'normal', redact: (t) => secrets.redact(t), width });
  return { report, text };
}

/** --fix: plan the safe edits, confirm (or --yes), back up, apply. Returns what was fixed. */
async function fixConfig(target: Target, options: DoctorOptions, terminal: boolean, secrets: Secrets): Promise<string[] | undefined> {
  // Everything --fix says goes through redaction, like the report (a URL may hold a password).
  const say = (text: string): void => void process.stderr.write(secrets.redact(text));
  const file = target.configFile;
  if (!file) throw new UsageError('--fix needs an MCP client config: add --config <file>, --config auto or --client <name>');
  const { applyFixes, planFixes } = await import('../mcp/fix.js');
  const plan = await planFixes(file);
  if (plan.refusal) {
    say(`${cliName()}: --fix: nothing changed in ${file.displayPath}: ${plan.refusal}\n`);
    return undefined;
  }
  if (plan.fixes.length === 0) {
    say(`${cliName()}: --fix: nothing safe to fix in ${file.displayPath}\n`);
    return undefined;
  }
  say(`${cliName()}: --fix will change ${file.displayPath}:\n${plan.fixes.map((f) => `  - ${f.description}`).join('\n')}\n`);
  if (!options.yes) {
    if (!terminal) throw new UsageError('--fix needs --yes when not run at a terminal');
    const { inquirerPrompter } = await import('./prompts.js');
    if (!(await (await inquirerPrompter()).confirm('Apply these changes (a backup is written first)?', true))) {
      say(`${cliName()}: --fix: nothing changed\n`);
      return undefined;
    }
  }
  const backup = await applyFixes(plan, new Date());
  say(`${cliName()}: --fix: saved ${file.displayPath}${backup ? ` (backup: ${displayPath(backup)})` : ''}; restart the MCP client to use it\n`);
  return plan.fixes.map((f) => f.description);
}

function flagValues(options: DoctorOptions): FlagValues {
  const flags: FlagValues = {};
  for (const key of ['url', 'authType', 'username', 'password', 'clientId', 'clientSecret', 'config', 'server', 'client', 'caFile', 'clientLog'] as const) {
    const value = options[key];
    if (value !== undefined) flags[key] = value;
  }
  if (options.jamfmcpVersion !== undefined) flags.jamfmcpVersion = parseVersionFlag(options.jamfmcpVersion);
  if (options.connectTo !== undefined) flags.connectTo = options.connectTo.map(parseConnectTo);
  return flags;
}

/** --output report.md writes Markdown, .json JSON, .xml JUnit (unless --format or --json says otherwise). */
export function formatFromExtension(file: string | undefined): Format | undefined {
  const extension = /\.([a-z]+)$/i.exec(file ?? '')?.[1]?.toLowerCase();
  switch (extension) {
    case 'md':
    case 'markdown':
      return 'markdown';
    case 'json':
      return 'json';
    case 'xml':
      return 'junit';
    case 'txt':
      return 'text';
    default:
      return undefined;
  }
}

function stripTrailingSlash(href: string): string {
  return href.endsWith('/') ? href.slice(0, -1) : href;
}

/** chalk ignores NO_COLOR on purpose; the doctor honours it. Files and non-text formats get none. */
async function colorLevelFor(
  format: Format,
  options: DoctorOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<0 | 1 | 2 | 3> {
  if (format !== 'text' || options.output !== undefined || !options.color) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  // Not a terminal and not forced: no colour, and no need to load chalk to find that out.
  if (!process.stdout.isTTY && env.FORCE_COLOR === undefined) return 0;
  const { supportsColor } = typeof require === 'function' ? (require('chalk') as typeof import('chalk')) : await import('chalk');
  return supportsColor ? supportsColor.level : 0;
}

interface Progress {
  started(check: { id: string }): void;
  finished(result: CheckResult): void;
  /** Write a line to stderr above the spinner (cleared first, drawn again after). */
  above(text: string): void;
  stop(): void;
}

/** The spinner of the run in progress, if any: log lines are written above it. */
let activeProgress: Progress | undefined;

/** A spinner on stderr while checks run, only for a person at a terminal (ora is loaded only then). */
async function startProgress(
  format: Format,
  options: DoctorOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Progress | undefined> {
  // A terminal that reports no width (columns 0) would make ora erase lines without end.
  if (!process.stderr.isTTY || !process.stderr.columns || env.CI || env.TERM === 'dumb') return undefined;
  if (format !== 'text' && options.output === undefined && process.stdout.isTTY !== true) return undefined;
  // require() in the CommonJS bundle (dist/vendor/ora.cjs): import() of a CommonJS file hands back
  // module.exports as the default export (so `default` would be the module, not ora) and makes Node
  // scan the file for exports first.
  const { default: ora } = typeof require === 'function' ? (require('ora') as typeof import('ora')) : await import('ora');
  const running = new Set<string>();
  // NO_COLOR and --no-color govern the spinner too. stdin is left alone (no raw mode): Ctrl-C stays
  // the terminal's SIGINT, which stops the run, clears the spinner and prints "interrupted".
  const colour = options.color && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  const spinner = ora({ stream: process.stderr, text: 'Starting checks…', color: colour ? 'cyan' : false, discardStdin: false }).start();
  const update = (): void => {
    spinner.text = running.size > 0 ? `Checking ${[...running].join(', ')}…` : 'Checking…';
  };
  return {
    started(check) {
      running.add(check.id);
      update();
    },
    finished(result) {
      running.delete(result.id);
      update();
    },
    above(text) {
      spinner.clear();
      process.stderr.write(text);
      spinner.render();
    },
    stop() {
      spinner.stop();
    },
  };
}

