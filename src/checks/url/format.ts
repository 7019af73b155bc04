import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { analyseJamfUrl } from '../../config/url.js';
import { jamfmcpOf } from '../../jamfmcp/index.js';
import { pyRepr, pyStrip } from '../../jamfmcp/python.js';
import { requestUrl, URL_RULES } from '../../jamfmcp/url.js';
import { afterChangingStep, envLine, notPassedNote } from '../shared/env.js';
import { urlPasswords } from '../../config/secrets.js';

interface Finding {
  severity: 'fail' | 'warn';
  message: string;
  steps: string[];
  rule?: string;
  /** A JAMF_URL value that would work, for the env line of the fix. */
  suggested?: string;
}

/** A host name DNS can hold (letters, digits, hyphens, underscores, dots), or an IP address. */
const DNS_NAME = /^(?=.{1,253}\.?$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;

/**
 * JAMF_URL as the JamfMCP version in use reads it (src/jamfmcp/url.ts): the URL it will really
 * request, or the exception it will raise. Fails where JamfMCP breaks, warns where it copes but the
 * value is off the guide, passes otherwise. Later checks test JamfMCP's URL, or — when JamfMCP
 * cannot use the value at all — the URL it was meant to be, only to explain the rest.
 */
export const urlFormat: Check = {
  id: 'url.format',
  title: 'Server URL format',
  area: 'url',
  section: GUIDE.serverUrl,
  needs: [],
  async run({ target, facts }): Promise<CheckOutcome> {
    const view = jamfmcpOf(target);
    const label = view.label;
    const given = target.values.url;
    const where = given?.where ?? 'JAMF_URL';

    if (!given || given.value === '') {
      const shell = notPassedNote(target, ['JAMF_URL']);
      return {
        status: 'fail',
        message: `Jamf Pro server URL not provided: ${given ? `${where} is empty` : 'JAMF_URL is not set'}${shell ? `; ${shell}` : ''} — ${label} stops at start-up with "${'ValueError: Jamf Pro server URL not provided. Set JAMF_URL environment variable.'}"`,
        fix: {
          steps: [
            'Set JAMF_URL to your Jamf Pro server, e.g. your-server.jamfcloud.com (https:// is optional).',
            'Put it in the "env" block of the JamfMCP entry in your MCP client configuration, then restart the client.',
          ],
          commands: [envLine(target, { JAMF_URL: 'https://your-server.jamfcloud.com' })],
        },
        details: { jamfmcp: view.profile.version, rule: view.profile.readsRule },
      };
    }

    const guide = analyseJamfUrl(given.value);
    const intended = guide.url;
    const details: Record<string, unknown> = { source: given.source, jamfmcp: view.profile.version };
    const findings: Finding[] = [];
    let jamfmcpHost: string | undefined;

    const startupError = view.startup.error?.setting === 'url' ? view.startup.error : undefined;
    const password = urlPasswords(given.value)[0];
    if (password !== undefined) {
      // Never echo what Python or httpx make of a URL holding a password: their texts quote it in
      // forms (httpx's userinfo quoting, repr escapes, a prefix read as a port) redaction cannot know.
      const breaks = /[/?#]/.test(password);
      details.jamfmcpServer = '(not shown: JAMF_URL holds a password)';
      findings.push({
        severity: 'fail',
        message: breaks
          ? 'the URL carries credentials (user:password@), and the password holds "/", "?" or "#", which end the host part early: JamfMCP cannot even parse the URL, so every tool fails'
          : "the URL carries credentials (user:password@): httpx sends them as HTTP Basic on every request, replacing JamfMCP's token, so every tool gets 401",
        steps: ['Remove "user:password@" from JAMF_URL; the credentials belong in JAMF_CLIENT_ID and JAMF_CLIENT_SECRET.', 'If that password is real, change it: it has been stored in a configuration file in plain text.'],
        rule: URL_RULES.basicFromUserinfo,
        ...(intended && !intended.port ? { suggested: intended.origin } : {}),
      });
    } else if (startupError) {
      findings.push({
        severity: 'fail',
        message: `${label} cannot parse it and stops at start-up with "${startupError.text}"`,
        steps: ['Write JAMF_URL as https://your-server.example.com (an IPv6 address goes in brackets: https://[2001:db8::1]).'],
        rule: startupError.rule,
      });
    } else {
      const server = view.startup.server ?? pyStrip(given.value);
      const req = requestUrl(server, view.profile.tokenPath.client_credentials);
      details.jamfmcpServer = pyRepr(server);
      if (!req.ok) {
        details.jamfmcpRaises = req.error;
        findings.push(unusable(req.kind, req.error, label, intended?.origin, given.value));
      } else {
        details.jamfmcpRequests = `POST ${req.printed}`;
        const stripped = pyStrip(given.value);
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(stripped)?.[1];
        if (scheme && !/^https?:\/\//.test(stripped)) {
          findings.push({
            severity: 'fail',
            message: `${label} recognises only a lower-case "http://" or "https://" at the start, so it takes "${req.host}" as the host name and requests ${req.printed} (the lookup of "${req.host}" fails)`,
            steps: [`Write the protocol in lower case with both slashes${intended ? `: ${intended.origin}` : ' (https://…)'}.`],
            rule: URL_RULES.parseServerUrl,
            ...(intended && !intended.port ? { suggested: intended.origin } : {}),
          });
        } else if (!DNS_NAME.test(req.host) && !/^[0-9.]+$/.test(req.host) && !req.host.includes(':')) {
          findings.push({
            severity: 'fail',
            message: `${label} would look up the host name "${req.host}", which cannot exist (quotes, spaces or other characters a host name cannot hold)`,
            steps: [`Remove the stray characters${intended ? `: ${intended.origin}` : ''}; a JSON value needs no quotes of its own inside the string.`],
            rule: URL_RULES.httpxParse,
            ...(intended && !intended.port ? { suggested: intended.origin } : {}),
          });
        } else if (req.userinfo !== '') {
          findings.push({
            severity: 'fail',
            message: `the URL carries credentials (user:password@): httpx sends them as HTTP Basic on every request, replacing JamfMCP's token, so every tool gets 401`,
            steps: ['Remove "user:password@" from JAMF_URL; the credentials belong in JAMF_CLIENT_ID and JAMF_CLIENT_SECRET.'],
            rule: URL_RULES.basicFromUserinfo,
            ...(intended && !intended.port ? { suggested: intended.origin } : {}),
          });
        } else if (!req.apiPathIntact || req.pathPrefix !== '') {
          findings.push({
            severity: 'fail',
            message: `without a protocol ${label} keeps the value verbatim and appends ":443", so it requests ${req.printed}${req.apiPathIntact ? '' : ' (a "?" or "#" turns the API path into a query)'}: not the Jamf Pro API, which answers 404`,
            steps: [`Write the URL with https:// and without a path${intended ? `: ${intended.origin}` : ''} — "jamf.example.com" alone also works, but not followed by "/".`],
            rule: URL_RULES.base443,
            ...(intended && !intended.port ? { suggested: intended.origin } : {}),
          });
        } else {
          jamfmcpHost = req.host;
        }
      }
    }

    // Off the guide, but JamfMCP copes: worth a warning, never a failure.
    if (jamfmcpHost !== undefined) {
      const stripped = pyStrip(given.value);
      if (stripped !== given.value) {
        findings.push({ severity: 'warn', message: `the value has leading or trailing whitespace (${label} strips it; other tools may not)`, steps: [`Remove the spaces or line breaks around the value of ${where}.`], rule: view.profile.stripRule });
      }
      if (/^http:\/\//.test(stripped)) {
        findings.push({ severity: 'warn', message: `it starts with http://; ${label} uses https:// regardless (port 443), so it works, but the guide expects https://`, steps: [`Write https:// instead of http://.`], rule: URL_RULES.base443 });
      }
      const path = /^https?:\/\/[^/?#]*(\/[^?#]*)?/.exec(stripped)?.[1] ?? '';
      const codes = new Set(guide.problems.map((p) => p.code));
      if (codes.has('context-path')) {
        const kept = intended ? intended.pathname.replace(/\/+$/, '') : path;
        findings.push({
          severity: 'warn',
          message: `it has a path (${kept}), which ${label} drops: it requests https://${jamfmcpHost}/api/…, which works only if Jamf Pro also answers at the root of the host (the server checks below test exactly that)`,
          steps: ['If your on-premises Jamf Pro lives under a context path, JamfMCP cannot reach it: serve it at the root of a host name (a reverse proxy can map https://jamf.example.com/ to it). Otherwise remove the path.'],
          rule: URL_RULES.parseServerUrl,
        });
        if (intended) facts.writtenUrl = intended;
      } else if (codes.has('api-path')) {
        findings.push({ severity: 'warn', message: `it includes a page or API path (${path}), which ${label} drops (harmless)`, steps: ['Use the server\'s base URL, e.g. https://your-server.jamfcloud.com.'], rule: URL_RULES.parseServerUrl });
      } else if (codes.has('trailing-slash')) {
        findings.push({ severity: 'warn', message: `it ends with a slash; the guide lists that as wrong, but ${label} drops the path, so it works`, steps: ['Remove the slash at the end of the URL.'], rule: URL_RULES.parseServerUrl });
      }
      if (codes.has('query') || codes.has('fragment')) {
        findings.push({ severity: 'warn', message: `it has a query or fragment (?…/#…), which ${label} drops (harmless)`, steps: ['Remove everything from the "?" or "#" on.'], rule: URL_RULES.parseServerUrl });
      }
    }

    // An IPv6 zone index (fe80::1%en0): Python compares certificate IP addresses with the zone, and no
    // certificate can name one, so JamfMCP cannot verify the server; no WHATWG URL can hold it either.
    if (jamfmcpHost !== undefined && jamfmcpHost.includes('%')) {
      findings.push({
        severity: 'fail',
        message: `the address ${jamfmcpHost.includes(':') ? 'has an IPv6 zone index' : 'holds a "%"'}: JamfMCP cannot verify a certificate for it (no certificate names a zone), and the doctor cannot test it`,
        steps: ['Use the server\'s host name in JAMF_URL (the name on its certificate), not a link-local address.'],
        rule: URL_RULES.httpxParse,
      });
      jamfmcpHost = undefined;
    }

    // The URL later checks test.
    const fails = findings.filter((f) => f.severity === 'fail');
    if (jamfmcpHost !== undefined && fails.length === 0) {
      facts.baseUrl = new URL(`https://${jamfmcpHost.includes(':') ? `[${jamfmcpHost}]` : jamfmcpHost}`);
      facts.urlRole = 'jamfmcp';
    } else if (intended) {
      facts.baseUrl = intended;
      facts.urlRole = 'intended';
    }
    if (facts.baseUrl) details.url = facts.baseUrl.href.replace(/\/$/, '');
    details.urlRole = facts.urlRole ?? null;
    details.problems = findings.map((f) => f.message);
    details.rules = [...new Set(findings.flatMap((f) => (f.rule ? [f.rule] : [])))];

    if (findings.length === 0) {
      return { status: 'pass', message: `${label} requests ${details.jamfmcpRequests ?? facts.baseUrl?.href} (from ${where}${guide.notes.length > 0 ? `; ${guide.notes.join('; ')}` : ''})`, details };
    }
    const status = fails.length > 0 ? 'fail' : 'warn';
    const steps = [...new Set(findings.flatMap((f) => f.steps))];
    if (status === 'fail' && facts.urlRole === 'intended' && facts.baseUrl) {
      steps.push(`The checks below test ${facts.baseUrl.href.replace(/\/$/, '')} — what JAMF_URL was meant to be — only to explain the rest; JamfMCP itself cannot use the value as written.`);
    }
    steps.push(afterChangingStep(target, ['url']));
    const outcome: CheckOutcome = {
      status,
      message: `${where}: ${(fails.length > 0 ? fails : findings).map((f) => f.message).join('; ')}${status === 'warn' && details.jamfmcpRequests ? ` — ${label} requests ${details.jamfmcpRequests}` : ''}`,
      fix: { steps },
      details,
    };
    const suggested = fails.find((f) => f.suggested)?.suggested;
    if (suggested && outcome.fix) outcome.fix.commands = [envLine(target, { JAMF_URL: suggested })];
    if (status === 'fail' && facts.baseUrl) outcome.recoverable = true;
    return outcome;
  },
};

/** Why JamfMCP cannot use the URL at all (the exception it raises at its first tool call), and what would work. */
function unusable(kind: string, error: string, label: string, intendedOrigin: string | undefined, raw: string): Finding {
  const rule = kind === 'invalid-port' ? URL_RULES.httpxPort : kind === 'non-printable' ? URL_RULES.httpxPrintable : kind === 'empty-host' ? URL_RULES.emptyHost : URL_RULES.httpxParse;
  if (kind === 'invalid-port') {
    const ipv6 = /^\s*\[?[0-9a-f]*:[0-9a-f]*:/i.test(raw) && !/^\s*\[/.test(raw) && !/^\s*https?:\/\//.test(raw);
    if (ipv6) {
      return { severity: 'fail', message: `an IPv6 address needs brackets: ${label} appends ":443" and every tool fails with ${error}`, steps: [`Write the address in brackets: https://[${raw.trim()}].`], rule, suggested: `https://[${raw.trim()}]` };
    }
    const host = intendedOrigin ? new URL(intendedOrigin).hostname : 'your-server';
    return {
      severity: 'fail',
      message: `${label} cannot use a port: it appends ":443" to the host part of JAMF_URL, so every tool fails with ${error} (the guide shows https://your-server.com:8443 as correct; JamfMCP disagrees)`,
      steps: [
        `Serve Jamf Pro on port 443 — the Tomcat HTTPS connector, or a reverse proxy or load balancer on 443 in front of it — then set JAMF_URL to https://${host} (no port).`,
        `If the server already answers on port 443, just remove the port: JAMF_URL=https://${host}.`,
      ],
      rule,
      suggested: `https://${host}`,
    };
  }
  if (kind === 'non-printable') {
    return { severity: 'fail', message: `it contains a control character (a tab, line break or NUL inside the value): every tool fails with ${error}`, steps: ['Retype the value of JAMF_URL without invisible characters.'], rule };
  }
  if (kind === 'empty-host') {
    return { severity: 'fail', message: `it has no host name: every tool fails with ${error}`, steps: ['Set JAMF_URL to your Jamf Pro server, e.g. https://your-server.jamfcloud.com.'], rule };
  }
  return { severity: 'fail', message: `every tool fails with ${error}`, steps: ['Set JAMF_URL to the address you log in to Jamf Pro with, e.g. https://your-server.jamfcloud.com.'], rule };
}
