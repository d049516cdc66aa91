/**
 * The site's headers as Netlify reads them (vite-plugins/document-headers.ts → dist/_headers, with netlify.toml):
 * rules parsed and matched by @netlify/headers-parser (what netlify-cli uses). A local `netlify serve` cannot show Cache-Control: its static server's own value overrides the
 * rules (netlify-cli's proxy writes the upstream headers last), so the e2e tests cannot check this part.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllHeaders, type Header } from '@netlify/headers-parser';
import { parseAllRedirects } from '@netlify/redirect-parser';
import { JOIN_LINK_PREFIX } from '../../lib/join-link.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFile, meetingFramePolicies } from '../../vite-plugins/document-headers.ts';
import { CLIENT_VIEW_BUNDLE, COMPONENT_VIEW_BUNDLE } from '../support/zoom-sdk-package.ts';
import { DEFAULT_ZOOM_CLOUD, zoomCloud, type ZoomCloud } from '../../lib/zoom-cloud.ts';
import { SELF_HOSTED_LIB_PATH, ZOOM_SDK_VERSION } from '../../lib/zoom-assets.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
let rules: Header[];

// netlify.toml plus the dist/_headers a default build writes (every header of the documents and files).
const folder = mkdtempSync(join(tmpdir(), 'headers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

beforeAll(async () => {
  const built = join(folder, '_headers');
  writeFileSync(built, headersFile({ cloud: DEFAULT_ZOOM_CLOUD }));
  const { headers, errors } = await parseAllHeaders({
    headersFiles: [built],
    netlifyConfigPath: 'netlify.toml',
    configHeaders: [],
    minimal: false,
  });
  expect(errors).toEqual([]);
  rules = headers as Header[];
});

/** Every value each header gets on a path, one entry per matching rule (Netlify merges the rules). */
function headersFor(path: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const rule of rules.filter((r) => r.forRegExp.test(path))) {
    for (const [name, value] of Object.entries(rule.values))
      values.set(name.toLowerCase(), [...(values.get(name.toLowerCase()) ?? []), value]);
  }
  return values;
}

