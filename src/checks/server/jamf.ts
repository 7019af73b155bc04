import { GUIDE } from '../guide.js';
import { isRecord } from '../../config/json.js';
import type { Check, CheckOutcome, Fix } from '../types.js';
import { describeHttpFailure, htmlTitle, type JamfResponse } from '../../jamf/http.js';

const WRONG_PLACE: Fix = {
  steps: [
    'Check JAMF_URL: it must be the host you log in to Jamf Pro with (e.g. https://your-server.jamfcloud.com); JamfMCP uses only its host, always on port 443.',
    'Open that URL in a browser on this computer: a captive portal, proxy page or a different site means something else answers there.',
  ],
};

/**
 * Before any credentials are sent: is this a Jamf Pro server, and is it up? Two unauthenticated
 * probes, in parallel: GET /api/v1/health-check (204 when the API works) and GET /api/startup-status.
 */
export const serverJamf: Check = {
  id: 'server.jamf',
  title: 'Jamf Pro server',
  area: 'token',
  section: GUIDE.serverUrl,
  needs: ['tls.certificate'],
  async run({ http, signal, facts, timeoutMs }): Promise<CheckOutcome> {
    const client = await http();
    const [health, startup] = await Promise.allSettled([
      client.request({ method: 'GET', path: '/api/v1/health-check', credentialed: false, maxBytes: 64 * 1024 }, signal),
      client.request({ method: 'GET', path: '/api/startup-status', credentialed: false, maxBytes: 64 * 1024 }, signal),
    ]);
    const responses = [health, startup].flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const dated = responses.find((r) => r.serverDate !== undefined);
    if (dated?.serverDate !== undefined) facts.serverClock = { serverDate: dated.serverDate, localMidpoint: dated.localMidpoint };
    else {
      const bad = responses.find((r) => r.badDate !== undefined)?.badDate;
      if (bad !== undefined) facts.serverBadDate = bad;
    }

    if (health.status === 'rejected' && startup.status === 'rejected') {
      const failure = describeHttpFailure(health.reason, timeoutMs);
      return {
        status: 'fail',
        message: `GET /api/v1/health-check ${failure.what}`,
        fix: { steps: failure.steps },
        details: { code: failure.code },
      };
    }
    const h = health.status === 'fulfilled' ? health.value : undefined;
    const s = startup.status === 'fulfilled' ? startup.value : undefined;
    const startupBody = s && s.status === 200 && isRecord(s.json) ? s.json : undefined;
    const stepCode = typeof startupBody?.stepCode === 'string' ? startupBody.stepCode : undefined;
    const percentage = typeof startupBody?.percentage === 'number' ? startupBody.percentage : undefined;
    const details: Record<string, unknown> = {
      healthCheck: h ? h.status : 'no answer',
      startupStatus: s ? (stepCode ?? s.status) : 'no answer',
    };

    const redirect = [h, s].find((r) => r && r.status >= 300 && r.status < 400);
    if (redirect) {
      const location = redirect.headers.location ?? '';
      return {
        status: 'fail',
        message: `${new URL(redirect.url).pathname} redirects (${redirect.status}) to ${describeLocation(location, redirect.url)}; the Jamf Pro API answers directly, so this is not the API endpoint`,
        fix: {
          steps: [
            'A redirect to a login or single sign-on page means a proxy or SSO front end sits in front of the API: JamfMCP needs the Jamf Pro server URL itself.',
            'If the redirect leads to your Jamf Pro server under another name, use that https URL in JAMF_URL.',
          ],
        },
        details: { ...details, location },
      };
    }

    if (stepCode !== undefined && stepCode !== 'SERVER_INIT_COMPLETE' && (percentage === undefined || percentage < 100)) {
      return {
        status: 'fail',
        message: `Jamf Pro is still starting up (${stepCode}${percentage !== undefined ? `, ${percentage}%` : ''})`,
        fix: { steps: ['Wait until Jamf Pro has finished starting (a few minutes), then run the doctor again.'] },
        details,
      };
    }

    if (h && (h.status === 204 || h.status === 200) && !htmlTitle(h)) {
      return { status: 'pass', message: `Jamf Pro API is up (GET /api/v1/health-check → ${h.status}${stepCode ? `; ${stepCode}` : ''})`, details };
    }
    if (stepCode === 'SERVER_INIT_COMPLETE' || percentage === 100) {
      return { status: 'pass', message: `Jamf Pro answers (startup status ${stepCode ?? `${percentage}%`}; health-check ${h ? h.status : 'no answer'})`, details };
    }

    const page = [h, s].map((r) => (r ? htmlTitle(r) : undefined)).find((t) => t !== undefined);
    if (page !== undefined) return htmlPage(page, h ?? s, details);
    const failing = h ?? s;
    if (failing && failing.status >= 500) {
      return {
        status: 'fail',
        message: `the server answers ${failing.status} to the Jamf Pro API: it is not working right now`,
        fix: { steps: ['Try again in a few minutes. If it persists, check the Jamf Pro server (on-premises) or Jamf Cloud status, or contact Jamf support.'] },
        details,
      };
    }
    // JAMF_URL had a path JamfMCP drops: does Jamf Pro answer under it? Tested only to explain.
    const written = facts.writtenUrl;
    const contextPath = written ? written.pathname.replace(/\/+$/, '') : '';
    if (contextPath !== '') {
      const under = await client.request({ method: 'GET', path: `${contextPath}/api/v1/health-check`, credentialed: false, maxBytes: 64 * 1024 }, signal).catch(() => undefined);
      details.underContextPath = under ? under.status : 'no answer';
      if (under && (under.status === 204 || under.status === 200) && !htmlTitle(under)) {
        return {
          status: 'fail',
          message: `Jamf Pro answers only under ${contextPath} (GET ${contextPath}/api/v1/health-check → ${under.status}), but JamfMCP drops the path of JAMF_URL and asks ${new URL(facts.baseUrl as URL).origin}/api/…, where the server answers ${h ? h.status : 'nothing'}: JamfMCP cannot reach this server`,
          fix: {
            steps: [
              `Serve Jamf Pro at the root of a host name — e.g. a reverse proxy that maps https://jamf.example.com/ to ${written?.origin}${contextPath}/ — and set JAMF_URL to that host.`,
              'JamfMCP keeps only the host of JAMF_URL (the guide\'s URL examples predate that); there is no setting for a context path.',
            ],
          },
          details,
        };
      }
    }
    return {
      status: 'fail',
      message: `no Jamf Pro API here: GET /api/v1/health-check answered ${h ? h.status : 'nothing'} and /api/startup-status ${s ? s.status : 'nothing'} (wrong host, port or context path?)`,
      fix: WRONG_PLACE,
      details,
    };
  },
};

