import { CHECKS, selectChecks } from '../checks/registry.js';
import type { Area, CheckResult } from '../checks/types.js';
import { displayPath, SETTINGS, type SettingName, type Target, type TargetSpec } from '../config/target.js';
import type { Secrets } from '../config/secrets.js';
import { explainText, isTopicCommand, renderTopic, TOPICS } from '../explain/topics.js';
import { writePrivateFile } from '../config/private-file.js';
import { AREAS, countsText, summarise, type Report } from '../report/model.js';
import { wrapLines } from '../report/text.js';
import type { RunOutcome } from './run-outcome.js';
import { askAgain, askForMissing, inquirerPrompter, InterruptedError, type AskAgain, type Prompter } from './prompts.js';
import { columnsOf } from './columns.js';

export type { Prompter };

export interface WalkthroughDeps {
  /** What the user asked for; every change (an entry chosen, an answer) edits it. */
  spec: TargetSpec;
  target: Target;
  secrets: Secrets;
  /** Derive the target from a spec again (after the user fixed a file, chose an entry or answered). */
  derive(spec: TargetSpec): Promise<Target>;
  run(checks: (typeof CHECKS)[number][], target: Target): Promise<RunOutcome>;
  render(run: RunOutcome, target: Target, format: 'text' | 'markdown'): Promise<{ report: Report; text: string }>;
  /**
   * Jamf entries found in the MCP clients' configuration (only when the user named none), as the spec
   * that selects each: the walkthrough offers them before asking for settings by hand.
   */
  entries?: Array<{ label: string; spec: TargetSpec }>;
  prompter?: Prompter;
  /** Where the walkthrough talks (stderr by default; stdout stays free). */
  out?: (text: string) => void;
}

/** The guide's steps: the areas in the order a run walks them, with the report's titles. */
const STEPS = AREAS as ReadonlyArray<{ area: Area; title: string }>;

type Choice = 'rerun' | 'explain' | 'skip' | 'stop';

/**
 * Walk the guide one section at a time: ask for what is missing, run each section's checks, and on
 * a failure show the fix and offer to re-run after fixing, explain more, skip or stop. At the end,
 * offer the Markdown report for a support ticket. Returns the exit code of the final full run.
 */
