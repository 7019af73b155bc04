import { isAbsolute, resolve } from 'node:path';
import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { looseMode, octal, plainSecrets } from '../../config/file-secrets.js';
import { gitStateOf } from '../../config/git.js';

/**
 * The guide's "Never commit credentials", for the file that holds them: a config file with a
 * JAMF_* secret in plain text must not be readable by other users (mode 0600), and should not sit
 * in a git work tree unignored, one `git add .` away from publishing the secret. git is asked only
 * read-only questions, and only if it is installed.
 */
export const configSecrets: Check = {
  id: 'config.secrets',
  title: 'Secrets in the config file',
  area: 'config',
  section: GUIDE.leastPrivilege,
  needs: [],
  async run({ target }): Promise<CheckOutcome> {
    const file = target.configFile;
    if (!file || file.entries.length === 0) return { status: 'skip', message: 'no MCP client config file with server entries (use --config or --client)' };
    const held = plainSecrets(file.entries);
    const where = file.displayPath;
    if (held.length === 0) return { status: 'pass', message: `${where} holds no secret in plain text (placeholders only, or none)` };
    const path = isAbsolute(file.path) ? file.path : resolve(file.path);
    const what = held.slice(0, 3).join(', ') + (held.length > 3 ? ` and ${held.length - 3} more` : '');
    const details: Record<string, unknown> = { path: where, secrets: held };

    // A warning, not a failure: JamfMCP itself works with the file as it is (the verdict is
    // JamfMCP's); --strict makes it fail a CI run.
    const mode = await looseMode(path);
    if (mode !== undefined) {
      details.mode = octal(mode);
      return {
        status: 'warn',
        message: `${where} holds ${what} and other users of this computer can read it (mode ${octal(mode)})`,
        fix: {
          steps: [`Make the file readable by you only: chmod 600 ${where} (jamfmcp doctor --fix does it after asking).`, 'If the secret may have been read, rotate it in Jamf Pro (the guide: "Rotate credentials regularly").'],
          commands: [`chmod 600 ${where.startsWith('~/') ? `~/${shellQuote(where.slice(2))}` : shellQuote(path)}`],
        },
        details,
      };
    }

    const git = await gitStateOf(path);
    details.git = git.kind;
    const placeholder = placeholderAdvice(file.client?.placeholders);
    if (git.kind === 'tracked') {
      return {
        status: 'warn',
        message: `${where} holds ${what} and is tracked by git (${git.root}): committed, the secret is in the repository's history`,
        fix: {
          steps: [
            placeholder,
            'Rotate the secret in Jamf Pro if the file was ever pushed, then remove it from the repository (git rm --cached) and add it to .gitignore.',
          ],
        },
        details,
      };
    }
    if (git.kind === 'untracked') {
      return {
        status: 'warn',
        message: `${where} holds ${what} and sits in a git work tree (${git.root}) without being ignored: one "git add ." away from committing the secret`,
        fix: { steps: [`Add the file to .gitignore (${git.root}/.gitignore).`, placeholder] },
        details,
      };
    }
    return { status: 'pass', message: `${where} holds ${what}, readable by you only${git.kind === 'ignored' ? ', and git ignores it' : ''}`, details };
  },
};

/** How this client lets the file name a variable instead of holding the secret. */
function placeholderAdvice(placeholders: { braces: boolean; envColon: boolean } | undefined): string {
  if (placeholders?.envColon) return 'Keep the secret out of the file: write "JAMF_CLIENT_SECRET": "${env:JAMF_CLIENT_SECRET}" and set the variable in the environment the client starts from.';
  if (placeholders?.braces) return 'Keep the secret out of the file: write "JAMF_CLIENT_SECRET": "${JAMF_CLIENT_SECRET}" and set the variable in the environment the client starts from.';
  return 'This client expands no placeholders, so the secret must be in the file: keep the file out of version control (.gitignore).';
}

function shellQuote(text: string): string {
  return /^[\w./~@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