function htmlPage(title: string, response: JamfResponse | undefined, details: Record<string, unknown>): CheckOutcome {
  const status = response?.status ?? 0;
  if (/timeout/i.test(title)) {
    return { status: 'fail', message: `the server answered with a "${title}" page (${status}): Jamf Cloud timed out`, fix: { steps: ['Try again in a few minutes; if it persists, contact Jamf support.'] }, details: { ...details, page: title } };
  }
  if (/service unavailable/i.test(title) || status === 503) {
    return {
      status: 'fail',
      message: `the server answered with "${title}" (${status})`,
      fix: { steps: ['The service is down or not on port 443: a Jamf Cloud tenant migrated from on-premises may still answer only on 8443, which JamfMCP cannot use (it always connects to 443) — ask Jamf support to serve it on 443.', 'Otherwise try again later or contact Jamf support.'] },
      details: { ...details, page: title },
    };
  }
  const portal = /log ?in|sign ?in|portal|wi-?fi|hotspot|captive|accept|terms/i.test(title);
  return {
    status: 'fail',
    message: `an HTML page ("${title}") answered instead of the Jamf Pro API: ${portal ? 'a login page or captive portal is in the way' : 'this is not the Jamf Pro API'}`,
    fix: portal
      ? { steps: ['Open any web page in a browser on this computer and complete the portal or login (hotel, guest Wi-Fi, corporate proxy), or use another network.', ...WRONG_PLACE.steps] }
      : WRONG_PLACE,
    details: { ...details, page: title },
  };
}

function describeLocation(location: string, base: string): string {
  try {
    const target = new URL(location, base);
    return target.origin === new URL(base).origin ? target.pathname : target.href;
  } catch {
    return location || 'nowhere';
  }
}

