import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { jamfmcpRelevant } from '../../config/effective-env.js';
import { redactProxyUrl } from '../../net/proxy.js';
import { envLine } from '../shared/env.js';
import { jamfmcpOf } from '../../jamfmcp/index.js';

/**
 * The environment the MCP client gives JamfMCP: its entry's env block plus what that client passes
 * on (config/clients.ts). Everything JamfMCP reads — JAMF_*, proxies, SSL_CERT_FILE — is read
 * from here, so a variable that is set only in the doctor's shell does not count.
 */
export const mcpEnvironment: Check = {
  id: 'mcp.environment',
  title: "JamfMCP's environment",
  area: 'mcp',
  section: GUIDE.configuration,
  needs: [],
  async run({ target }): Promise<CheckOutcome> {
    const env = target.env;
    if (env.mode === 'shell') {
      return { status: 'skip', message: "no MCP client entry: JamfMCP's environment is taken to be this shell's, as when it is run by hand (use --config or --client to judge a client's)" };
    }
    const variables = Object.fromEntries(
      Object.keys(env.values)
        .filter(jamfmcpRelevant)
        .sort()
        .map((name) => [name, env.origin[name] === 'entry' ? 'entry env block' : `passed on by ${env.client?.name ?? 'the client'}`]),
    );
    const details = { client: env.client?.id ?? null, certainty: env.certainty, description: env.description, variables, notPassed: env.notPassed };
    const client = env.client?.name ?? 'the MCP client';
    // Only what this JamfMCP version reads matters (1.0.2 never reads JAMF_USERNAME, for one).
    const { profile } = jamfmcpOf(target);
    const notPassed = env.notPassed.filter((n) => !/^JAMF_/.test(n) || profile.reads.includes(n));
    if (notPassed.length > 0) {
      const jamf = notPassed.filter((n) => /^JAMF_/.test(n));
      const other = notPassed.filter((n) => !/^JAMF_/.test(n));
      const effects = [
        ...(jamf.length > 0 ? [`${jamf.join(', ')} ${jamf.length === 1 ? 'does' : 'do'} not reach JamfMCP (the configuration and URL checks judge it without ${jamf.length === 1 ? 'it' : 'them'})`] : []),
        ...(other.some((n) => /_proxy$/i.test(n)) ? ['without the proxy variables JamfMCP connects directly (or through the macOS System Settings proxy); network.connect tests exactly that'] : []),
        ...(other.some((n) => /^SSL_CERT_/.test(n)) ? ['without SSL_CERT_FILE/SSL_CERT_DIR JamfMCP trusts only its own CA bundle (tls.trust-store)'] : []),
      ];
      // Values safe to show as they are: the URL (its password is a registered secret), the auth type,
      // CA paths and proxies (password masked). Identifiers and secrets are for the user to paste.
      const shown: Record<string, string> = {};
      for (const name of notPassed) {
        const value = target.shell[name] ?? '';
        shown[name] = /_proxy$/i.test(name) ? redactProxyUrl(value) : ['JAMF_URL', 'JAMF_AUTH_TYPE', 'SSL_CERT_FILE', 'SSL_CERT_DIR'].includes(name) ? value : '…';
      }
      return {
        status: 'warn',
        message: `${notPassed.join(', ')} ${notPassed.length === 1 ? 'is' : 'are'} set in your shell, but ${client} does not pass ${notPassed.length === 1 ? 'it' : 'them'} on to JamfMCP (${env.certainty}); ${effects.join('; ')}`,
        fix: {
          steps: [
            `If JamfMCP needs ${notPassed.length === 1 ? 'it' : 'them'}, add ${notPassed.length === 1 ? 'it' : 'them'} to the "env" block of "${target.configFile?.entry?.name ?? 'jamfmcp'}" in ${target.configFile?.displayPath ?? 'the client configuration'} (secret values only as you paste them there, never in a shared file).`,
            `Restart ${client} completely afterwards.`,
          ],
          commands: [envLine(target, shown)],
        },
        details,
      };
    }
    // The description says what is passed and how sure that is ("documented", "unknown: …").
    return { status: 'pass', message: env.description, details };
  },
};
