import { setPrompted, type ResolvedConfig, type SettingName } from '../config/resolve.js';
import type { Secrets } from '../config/secrets.js';
import { analyseJamfUrl } from '../config/url.js';

/** Ctrl-C at a prompt: the run ends with exit code 130 and no stack trace. */
export class InterruptedError extends Error {}

/** The prompts the doctor asks, behind one seam so tests can answer them. */
export interface Prompter {
  select<T extends string>(message: string, choices: Array<{ name: string; value: T }>): Promise<T>;
  input(message: string, options?: { validate?: (value: string) => true | string; default?: string }): Promise<string>;
  password(message: string): Promise<string>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
}

/** The real prompts: @inquirer on stderr (stdout stays the report's), secrets masked. Loaded only when asked. */
export async function inquirerPrompter(): Promise<Prompter> {
  const { confirm, input, password, select } = await import('@inquirer/prompts');
  const context = { output: process.stderr };
  const interruptible = async <T>(prompt: Promise<T>): Promise<T> => {
    try {
      return await prompt;
    } catch (error) {
      if (error instanceof Error && error.name === 'ExitPromptError') throw new InterruptedError('interrupted at a prompt');
      throw error;
    }
  };
  return {
    select: (message, choices) => interruptible(select({ message, choices }, context)),
    input: (message, options) =>
      interruptible(input({ message, ...(options?.validate ? { validate: options.validate } : {}), ...(options?.default ? { default: options.default } : {}) }, context)),
    password: (message) => interruptible(password({ message, mask: '*' }, context)),
    confirm: (message, defaultValue) => interruptible(confirm({ message, default: defaultValue }, context)),
  };
}

/** Ask for the URL, auth type and credentials that no flag, variable or file gave. */
export async function askForMissing(config: ResolvedConfig, secrets: Secrets, ask: Prompter): Promise<void> {
  const set = (name: SettingName, value: string): void => setPrompted(config, name, value, secrets);
  if (!config.values.url) {
    set(
      'url',
      (
        await ask.input('Jamf Pro URL (e.g. your-server.jamfcloud.com)', {
          validate: (value) => analyseJamfUrl(value).problems.find((p) => !p.recoverable)?.message ?? true,
        })
      ).trim(),
    );
  }
  const hasClient = config.values.clientId || config.values.clientSecret;
  const hasBasic = config.values.username || config.values.password;
  if (!config.values.authType && !hasClient && !hasBasic) {
    set(
      'authType',
      await ask.select('How does JamfMCP authenticate?', [
        { name: 'API client (client_credentials) — recommended', value: 'client_credentials' },
        { name: 'User account (basic)', value: 'basic' },
      ]),
    );
  }
  const type = config.values.authType?.value ?? (hasBasic && !hasClient ? 'basic' : 'client_credentials');
  if (type === 'basic') {
    if (!config.values.username) set('username', await ask.input('Jamf Pro username'));
    if (!config.values.password) set('password', await ask.password('Password'));
  } else if (type === 'client_credentials') {
    if (!config.values.clientId) set('clientId', await ask.input('API client ID'));
    if (!config.values.clientSecret) set('clientSecret', await ask.password('API client secret'));
  }
}