export async function walkthrough(deps: WalkthroughDeps): Promise<number> {
  const ask = deps.prompter ?? (await inquirerPrompter());
  const raw = deps.out ?? ((text: string) => void process.stderr.write(text));
  // The walkthrough's own sentences wrap to the terminal like the report (which arrives wrapped).
  const width = columnsOf(process.stderr);
  const out = (text: string): void => raw(wrapLines(text, width));
  let spec = deps.spec;
  let config = deps.target;
  try {
    out('\njamfmcp doctor walks the JamfMCP authentication troubleshooting guide with you, one section at a time.\n');
    const entries = deps.entries ?? [];
    if (entries.length > 0) {
      const manual = 'manual';
      const choice = await ask.select('Which JamfMCP configuration should the doctor check?', [
        ...entries.map((e, i) => ({ name: e.label, value: String(i) })),
        { name: 'None of these: I will enter the settings', value: manual },
      ]);
      const entry = choice === manual ? undefined : entries[Number(choice)];
      if (entry) {
        spec = entry.spec;
        config = await deps.derive(spec);
      }
    }
    const answers = await askForMissing(config, deps.secrets, ask);
    if (Object.keys(answers).length > 0) {
      spec = { ...spec, prompted: { ...spec.prompted, ...answers } };
      config = await deps.derive(spec);
    }

    for (const step of STEPS) {
      if (step.area === 'mcp' && !config.configFile) continue;
      for (;;) {
        const checks = selectChecks(CHECKS, { areas: [step.area] }).checks;
        out(`\n── ${step.title} ──\n`);
        const run = await deps.run(checks, config);
        // Ctrl-C while a step runs ends the walkthrough, as at a prompt.
        if (run.interrupted) throw new InterruptedError('interrupted while a step ran');
        const mine = run.results.filter((r) => r.area === step.area || (step.area === 'token' && r.id === 'auth.cleanup'));
        const { text } = await deps.render({ ...run, results: mine }, config, 'text');
        raw(stripSummary(text));
        const failed = mine.filter((r) => r.status === 'fail' || r.status === 'error');
        if (failed.length === 0) break;
        // The same counts, in the same words, as the report.
        const counts = countsText(summarise(mine))
          .split(', ')
          .filter((part) => /failed|warning|broke/.test(part) && !part.startsWith('0 '));
        const askable = valuesNamedBy(failed, config);
        const rerun = askable.length > 0 ? `Correct ${describeAskable(askable)} and re-run this step` : 'I fixed it: re-run this step';
        const choice = await ask.select<Choice>(`${step.title}: ${counts.join(', ')}. What now?`, [
          { name: rerun, value: 'rerun' },
          { name: 'Explain more (the guide section)', value: 'explain' },
          { name: 'Skip to the next step', value: 'skip' },
          { name: 'Stop here', value: 'stop' },
        ]);
        if (choice === 'explain') {
          raw(`\n${wrapLines(explainResults(failed), width, isTopicCommand)}`);
          const next = await ask.select<Choice>('And now?', [
            { name: rerun, value: 'rerun' },
            { name: 'Skip to the next step', value: 'skip' },
            { name: 'Stop here', value: 'stop' },
          ]);
          if (next === 'stop') return finish(deps, spec, config, ask, out);
          if (next === 'skip') break;
        } else if (choice === 'stop') {
          return finish(deps, spec, config, ask, out);
        } else if (choice === 'skip') {
          break;
        }
        // Read everything again (a file the user fixed), then ask again for the values the failing
        // checks name, pre-filled with what was just read: only a changed answer overrides.
        config = await deps.derive(spec);
        const again = await askAgain(config, valuesNamedBy(failed, config), deps.secrets, ask);
        if (Object.keys(again.settings).length > 0 || again.sslCertFile !== undefined) {
          const flags = { ...spec.flags };
          // A corrected value replaces the flag that gave the old one (flags otherwise win over prompts).
          for (const name of Object.keys(again.settings) as SettingName[]) delete flags[name];
          spec = {
            ...spec,
            flags,
            prompted: { ...spec.prompted, ...again.settings },
            ...(again.sslCertFile !== undefined ? { promptedEnv: { ...spec.promptedEnv, SSL_CERT_FILE: again.sslCertFile } } : {}),
          };
          config = await deps.derive(spec);
        }
      }
    }
    return finish(deps, spec, config, ask, out);
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new InterruptedError('interrupted at a prompt');
    throw error;
  }
}

/** Run everything once more for the verdict, and offer the Markdown report. */
async function finish(deps: WalkthroughDeps, spec: TargetSpec, config: Target, ask: Prompter, out: (text: string) => void): Promise<number> {
  const run = await deps.run([...CHECKS], config);
  const { report } = await deps.render(run, config, 'text');
  const s = report.summary;
  out(`\nDone: ${countsText(s)}.\n`);
  // A working setup, from values typed here: JamfMCP never sees the prompts, so offer to write them
  // where it reads them.
  if (report.exitCode === 0) await offerToSave(spec, config, ask, out);
  if (await ask.confirm('Save a Markdown report (secrets redacted) for a support ticket?', report.exitCode !== 0)) {
    const path = await ask.input('File name', { default: 'jamfmcp-doctor-report.md' });
    const { text } = await deps.render(run, config, 'markdown');
    await writePrivateFile(path, text, 'report file');
    out(`Report saved to ${path} (readable only by you). Attach it to your ticket.\n`);
  }
  return report.exitCode;
}

function explainResults(failed: CheckResult[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const result of failed) {
    const topic = explainText(result.id)[0]?.topic ?? TOPICS.find((t) => t.section === result.section.title || t.section === result.section.chapter);
    if (!topic || seen.has(topic.id)) continue;
    seen.add(topic.id);
    parts.push(renderTopic(topic));
  }
  return parts.length > 0 ? parts.join('\n') : 'The fix above is all the guide says about this.\n';
}

