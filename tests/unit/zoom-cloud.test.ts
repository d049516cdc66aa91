/** lib/zoom-cloud.ts: the two build-time settings → the hosts every layer uses. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readAuthSetup } from '../../functions/_lib/auth.ts';
import { authorizeUrl } from '../../functions/_lib/zoom-api.ts';
import { ErrorBody } from '../../lib/contract.ts';
import { SELF_HOSTED_LIB_PATH, ZOOM_SDK_VERSION } from '../../lib/zoom-assets.ts';
import { zoomCloud } from '../../lib/zoom-cloud.ts';

describe('zoomCloud', () => {
  it('defaults to zoom.us with assets from source.zoom.us, which the SDK loads without being told', () => {
    expect(zoomCloud({})).toEqual({
      ok: true,
      cloud: {
        domain: 'zoom.us',
        webEndpoint: 'zoom.us',
        webOrigin: 'https://zoom.us',
        assets: 'cloud',
        libUrl: `https://source.zoom.us/${ZOOM_SDK_VERSION}/lib`,
        customLib: false,
        assetOrigins: ['https://source.zoom.us', 'https://dmogdx0jrul3u.cloudfront.net'],
        oauthBaseUrl: 'https://zoom.us',
        apiBaseUrl: 'https://api.zoom.us',
      },
    });
  });

  it.each(['www.zoomgov.com', 'zoomgov.com', 'https://www.zoomgov.com/', ' WWW.ZoomGov.com '])(
    'Zoom for Government from %j: its endpoint, its CDN, its OAuth server and API',
    (webEndpoint) => {
      const result = zoomCloud({ webEndpoint });
      expect(result.ok && result.cloud).toMatchObject({
        webEndpoint: 'www.zoomgov.com',
        webOrigin: 'https://www.zoomgov.com',
        libUrl: `https://source.zoomgov.com/${ZOOM_SDK_VERSION}/lib`,
        customLib: true,
        assetOrigins: ['https://source.zoomgov.com'],
        oauthBaseUrl: 'https://zoomgov.com',
        apiBaseUrl: 'https://api.zoomgov.com',
      });
    },
  );

  it('China CDN and self-hosting change where the files come from, not the cloud', () => {
    const china = zoomCloud({ assets: 'china' });
    expect(china.ok && china.cloud).toMatchObject({
      webEndpoint: 'zoom.us',
      libUrl: `https://jssdk.zoomus.cn/${ZOOM_SDK_VERSION}/lib`,
      customLib: true,
    });
    const self = zoomCloud({ webEndpoint: 'www.zoomgov.com', assets: 'self' });
    expect(self.ok && self.cloud).toMatchObject({
      webEndpoint: 'www.zoomgov.com',
      libUrl: SELF_HOSTED_LIB_PATH,
      assetOrigins: [],
      customLib: true,
    });
  });

  it.each([
    [{ webEndpoint: 'zoom.us.evil.example' }, 'VITE_ZOOM_WEB_ENDPOINT'],
    [{ webEndpoint: 'https://zoom.com.cn' }, 'VITE_ZOOM_WEB_ENDPOINT'],
    [{ assets: 'cdn.example.com' }, 'VITE_ZOOM_ASSETS'],
    [{ assets: 'china', webEndpoint: 'www.zoomgov.com' }, 'VITE_ZOOM_ASSETS'],
  ])('refuses %j, naming %s', (settings, variable) => {
    const result = zoomCloud(settings);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.variable).toBe(variable);
    expect(!result.ok && result.message).toContain(variable);
  });
});

describe('sign-in follows the site’s Zoom cloud (functions/_lib/auth.ts, zoom-api.ts)', () => {
  afterEach(() => vi.unstubAllEnvs());
  const setupWith = (env: Record<string, string>) => {
    for (const name of ['VITE_ZOOM_WEB_ENDPOINT', 'ZOOM_OAUTH_BASE_URL', 'ZOOM_API_BASE_URL']) vi.stubEnv(name, '');
    vi.stubEnv('ZOOM_MEETING_SDK_KEY', 'id');
    vi.stubEnv('ZOOM_MEETING_SDK_SECRET', 'secret');
    vi.stubEnv('SESSION_SECRET', 'x'.repeat(32));
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    return readAuthSetup();
  };

  it.each([
    [{}, { oauth: 'https://zoom.us', api: 'https://api.zoom.us' }],
    [{ VITE_ZOOM_WEB_ENDPOINT: 'www.zoomgov.com' }, { oauth: 'https://zoomgov.com', api: 'https://api.zoomgov.com' }],
    [
      {
        VITE_ZOOM_WEB_ENDPOINT: 'www.zoomgov.com',
        ZOOM_OAUTH_BASE_URL: 'http://127.0.0.1:1/',
        ZOOM_API_BASE_URL: 'http://127.0.0.1:2',
      },
      { oauth: 'http://127.0.0.1:1', api: 'http://127.0.0.1:2' },
    ],
  ])('with %j: %j', (env, expected) => {
    const setup = setupWith(env);
    expect(setup.ok && setup.app.hosts).toEqual(expected);
  });

  it.each<Record<string, string>>([
    { VITE_ZOOM_WEB_ENDPOINT: 'not-zoom.example' },
    { ZOOM_OAUTH_BASE_URL: 'http://zoom.us' },
    { ZOOM_API_BASE_URL: 'https://api.zoom.us/v2' },
  ])('fails closed with %j: 503 naming the variable, never the commercial cloud by default', async (env) => {
    const setup = setupWith(env);
    if (setup.ok) throw new Error('accepted');
    expect(setup.response.status).toBe(503);
    const { error } = ErrorBody.parse(await setup.response.json());
    expect(error).toMatchObject({
      code: 'setting_invalid',
      message: expect.stringContaining(`${Object.keys(env)[0]} is not valid:`),
    });
  });

  it('the login redirect goes to Zoom for Government’s OAuth server', () => {
    const setup = setupWith({ VITE_ZOOM_WEB_ENDPOINT: 'www.zoomgov.com' });
    if (!setup.ok) throw new Error('refused');
    const url = new URL(
      authorizeUrl(setup.app, { redirectUri: 'https://site.example/api/auth/callback', state: 's', challenge: 'c' }),
    );
    expect(url.origin + url.pathname).toBe('https://zoomgov.com/oauth/authorize');
  });
});
