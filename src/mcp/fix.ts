import { chmod, readFile, writeFile } from 'node:fs/promises';
import { applyEdits, findNodeAtLocation, modify, parseTree, type Node } from 'jsonc-parser';
import type { ConfigFileState } from '../config/target.js';
import { fingerprint } from '../config/secrets.js';
import { writePrivateFile } from '../config/private-file.js';
import { looseMode, octal, plainSecrets } from '../config/file-secrets.js';

export interface PlannedFix {
  variable: string;
  /** What changes, without the value when it is a secret. */
  description: string;
}

export interface FixPlan {
  path: string;
  fixes: PlannedFix[];
  /** The edited text; undefined when there is nothing safe to fix. */
  text?: string;
  /** Why --fix cannot touch this file, when it cannot. */
  refusal?: string;
  /** Set the file's mode to 0600 (it holds a secret others can read). */
  chmod?: boolean;
}

const SECRET = /SECRET|PASSWORD/;

/**
 * The safe, mechanical repairs of the chosen entry's env: JAMF_URL's missing https://, trailing
 * slash and surrounding whitespace, and whitespace around any JAMF_* value. Edits keep comments
 * and layout (jsonc-parser). Secrets are only ever trimmed, never otherwise changed or shown.
 */
export async function planFixes(file: ConfigFileState): Promise<FixPlan> {
  const entry = file.entry;
  const plan: FixPlan = { path: file.path, fixes: [] };
  // A file holding a secret in plain text that others can read: 0600, whatever its format.
  const held = plainSecrets(file.entries);
  const mode = held.length > 0 ? await looseMode(file.path) : undefined;
  if (mode !== undefined) {
    plan.chmod = true;
    plan.fixes.push({ variable: 'file mode', description: `file mode ${octal(mode)} → 0600 (it holds ${held[0]}${held.length > 1 ? ` and ${held.length - 1} more` : ''})` });
  }
  const refusal =
    file.client?.format === 'toml' || /\.toml$/i.test(file.path)
      ? '--fix edits JSON configuration files only; edit the TOML file by hand'
      : !entry || !entry.jsonPath
        ? 'no server entry was chosen'
        : file.fatal
          ? 'the file cannot be parsed; correct its syntax first'
          : undefined;
  if (refusal !== undefined || !entry?.jsonPath) return plan.fixes.length > 0 ? plan : { ...plan, refusal: refusal ?? 'no server entry was chosen' };
  let text = await readFile(file.path, 'utf8');
  for (const [variable, value] of Object.entries(entry.env)) {
    if (!variable.startsWith('JAMF_')) continue;
    let fixed = value.trim();
    const changes: string[] = [];
    if (fixed !== value) changes.push('remove surrounding whitespace');
    // A URL holding credentials is not made "more correct": url.format fails it, and the fix is to
    // remove user:password@ by hand (the plan never shows it).
    const credentials = variable === 'JAMF_URL' && fixed.includes('@');
    if (variable === 'JAMF_URL' && fixed !== '' && !/\s/.test(fixed) && !credentials) {
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(fixed)) {
        fixed = `https://${fixed}`;
        changes.push('add https://');
      }
      const stripped = fixed.replace(/\/+$/, '');
      if (stripped !== fixed && /^https?:\/\/[^/]+/i.test(stripped)) {
        fixed = stripped;
        changes.push('remove the trailing slash');
      }
    }
    if (changes.length === 0) continue;
    // Edit the occurrence the client reads: JSON.parse keeps the last of duplicate keys, while
    // jsonc-parser's modify() would change the first.
    const envPath = entry.envPath ?? [...entry.jsonPath, 'env'];
    const occurrences = (findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true, disallowComments: false }) as Node, envPath)?.children ?? []).filter((p) => p.children?.[0]?.value === variable);
    const last = occurrences[occurrences.length - 1]?.children?.[1];
    if (!last) continue;
    text = applyEdits(text, [{ offset: last.offset, length: last.length, content: JSON.stringify(fixed) }]);
    if (occurrences.length > 1) changes.push(`in the last of its ${occurrences.length} "${variable}" keys, the one the client reads`);
    // Only the URL is shown whole: identifiers at most as a fingerprint, secrets never.
    const shown = variable === 'JAMF_URL' ? (credentials ? ' (it holds "user:password@": remove that by hand)' : ` → ${fixed}`) : SECRET.test(variable) ? '' : ` → ${fingerprint(fixed)}`;
    plan.fixes.push({ variable, description: `${variable}: ${changes.join(', ')}${shown}` });
  }
  if (plan.fixes.some((f) => f.variable !== 'file mode')) plan.text = text;
  return plan;
}