/** Per-step output: the checks and fixes, without the whole-run summary lines. */
function stripSummary(text: string): string {
  const lines = text.split('\n');
  // The header (however many lines it wraps to) ends at the first blank line; the summary starts
  // at "Summary:" (after any colour codes).
  const start = lines.indexOf('') + 1;
  const summary = lines.findIndex((l) => /^(\u001b\[[0-9;]*m)*Summary:/.test(l));
  return `${(summary >= 0 ? lines.slice(start, summary) : lines.slice(start)).join('\n').trimEnd()}\n`;
}

/**
 * The values the failing checks of a step name, to ask again on a re-run: the URL for the URL,
 * network and server checks; the auth type; the credentials of the auth type in use for the
 * credential and token checks; JamfMCP's CA bundle (SSL_CERT_FILE) when the certificate is not trusted.
 */
export function valuesNamedBy(failed: readonly CheckResult[], target: Target): AskAgain[] {
  const names = new Set<AskAgain>();
  const basic = (target.values.authType?.value ?? '').trim().toLowerCase() === 'basic' || (!target.values.clientId && target.values.username !== undefined);
  for (const result of failed) {
    if (/^(url\.|network\.|server\.jamf$|tls\.handshake$)/.test(result.id)) names.add('url');
    else if (result.id === 'config.auth-type') names.add('authType');
    else if (result.id === 'config.credentials' || result.id === 'auth.token') {
      for (const name of basic ? (['username', 'password'] as const) : (['clientId', 'clientSecret'] as const)) names.add(name);
    } else if (result.id === 'tls.certificate' && /untrusted|self-signed|tls-inspection|missing-intermediate/.test(JSON.stringify(result.details?.problems ?? []))) names.add('sslCertFile');
  }
  return [...names];
}

function describeAskable(names: readonly AskAgain[]): string {
  const words: Record<AskAgain, string> = { url: 'the URL', authType: 'the auth type', username: 'the username', password: 'the password', clientId: 'the client ID', clientSecret: 'the secret', sslCertFile: 'SSL_CERT_FILE' };
  const list = names.map((n) => words[n]);
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/**
 * Offer to write the values typed at the prompts into the MCP client's entry (the --fix machinery:
 * a preview, a 0600 backup, comments kept). Secrets only when the user says so, separately.
 */
async function offerToSave(spec: TargetSpec, config: Target, ask: Prompter, out: (text: string) => void): Promise<void> {
  const typed = Object.entries(spec.prompted).filter((pair): pair is [SettingName, string] => pair[1] !== undefined);
  const typedEnv = Object.entries(spec.promptedEnv ?? {}).filter((pair): pair is [string, string] => pair[1] !== undefined);
  if (typed.length === 0 && typedEnv.length === 0) return;
  const file = config.configFile;
  if (!file?.entry) {
    out(`\nThe values you typed work, but JamfMCP never sees this prompt: put them in the "env" block of your MCP client's JamfMCP entry (${[...typed.map(([name]) => SETTINGS[name].env), ...typedEnv.map(([variable]) => variable)].join(', ')}), then restart the client.\n`);
    return;
  }
  const values: Record<string, string> = {};
  for (const [name, value] of typed) if (!SETTINGS[name].secret) values[SETTINGS[name].env] = value;
  for (const [variable, value] of typedEnv) values[variable] = value;
  // A host typed without a protocol is written with the https:// JamfMCP assumes for it (url.format).
  if (values.JAMF_URL !== undefined && !/^[a-z][a-z\d+.-]*:\/\//i.test(values.JAMF_URL)) values.JAMF_URL = `https://${values.JAMF_URL}`;
  const typedSecrets = typed.filter(([name]) => SETTINGS[name].secret);
  if (typedSecrets.length > 0) {
    const names = typedSecrets.map(([name]) => SETTINGS[name].env).join(' and ');
    const write = await ask.confirm(`Also write ${names} (typed here) into ${file.displayPath}? JamfMCP reads it there, in plain text; the file is made readable only by you.`, false);
    if (write) for (const [name, value] of typedSecrets) values[SETTINGS[name].env] = value;
  }
  const { applyFixes, planSettings } = await import('../mcp/fix.js');
  const plan = await planSettings(file, values);
  if (plan.refusal) {
    out(`\nThe corrected settings cannot be saved into ${file.displayPath}: ${plan.refusal}.\n`);
    return;
  }
  if (plan.fixes.length === 0) return;
  out(`\nSave into "${file.entry.name}" in ${file.displayPath}:\n${plan.fixes.map((f) => `  - ${f.description}`).join('\n')}\n`);
  if (!(await ask.confirm('Save these settings (a backup is written first)?', true))) return;
  const backup = await applyFixes(plan, new Date());
  out(`Saved ${file.displayPath}${backup ? ` (backup: ${displayPath(backup)})` : ''}; restart the MCP client to use it.\n`);
}
