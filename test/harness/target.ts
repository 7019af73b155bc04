/**
 * A hand-made Target for unit tests of checks and renderers: settings as if from the environment,
 * a JamfMCP version, and JamfMCP's environment taken to be the given shell (no MCP entry).
 */
import { SETTINGS, type SettingName, type Target } from '../../src/config/target.js';
import type { JamfmcpVersion } from '../../src/config/jamfmcp-version.js';

export interface FakeTargetOptions {
  values?: Partial<Record<SettingName, string>>;
  version?: JamfmcpVersion;
  /** The shell (and so JamfMCP's environment); JAMF_* from `values` are added. */
  shell?: Record<string, string>;
  secretFlags?: string[];
  source?: 'env' | 'flag' | 'prompt';
}

export function fakeTarget(options: FakeTargetOptions = {}): Target {
  const shell: Record<string, string> = { ...(options.shell ?? {}) };
  const target: Target = {
    spec: { flags: {}, prompted: {}, mcpHandshake: false },
    shell,
    values: {},
    jamfmcp: { profile: options.version ?? '1.0.2', source: options.version ? 'flag' : 'no-entry', reason: options.version ? `--jamfmcp-version ${options.version}` : 'newest known', entryPoint: 'unknown' },
    env: { mode: 'shell', values: shell, origin: Object.fromEntries(Object.keys(shell).map((k) => [k, 'shell'])), description: "this shell's", certainty: 'exact', notPassed: [] },
    connectTo: [],
    secretFlags: options.secretFlags ?? [],
    shadowed: [],
    mcpHandshake: false,
  };
  const source = options.source ?? 'env';
  for (const [name, value] of Object.entries(options.values ?? {}) as Array<[SettingName, string]>) {
    const variable = SETTINGS[name].env;
    const where = source === 'flag' ? SETTINGS[name].flag : source === 'prompt' ? `${variable} (typed at the prompt)` : `${variable} (environment)`;
    target.values[name] = { value, source, where };
    if (source === 'env') {
      shell[variable] = value;
      target.env.origin[variable] = 'shell';
    }
  }
  return target;
}
