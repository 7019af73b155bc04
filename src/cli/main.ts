import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parseDuration } from './duration.js';
import { cliName } from './name.js';

/** Set at bundle time (scripts/bundle.mjs); absent when running the plain tsc output. */
declare const __JAMFMCP_VERSION__: string | undefined;
declare const __JAMFMCP_DOCTOR_MODULE__: string | undefined;

/** The version: baked into the bundle, else read from package.json (always in step with it). */
export function toolVersion(): string {
  if (typeof __JAMFMCP_VERSION__ === 'string') return __JAMFMCP_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

declare const __JAMFMCP_EXPLAIN_MODULE__: string | undefined;

/**
 * Load a command module. In the CommonJS bundle, require() the doctor bundle beside it: import() of a
 * CommonJS file makes Node scan all of it for its exports first (~35 ms for dist/doctor.cjs).
 */
async function load<T>(bundled: string | undefined, plain: string): Promise<T> {
  if (bundled !== undefined && typeof require === 'function') return require(bundled) as T;
  return (await import(plain)) as T;
}

/** The command modules, when the build that contains everything in one file (the binary) hands them in. */
let preloaded: typeof import('./commands.js') | undefined;
export function preloadCommands(commands: typeof import('./commands.js')): void {
  preloaded = commands;
}

function loadExplain(): Promise<Pick<typeof import('./commands.js'), 'runExplain'>> {
  if (preloaded) return Promise.resolve(preloaded);
  return load(typeof __JAMFMCP_EXPLAIN_MODULE__ === 'string' ? __JAMFMCP_EXPLAIN_MODULE__ : undefined, './explain.js');
}

/** The doctor command, loaded only when it runs (the bundle points at the compiled module beside it). */
function loadDoctor(): Promise<Pick<typeof import('./commands.js'), 'runDoctor'>> {
  if (preloaded) return Promise.resolve(preloaded);
  return load(typeof __JAMFMCP_DOCTOR_MODULE__ === 'string' ? __JAMFMCP_DOCTOR_MODULE__ : undefined, './doctor.js');
}

const AREA_NAMES = 'config, mcp, url, network, tls, token, privileges';
const CLIENT_NAMES = 'claude-desktop, claude-code, cursor, vscode, windsurf, gemini, zed, codex';

/** The doctor's help epilogue, in the name the user typed. */
const helpAfter = (name: string): string => `
Areas (walk one guide section at a time; the checks they need run too):
  ${AREA_NAMES}

Environment (flags win; with an MCP entry, JamfMCP's environment is the
entry's env block plus what its client passes on, not this shell):
  JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET (JamfMCP 1.0.1 also
  JAMF_AUTH_TYPE, JAMF_USERNAME, JAMF_PASSWORD); HTTPS_PROXY, ALL_PROXY,
  NO_PROXY; SSL_CERT_FILE, SSL_CERT_DIR; LOG_LEVEL=DEBUG (same as --verbose),
  NO_COLOR, FORCE_COLOR, CI (never prompt)

Exit codes:
  0  no check failed (warnings allowed unless --strict)
  1  a check failed (or warned, with --strict)
  2  usage error (unknown flag, bad value, unknown check id or area)
  3  internal error in the doctor
  130 interrupted (Ctrl-C); 143, 129 stopped by SIGTERM, SIGHUP

Examples:
  ${name} doctor
  ${name} doctor --config auto --mcp
  ${name} doctor --client claude-desktop --fix
  ${name} doctor --jamfmcp-version 1.0.1 \\
    --connect-to jamf.example.com:443:10.0.0.5:443
  ${name} doctor --client claude-desktop
  JAMF_URL=https://acme.jamfcloud.com ${name} doctor url tls --json
  ${name} doctor --output report.md    # Markdown, from the extension`;

function durationArg(value: string): number {
  try {
    return parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function idList(value: string, previous: string[] | undefined): string[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (ids.length === 0) throw new InvalidArgumentError('expected a comma-separated list of check ids');
  return [...(previous ?? []), ...ids];
}

/**
 * commander's usage error as one line. A mistyped flag's "=value" is never echoed (it may be a
 * secret: --client-secrt=…), and control characters are shown escaped, never sent to the terminal.
 */
export function usageLine(message: string, help: string): string {
  const text = message
    .replace(/^error: /, '')
    .replace(/(unknown option ')(--?[^'=\s]*)=[^']*'/g, "$1$2=…'")
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `${cliName()}: ${text} (see '${help}')\n`;
}

export function buildProgram(version: string): Command {
  const program = new Command(cliName())
    .description('Diagnose why JamfMCP cannot authenticate to Jamf Pro.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      outputError: (message, write) => write(usageLine(message, `${cliName()} doctor --help`)),
    });
  // Under its own name the tool is the doctor: `npx jamfmcp-doctor --json` runs it. The short name
  // keeps commands explicit (`jamfmcp doctor`), as JamfMCP 1.0.1's own `jamfmcp` CLI has commands too.
  if (cliName() === 'jamfmcp-doctor') program.addHelpText('after', '\n`doctor` is the default command under this name:\n`jamfmcp-doctor --json url` is `jamfmcp-doctor doctor --json url`.');

  program
    .command('doctor', { isDefault: cliName() === 'jamfmcp-doctor' })
    .description('Walk the authentication troubleshooting guide and report pass/warn/fail with fixes.')
    .argument('[areas...]', `guide sections to check: ${AREA_NAMES} (default: all)`)
    .option('--url <url>', 'Jamf Pro server URL (env JAMF_URL)')
    .option('--auth-type <type>', 'basic or client_credentials (env JAMF_AUTH_TYPE; inferred when unset)')
    .option('--username <name>', 'user account for basic auth (env JAMF_USERNAME)')
    .option('--password <password>', 'password for basic auth (env JAMF_PASSWORD; visible in the process list: prefer the env or the prompt)')
    .option('--client-id <id>', 'API client ID (env JAMF_CLIENT_ID)')
    .option('--client-secret <secret>', 'API client secret (env JAMF_CLIENT_SECRET; visible in the process list: prefer the env or the prompt)')
    .option('--config <file>', 'read the server entry from an MCP client config file (e.g. claude_desktop_config.json); "auto" finds the MCP clients\' configs')
    .option('--client <name>', `read this MCP client's configuration: ${CLIENT_NAMES}`)
    .option('--server <name>', 'which server entry to use (default: "jamfmcp", else the only one with JAMF_URL); "all": each Jamf entry in turn')
    .option('--mcp', 'also start the entry\'s server and do the MCP handshake (initialize, tools/list)')
    .option('--fix', 'repair safe, mechanical problems in the config file (JAMF_URL https:// and trailing slash, whitespace); writes a backup first')
    .option('-y, --yes', 'with --fix: apply without asking')
    .option('--jamfmcp-version <version>', 'judge this JamfMCP version (e.g. 1.0.1, or latest) instead of the one the entry runs')
    .option('--connect-to <HOST:PORT:ADDR:PORT2>', 'send connections for HOST:PORT to ADDR:PORT2, keeping the URL, TLS name and Host (repeatable)', collect)
    .option('--ca-file <file>', 'CA certificates (PEM or DER) the doctor trusts in addition, to see past a trust problem')
    .option('--client-log <file>', "read this MCP client log (e.g. a Claude Desktop mcp-server-<name>.log sent with a ticket) instead of the client's own")
    .addOption(new Option('--timeout <duration>', 'limit for each network operation, e.g. 500ms, 10s').default(10_000, '10s').argParser(durationArg))
    .addOption(new Option('--format <format>', 'report format (default: text, or what --output\'s extension says: .md, .json, .xml)').choices(['text', 'json', 'markdown', 'junit']))
    .option('--json', 'same as --format json')
    .option('--output <file>', 'write the report to a file (mode 0600) instead of stdout')
    .option('--strict', 'warnings fail too (exit 1)')
    .option('--only <ids>', 'run only these comma-separated check ids (and what they need)', idList)
    .option('--skip <ids>', 'skip these comma-separated check ids', idList)
    .option('--interactive', 'walk the guide step by step with prompts (the default at a terminal when settings are missing)')
    .option('--no-interactive', 'never prompt (also when stdin is not a terminal or CI is set)')
    .option('-v, --verbose', 'more detail: request lines, timings, check details (env LOG_LEVEL=DEBUG)')
    .option('--debug', 'like --verbose, plus stack traces of internal errors')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('--list-checks', 'list the checks (id, title, guide section) and exit')
    .addHelpText('after', helpAfter(cliName()))
    .action(async (areas: string[], options: Record<string, unknown>) => {
      const { runDoctor } = await loadDoctor();
      process.exitCode = await runDoctor(areas, options, version);
    });
  program
    .command('explain')
    .description('Look up an error message, HTTP status or check id offline: the guide section, causes and fix.')
    .argument('[text...]', 'the error text, e.g. "401 Unauthorized", invalid_client, "spawn uvx ENOENT", a check id')
    .option('--json', 'print JSON')
    // Pasted error text may contain words that look like options ("MCP error -32000: …").
    .allowUnknownOption()
    .configureOutput({
      outputError: (message, write) => write(usageLine(message, `${cliName()} explain --help`)),
    })
    .action(async (words: string[], options: { json?: boolean }) => {
      const { runExplain } = await loadExplain();
      process.exitCode = runExplain(words, options.json === true);
    });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const version = toolVersion();
  const program = buildProgram(version);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end here with their own code (0); every other parse error is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    const debug = argv.includes('--debug');
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${cliName()}: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 3;
  }
}
