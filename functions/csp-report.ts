import type { Config } from '@netlify/functions';
import { jsonError, methodNotAllowed } from './_lib/respond.ts';
import { mediaTypeOf, readCapped } from './_lib/read-body.ts';
import { withRequestLog } from './_lib/request-log.ts';

/** A report is under 2 KB; a browser batches a few (reports+json). More than this is not a browser's report. */
const MAX_REPORT_BYTES = 16 * 1024;
/** Lines logged per request at most, so one request cannot flood the log. */
const MAX_REPORTS_LOGGED = 10;
const REPORT_TYPES = ['application/csp-report', 'application/reports+json', 'application/json'];

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 200) : '');

/**
 * A path as the log may keep it: a join link's path carries the meeting number (/j/978759818), which with the
 * report's time says who joined what; any run of 6 or more digits is left out.
 */
const withoutNumbers = (path: string): string => path.replace(/\d{6,}/g, '<number>');

/**
 * What a URL in a report may show in the log: origin and path, never a query or fragment (a join link's passcode,
 * an OAuth code) or a meeting number. Keywords such as "inline", "eval", "data" or "blob" stay as they are.
 */
function withoutQuery(value: unknown): string {
  const raw = text(value);
  try {
    const url = new URL(raw);
    const web = url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'wss:';
    return web ? `${url.origin}${withoutNumbers(url.pathname)}` : url.protocol.replace(/:$/, '');
  } catch {
    return withoutNumbers(raw.split(/[?#]/)[0] ?? '');
  }
}

/** The fields worth a log line, from either format: `report-uri` ({"csp-report": {…}}) or `report-to` ([{type, body}]). */
function readReports(body: unknown): Fields[] {
  const entries: unknown[] = Array.isArray(body) ? body : [body];
  return entries.flatMap((entry) => {
    if (!isObject(entry)) return [];
    const legacy = entry['csp-report'];
    if (isObject(legacy)) {
      return [
        {
          disposition: text(legacy['disposition']) || 'enforce',
          directive: text(legacy['effective-directive'] ?? legacy['violated-directive']),
          blocked: withoutQuery(legacy['blocked-uri']),
          page: pathOf(legacy['document-uri']),
        },
      ];
    }
    const report = entry['body'];
    if (entry['type'] === 'csp-violation' && isObject(report)) {
      return [
        {
          disposition: text(report['disposition']) || 'enforce',
          directive: text(report['effectiveDirective']),
          blocked: withoutQuery(report['blockedURL']),
          page: pathOf(report['documentURL']),
        },
      ];
    }
    return [];
  });
}

function pathOf(value: unknown): string {
  try {
    return withoutNumbers(new URL(text(value)).pathname);
  } catch {
    return '';
  }
}

/**
 * Collects Content-Security-Policy violations (the policies in netlify.toml and dist/_headers name this route in
 * report-uri and report-to): one compact log line per violation, for the site owner to read under Logs → Functions,
 * beside the request's own line like every function's.
 */
export default withRequestLog(async (req: Request): Promise<Response> => {
  if (req.method !== 'POST') return methodNotAllowed('POST');
  if (!REPORT_TYPES.includes(mediaTypeOf(req.headers.get('content-type')) ?? '')) {
    return jsonError(
      415,
      'unsupported_media_type',
      'Send a CSP report as application/csp-report or application/reports+json.',
    );
  }
  const raw = await readCapped(req, MAX_REPORT_BYTES);
  if (raw === null) return jsonError(413, 'payload_too_large', `A report must be at most ${MAX_REPORT_BYTES} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return jsonError(400, 'invalid_json', 'The report is not valid JSON.');
  }
  const reports = readReports(body);
  if (reports.length === 0) {
    return jsonError(400, 'invalid_request', 'This is not a CSP violation report.', {
      fields: { body: ['is not a CSP violation report'] },
    });
  }
  for (const report of reports.slice(0, MAX_REPORTS_LOGGED)) console.log(JSON.stringify({ csp: report }));
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
});

// Literals only (Netlify reads this statically). Browsers send a burst per page load at most; scripts get 429.
export const config: Config = {
  path: '/api/csp-report',
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
