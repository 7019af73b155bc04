import type { ResolvedConfig } from '../config/resolve.js';
import { setPrompted } from '../config/resolve.js';
import type { Secrets } from '../config/secrets.js';
import { analyseJamfUrl } from '../config/url.js';

/** Ctrl-C at a prompt: the run ends with exit code 130 and no stack trace. */
export class InterruptedError extends Error {}

/**
 * Ask, at a terminal, for what is missing: the URL, the auth type and the credentials. Prompts
 * write to stderr so that stdout stays the report's. Ctrl-C at a prompt ends the run (exit 130).
 */
export async function promptForMissing(config: ResolvedConfig, secrets: Secrets): Promise<void> {
  const { input, password, select } = await import('@inquirer/prompts');
  const context = { output: process.stderr };
  try {
    if (!config.values.url) {
      const url = await input(
        {
          message: 'Jamf Pro URL (e.g. your-server.jamfcloud.com)',
          validate: (value) => {
            const analysis = analyseJamfUrl(value);
            const blocking = analysis.problems.find((p) => !p.recoverable);
            return blocking ? blocking.message : true;
          },
        },
        context,
      );
      setPrompted(config, 'url', url.trim(), secrets);
    }
    const hasClient = config.values.clientId || config.values.clientSecret;
    const hasBasic = config.values.username || config.values.password;
    if (!config.values.authType && !hasClient && !hasBasic) {
      const type = await select(
        {
          message: 'How does JamfMCP authenticate?',
          choices: [
            { name: 'API client (client_credentials) — recommended', value: 'client_credentials' },
            { name: 'User account (basic)', value: 'basic' },
          ],
        },
        context,
      );
      setPrompted(config, 'authType', type, secrets);
    }
    const type = config.values.authType?.value ?? (hasBasic && !hasClient ? 'basic' : 'client_credentials');
    if (type === 'basic') {
      if (!config.values.username) setPrompted(config, 'username', await input({ message: 'Jamf Pro username' }, context), secrets);
      if (!config.values.password) {
        setPrompted(config, 'password', await password({ message: 'Password', mask: '*' }, context), secrets);
      }
    } else if (type === 'client_credentials') {
      if (!config.values.clientId) setPrompted(config, 'clientId', await input({ message: 'API client ID' }, context), secrets);
      if (!config.values.clientSecret) {
        setPrompted(config, 'clientSecret', await password({ message: 'API client secret', mask: '*' }, context), secrets);
      }
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new InterruptedError('interrupted at a prompt');
    throw error;
  }
}