/** Write the backup (0600, never through a symlink), then the fixed file; then the mode. Returns the backup path, if one was needed. */
export async function applyFixes(plan: FixPlan, now: Date): Promise<string | undefined> {
  if (plan.text === undefined && !plan.chmod) throw new Error('nothing to apply');
  let backup: string | undefined;
  if (plan.text !== undefined) {
    const original = await readFile(plan.path, 'utf8');
    backup = `${plan.path}.${now.toISOString().replace(/[:.]/g, '-')}.bak`;
    await writePrivateFile(backup, original, '--fix backup');
    // 0600 before the new text (which may hold a secret) is written, never after.
    if (plan.chmod) await chmod(plan.path, 0o600);
    await writeFile(plan.path, plan.text, 'utf8');
  }
  if (plan.chmod) await chmod(plan.path, 0o600);
  return backup;
}

/**
 * Write settings corrected at the walkthrough's prompts into the chosen entry's "env" block: each
 * variable set (added when missing) where the client reads it, comments and layout kept
 * (jsonc-parser). The plan shows the URL whole, identifiers as a fingerprint, secrets never; a
 * file that will hold a secret gets mode 0600. Applied with applyFixes (backup first).
 */
export async function planSettings(file: ConfigFileState, values: Readonly<Record<string, string>>): Promise<FixPlan> {
  const entry = file.entry;
  const plan: FixPlan = { path: file.path, fixes: [] };
  const refusal =
    file.client?.format === 'toml' || /\.toml$/i.test(file.path)
      ? 'only JSON configuration files can be written; edit the TOML file by hand'
      : !entry || !entry.jsonPath
        ? 'no server entry was chosen'
        : file.fatal
          ? 'the file cannot be parsed; correct its syntax first'
          : undefined;
  if (refusal !== undefined || !entry?.jsonPath) return { ...plan, refusal: refusal ?? 'no server entry was chosen' };
  let text = await readFile(file.path, 'utf8');
  const envPath = entry.envPath ?? [...entry.jsonPath, 'env'];
  for (const [variable, value] of Object.entries(values)) {
    if (entry.env[variable] === value) continue;
    const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false }) as Node;
    const occurrences = (findNodeAtLocation(tree, envPath)?.children ?? []).filter((p) => p.children?.[0]?.value === variable);
    const last = occurrences[occurrences.length - 1]?.children?.[1];
    text = last
      ? applyEdits(text, [{ offset: last.offset, length: last.length, content: JSON.stringify(value) }])
      : applyEdits(text, modify(text, [...envPath, variable], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
    // The URL and a file path show whole; identifiers as a fingerprint; secrets never.
    const shown = variable === 'JAMF_URL' || variable === 'SSL_CERT_FILE' ? ` → ${value}` : SECRET.test(variable) ? ' (the value you typed; not shown)' : ` → ${fingerprint(value)}`;
    plan.fixes.push({ variable, description: `${variable}: ${last ? 'set' : 'add'}${shown}` });
    if (SECRET.test(variable)) plan.chmod = true;
  }
  if (plan.fixes.length > 0) plan.text = text;
  return plan;
}