describe('caching headers (netlify.toml and the build’s _headers)', () => {
  it.each([
    ['/assets/main-B4x9kQ2a.js', IMMUTABLE],
    ['/assets/meeting-Cq1.css', IMMUTABLE],
    [`${SELF_HOSTED_LIB_PATH}/av/js_media.min.js`, IMMUTABLE],
    [`${SELF_HOSTED_LIB_PATH}/lang/en-US.json`, IMMUTABLE],
    ['/', 'no-cache'],
    ['/index.html', 'no-cache'],
    ['/meeting.html', 'no-cache'],
    ['/meeting-component.html', 'no-cache'],
    ['/index', 'no-cache'],
    ['/meeting', 'no-cache'],
    ['/meeting-component', 'no-cache'],
    ['/j/123456789', 'no-cache'],
  ])('%s: Cache-Control %s, from exactly one rule', (path, cacheControl) => {
    const headers = headersFor(path);
    expect(headers.get('cache-control')).toEqual([cacheControl]);
    // A document's policy comes from one rule too (a second rule for the same path once dropped it).
    if (cacheControl === 'no-cache') expect(headers.get('content-security-policy')).toHaveLength(1);
  });

  // lib/isolation.ts: the form page require-corp, each frame credentialless, and require-corp at /corp/ (WebKit);
  // COOP with every COEP, and each from one rule (Netlify would merge two into one invalid value).
  it.each([
    ['/', 'require-corp'],
    ['/index.html', 'require-corp'],
    ['/j/123456789', 'require-corp'],
    ['/meeting.html', 'credentialless'],
    ['/meeting', 'credentialless'],
    ['/meeting-component.html', 'credentialless'],
    ['/corp/meeting.html', 'require-corp'],
    ['/corp/meeting', 'require-corp'],
    ['/corp/meeting-component.html', 'require-corp'],
    ['/assets/meeting-Cq1.js', 'require-corp'],
    [`${SELF_HOSTED_LIB_PATH}/av/js_media.min.js`, 'require-corp'],
  ])('%s: Cross-Origin-Embedder-Policy %s, from exactly one rule', (path, embedder) => {
    const headers = headersFor(path);
    expect(headers.get('cross-origin-embedder-policy')).toEqual([embedder]);
    if (!path.startsWith('/assets/') && !path.startsWith('/zoom-sdk/'))
      expect(headers.get('cross-origin-opener-policy')).toEqual(['same-origin']);
  });

  it('leaves everything else to Netlify’s default (revalidate)', () => {
    expect(headersFor('/favicon.ico').get('cache-control')).toBeUndefined();
  });

  it('self-hosts the SDK under a path named by the installed version, so immutable is safe', () => {
    expect(SELF_HOSTED_LIB_PATH).toBe(`/zoom-sdk/${ZOOM_SDK_VERSION}/lib`);
    expect(ZOOM_SDK_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

function cloudOf(settings: Parameters<typeof zoomCloud>[0]): ZoomCloud {
  const result = zoomCloud(settings);
  if (!result.ok) throw new Error(result.message);
  return result.cloud;
}

const directive = (policy: string, name: string): string[] =>
  policy
    .split('; ')
    .find((part) => part.startsWith(`${name} `))
    ?.split(' ')
    .slice(1) ?? [];

describe('the meeting frames’ policy and the installed SDK', () => {
  // The SDK falls back to other hosts when source.zoom.us cannot be reached; a policy without them turns a CDN
  // hiccup into a failed join. The hosts are read from the bundles, so an SDK upgrade that adds one fails here.
  const fallbackHosts = [CLIENT_VIEW_BUNDLE, COMPONENT_VIEW_BUNDLE].flatMap((bundle) =>
    [...readFileSync(bundle, 'utf8').matchAll(/[a-z0-9]+\.cloudfront\.net/g)].map((match) => `https://${match[0]}`),
  );

  it('allows scripts and workers from Zoom’s CDN and every fallback host the SDK names', () => {
    expect(fallbackHosts.length).toBeGreaterThan(0);
    const { enforced } = meetingFramePolicies({ cloud: DEFAULT_ZOOM_CLOUD });
    for (const directive of ['script-src', 'worker-src']) {
      const sources = enforced
        .split('; ')
        .find((part) => part.startsWith(`${directive} `))!
        .split(' ');
      for (const host of ['https://source.zoom.us', ...new Set(fallbackHosts)])
        expect(sources, directive).toContain(host);
    }
  });

  it('names no Zoom host when the build serves the SDK’s files itself', () => {
    const { enforced, reportOnly } = meetingFramePolicies({ cloud: cloudOf({ assets: 'self' }) });
    expect(enforced).not.toMatch(/zoom\.us|cloudfront/);
    expect(reportOnly).not.toMatch(/source\.zoom\.us|cloudfront/);
  });
});

describe('the policy follows the build’s Zoom cloud', () => {
  it('Zoom for Government: code from source.zoomgov.com only, a meeting talks to zoomgov.com hosts', () => {
    const { enforced, reportOnly } = meetingFramePolicies({ cloud: cloudOf({ webEndpoint: 'www.zoomgov.com' }) });
    expect(directive(enforced, 'script-src')).toContain('https://source.zoomgov.com');
    expect(enforced).not.toMatch(/zoom\.us|cloudfront/);
    expect(directive(reportOnly, 'connect-src')).toEqual(
      expect.arrayContaining(['https://www.zoomgov.com', 'https://*.zoomgov.com', 'wss://*.zoomgov.com']),
    );
    expect(reportOnly).not.toMatch(/zoom\.us/);
  });

  it('China CDN: jssdk.zoomus.cn, and the CDNs the SDK falls back to from it', () => {
    const { enforced } = meetingFramePolicies({ cloud: cloudOf({ assets: 'china' }) });
    expect(directive(enforced, 'worker-src')).toEqual(
      expect.arrayContaining([
        'https://jssdk.zoomus.cn',
        'https://source.zoom.us',
        'https://dmogdx0jrul3u.cloudfront.net',
      ]),
    );
  });

  it('join links (/j/*) get the form page’s policy', () => {
    const headers = headersFor('/j/123456789');
    expect(headers.get('content-security-policy')).toEqual(headersFor('/').get('content-security-policy'));
    expect(headers.get('cache-control')).toEqual(['no-cache']);
  });
});

describe('join links (netlify.toml redirects, as Netlify parses them)', () => {
  it('rewrite /j/* to the form page, keeping the address (200, not a redirect)', async () => {
    const { redirects, errors } = await parseAllRedirects({
      redirectsFiles: [],
      netlifyConfigPath: 'netlify.toml',
      configRedirects: [],
      minimal: false,
    });
    expect(errors).toEqual([]);
    expect(redirects).toEqual([
      expect.objectContaining({ from: `${JOIN_LINK_PREFIX}*`, to: '/index.html', status: 200, force: false }),
    ]);
  });
});
