import { isAbsolute } from 'node:path';
import { SETTINGS, type SettingName, type Target } from '../config/target.js';
import type { Secrets } from '../config/secrets.js';
import { analyseJamfUrl } from '../config/url.js';
import { jamfmcpOf } from '../jamfmcp/index.js';

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
  const { confirm, input, password, select } = typeof require === 'function' ? (require('@inquirer/prompts') as typeof import('@inquirer/prompts')) : await import('@inquirer/prompts');
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

/**
 * Ask for the URL, auth type and credentials that no flag, variable or file gave. Returns the
 * answers (secrets registered at once); the caller puts them in the spec and derives the target again.
 */
export async function askForMissing(target: Target, secrets: Secrets, ask: Prompter): Promise<Partial<Record<SettingName, string>>> {
  const answers: Partial<Record<SettingName, string>> = {};
  const set = (name: SettingName, value: string): void => {
    if (SETTINGS[name].secret) secrets.add(value);
    answers[name] = value;
  };
  const values = target.values;
  if (!values.url) set('url', await askUrl(ask));
  const hasClient = values.clientId || values.clientSecret;
  const hasBasic = values.username || values.password;
  // A version with a fixed auth type (1.0.2: API clients only) is never asked which one.
  const onlyClient = jamfmcpOf(target).profile.authType.kind === 'fixed';
  if (!onlyClient && !values.authType && !hasClient && !hasBasic) {
    set(
      'authType',
      await ask.select('How does JamfMCP authenticate?', [
        { name: 'API client (client_credentials) — recommended', value: 'client_credentials' },
        { name: 'User account (basic)', value: 'basic' },
      ]),
    );
  }
  const type = onlyClient ? 'client_credentials' : (answers.authType ?? values.authType?.value ?? (hasClient && !hasBasic ? 'client_credentials' : 'basic')).trim().toLowerCase();
  if (type === 'basic') {
    if (!values.username) set('username', await ask.input('Jamf Pro username'));
    if (!values.password) set('password', await ask.password('Password'));
  } else if (type === 'client_credentials') {
    if (!values.clientId) set('clientId', await ask.input('API client ID'));
    if (!values.clientSecret) set('clientSecret', await ask.password('API client secret'));
  }
  return answers;
}

/**
 * A URL typed at the prompt, as the doctor takes it: `host:port` (which JamfMCP and URL parsers
 * read as a scheme and a path) is taken as https://host:port. Only what is typed here: values from
 * files and the environment are judged exactly as JamfMCP reads them.
 */
export function typedUrl(value: string): string {
  const trimmed = value.trim();
  return !/^[a-z][a-z\d+.-]*:\/\//i.test(trimmed) && /^[^/\s:]+:\d+(\/|$)/.test(trimmed) ? `https://${trimmed}` : trimmed;
}

async function askUrl(ask: Prompter, current?: string): Promise<string> {
  const answer = await ask.input('Jamf Pro URL (e.g. your-server.jamfcloud.com)', {
    validate: (value) => analyseJamfUrl(typedUrl(value)).problems.find((p) => !p.recoverable)?.message ?? true,
    ...(current ? { default: current } : {}),
  });
  return typedUrl(answer);
}

/** What the walkthrough can ask again, beyond the settings: the CA bundle JamfMCP trusts (SSL_CERT_FILE). */
export type AskAgain = SettingName | 'sslCertFile';

/**
 * Ask again for the values a failing step names, each pre-filled with what the run used (a secret
 * cannot be shown: Enter keeps it). Returns only what changed; secrets are registered at once.
 */
export async function askAgain(
  target: Target,
  names: readonly AskAgain[],
  secrets: Secrets,
  ask: Prompter,
): Promise<{ settings: Partial<Record<SettingName, string>>; sslCertFile?: string }> {
  const settings: Partial<Record<SettingName, string>> = {};
  let sslCertFile: string | undefined;
  for (const name of names) {
    if (name === 'sslCertFile') {
      // What JamfMCP reads (its Python trusts SSL_CERT_FILE, never the keychain), so that the run
      // judges the certificate as JamfMCP will, and the file can be saved into the entry.
      const current = target.env.values.SSL_CERT_FILE;
      const answer = (
        await ask.input('SSL_CERT_FILE for JamfMCP: a PEM file with the CA certificate(s), absolute path', {
          // JamfMCP resolves a relative path against its own working folder, not this one.
          validate: (value) => value.trim() === '' || isAbsolute(value.trim()) || 'an absolute path, please (JamfMCP resolves a relative one against its own working folder)',
          ...(current ? { default: current } : {}),
        })
      ).trim();
      if (answer !== '' && answer !== current) sslCertFile = answer;
      continue;
    }
    const current = target.values[name]?.value;
    let answer: string;
    // Never pre-fill a URL's user:password@ (it would be printed at the prompt).
    if (name === 'url') answer = await askUrl(ask, current?.replace(/^([a-z][a-z\d+.-]*:\/\/)?[^/@\s]*@/i, '$1'));
    else if (SETTINGS[name].secret) answer = await ask.password(`${name === 'password' ? 'Password' : 'API client secret'} (Enter keeps the current one)`);
    else if (name === 'authType') {
      answer = await ask.select('How does JamfMCP authenticate?', [
        { name: 'API client (client_credentials) — recommended', value: 'client_credentials' },
        { name: 'User account (basic)', value: 'basic' },
      ]);
    } else answer = (await ask.input(name === 'username' ? 'Jamf Pro username' : 'API client ID', current ? { default: current } : {})).trim();
    if (answer === '' || answer === current) continue;
    if (SETTINGS[name].secret) secrets.add(answer);
    settings[name] = answer;
  }
  return { settings, ...(sslCertFile !== undefined ? { sslCertFile } : {}) };
}
