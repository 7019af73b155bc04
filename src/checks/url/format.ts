import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { analyseJamfUrl, urlStatus, type UrlAnalysis, type UrlProblem } from '../../config/url.js';

/** JAMF_URL follows the guide's "Server URL Issues" rules; later checks use the corrected URL. */
export const urlFormat: Check = {
  id: 'url.format',
  title: 'Server URL format',
  area: 'url',
  section: GUIDE.serverUrl,
  needs: [],
  async run({ config, facts, secrets }): Promise<CheckOutcome> {
    const given = config.values.url;
    const analysis = analyseJamfUrl(given?.value);
    secrets.add(analysis.embeddedPassword);
    const where = given?.where ?? 'JAMF_URL';

    if (!given || analysis.problems.some((p) => p.code === 'missing')) {
      return {
        status: 'fail',
        message: `Jamf Pro server URL not provided: ${given ? `${where} is empty` : 'set JAMF_URL (or pass --url)'}`,
        fix: {
          steps: [
            'Set JAMF_URL to your Jamf Pro server, e.g. your-server.jamfcloud.com for Jamf Cloud or https://jamf.example.com:8443 for an on-premises server.',
            'Put it in the "env" block of the JamfMCP entry in your MCP client configuration, then restart the client.',
          ],
          commands: ['"env": {\n  "JAMF_URL": "https://your-server.jamfcloud.com"\n}'],
        },
      };
    }

    if (analysis.url) facts.baseUrl = analysis.url;
    const status = urlStatus(analysis);
    const details: Record<string, unknown> = { source: given.source, problems: analysis.problems.map((p) => p.code) };
    if (analysis.corrected) details.url = analysis.corrected;
    if (analysis.notes.length > 0) details.notes = analysis.notes;

    if (status === 'pass') {
      const note = analysis.notes.length > 0 ? ` (${analysis.notes.join('; ')})` : '';
      return { status, message: `${analysis.corrected} from ${where}${note}`, details };
    }

    const blocking = analysis.problems.find((p) => !p.recoverable);
    const summary = analysis.problems.map((p) => p.message).join('; ');
    const suggested = suggestedUrl(analysis);
    const steps = suggested && !blocking ? [`Change ${where} to ${suggested}`] : [];
    for (const problem of analysis.problems) {
      const advice = adviceFor(problem, analysis.corrected);
      if (advice && !steps.includes(advice)) steps.push(advice);
    }
    steps.push('Restart the MCP client after changing its configuration.');
    const outcome: CheckOutcome = {
      status,
      message: `${where}: ${summary}${analysis.corrected && !blocking ? `; testing ${analysis.corrected} instead` : ''}`,
      fix: { steps },
      details,
    };
    if (status === 'fail' && !blocking && analysis.url) outcome.recoverable = true;
    return outcome;
  },
};

/** The URL to tell the user to write: the corrected one, without a port Jamf Cloud does not serve. */
function suggestedUrl(analysis: UrlAnalysis): string | undefined {
  if (!analysis.url || !analysis.corrected) return undefined;
  if (!analysis.problems.some((p) => p.code === 'jamfcloud-port')) return analysis.corrected;
  const portless = new URL(analysis.url.href);
  portless.port = '';
  return `${portless.origin}${portless.pathname.replace(/\/+$/, '')}`;
}

function adviceFor(problem: UrlProblem, corrected: string | undefined): string | undefined {
  switch (problem.code) {
    case 'http':
      return 'Always use https://: the doctor never sends credentials over plain http.';
    case 'missing-protocol-with-port':
      return `Write the protocol in front of a host with a port${corrected ? `: ${corrected}` : ' (https://host:port)'}; a bare host without a port may leave the protocol out.`;
    case 'trailing-slash':
      return 'Remove the slash at the end of the URL.';
    case 'jamfcloud-port':
      return 'Jamf Cloud serves port 443, so leave the port out, unless your tenant was migrated from on-premises and Jamf told you to keep its port.';
    case 'context-path':
      return 'Keep the path only if your on-premises Jamf Pro really lives under it (e.g. https://jamf.example.com:8443/jamf); otherwise remove it.';
    case 'unsupported-scheme':
    case 'invalid':
    case 'control-characters':
    case 'whitespace':
    case 'port-out-of-range':
      return problem.recoverable ? undefined : 'Set JAMF_URL to the address you use to log in to Jamf Pro in a browser, without any path, e.g. https://your-server.jamfcloud.com.';
    default:
      return undefined;
  }
}
