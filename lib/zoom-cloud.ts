/**
 * Which Zoom cloud a build talks to and where the Meeting SDK's files come from, from two build-time settings that
 * the build, the meeting frames, the CSP and the sign-in functions all read through this one module:
 *
 * - `VITE_ZOOM_WEB_ENDPOINT`: `zoom.us` (default) or `www.zoomgov.com` (Zoom for Government). Joins go to
 *   `https://<endpoint>/api/v1/wc/info`; sign-in uses the same cloud's OAuth server and REST API.
 * - `VITE_ZOOM_ASSETS`: unset for the cloud's own CDN (source.zoom.us, source.zoomgov.com), `self` for this site
 *   (the build copies the installed SDK's files), `china` for Zoom's China CDN (jssdk.zoomus.cn).
 *
 * Hosts from Zoom's Meeting SDK docs (Zoom for Government: `webEndpoint: 'www.zoomgov.com'` with
 * `setZoomJSLib('https://source.zoomgov.com/<version>/lib', '/av')`; China: `setZoomJSLib('https://jssdk.zoomus.cn/
 * <version>/lib', '/av')`) and from the SDK's bundles (the CDNs it falls back to on its own).
 */
import { SELF_HOSTED_LIB_PATH, ZOOM_SDK_VERSION } from './zoom-assets.ts';

const WEB_ENDPOINT_VAR = 'VITE_ZOOM_WEB_ENDPOINT';
const ASSETS_VAR = 'VITE_ZOOM_ASSETS';

type AssetSource = 'cloud' | 'self' | 'china';

export interface ZoomCloud {
  /** `zoom.us` or `zoomgov.com`: the domain its hosts share (CSP wildcards). */
  domain: string;
  /** What the SDK's init() gets as `webEndpoint` (`zoom.us` is the SDK's own default). */
  webEndpoint: string;
  /** Where join() sends `POST /api/v1/wc/info`. */
  webOrigin: string;
  assets: AssetSource;
  /**
   * The SDK's `lib` folder: an absolute URL on a CDN, or this site's path when self-hosted (the frame prefixes its
   * origin). `setZoomJSLib(libUrl, '/av')` in client view, `assetPath: libUrl + '/av'` in component view.
   */
  libUrl: string;
  /** Whether libUrl differs from what the SDK loads by default (so the frame must tell it). */
  customLib: boolean;
  /** Every origin the SDK may load its code from in this build: the CDN and the ones it falls back to itself. */
  assetOrigins: string[];
  /** Sign-in: the cloud's OAuth server and REST API (ZOOM_OAUTH_BASE_URL / ZOOM_API_BASE_URL override them). */
  oauthBaseUrl: string;
  apiBaseUrl: string;
}

const ZOOM_CDN = 'https://source.zoom.us';
const CHINA_CDN = 'https://jssdk.zoomus.cn';
const ZFG_CDN = 'https://source.zoomgov.com';
/** The SDK's own fallback when source.zoom.us or jssdk.zoomus.cn fails (its bundles list the three as a set). */
const CLOUDFRONT_CDN = 'https://dmogdx0jrul3u.cloudfront.net';

/** Zoom's own CDNs for the SDK's files, as this project may name them (commercial, Zoom for Government, China). */
export const ZOOM_CDN_ORIGINS = [ZOOM_CDN, ZFG_CDN, CHINA_CDN];

interface CloudHosts {
  webEndpoint: string;
  cdn: string;
  /** What the SDK falls back to when `cdn` fails (it knows fallbacks only for its own commercial CDNs). */
  cdnFallbacks: string[];
}

const CLOUDS: Record<string, CloudHosts> = {
  'zoom.us': { webEndpoint: 'zoom.us', cdn: ZOOM_CDN, cdnFallbacks: [CLOUDFRONT_CDN] },
  'zoomgov.com': { webEndpoint: 'www.zoomgov.com', cdn: ZFG_CDN, cdnFallbacks: [] },
};

type ZoomCloudResult = { ok: true; cloud: ZoomCloud } | { ok: false; variable: string; message: string };

/** `https://www.zoomgov.com/`, `WWW.ZOOMGOV.COM` and `zoomgov.com` all name the same cloud. */
function domainOf(endpoint: string): string {
  return endpoint
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '')
    .replace(/^www\./, '');
}

export function zoomCloud(settings: {
  webEndpoint?: string | undefined;
  assets?: string | undefined;
}): ZoomCloudResult {
  const domain = domainOf(settings.webEndpoint || 'zoom.us');
  const hosts = CLOUDS[domain];
  if (!hosts) {
    return {
      ok: false,
      variable: WEB_ENDPOINT_VAR,
      message: `${WEB_ENDPOINT_VAR} must be zoom.us (the default) or www.zoomgov.com (Zoom for Government), not "${settings.webEndpoint}".`,
    };
  }
  const assets = (settings.assets ?? '').trim().toLowerCase() || 'cloud';
  if (assets !== 'cloud' && assets !== 'self' && assets !== 'china') {
    return {
      ok: false,
      variable: ASSETS_VAR,
      message: `${ASSETS_VAR} must be unset (the cloud's CDN), "self" (this site) or "china" (Zoom's China CDN), not "${settings.assets}".`,
    };
  }
  if (assets === 'china' && domain !== 'zoom.us') {
    return {
      ok: false,
      variable: ASSETS_VAR,
      message: `${ASSETS_VAR}=china serves the commercial SDK: it cannot go with ${WEB_ENDPOINT_VAR}=${hosts.webEndpoint}.`,
    };
  }
  const cdn = assets === 'china' ? CHINA_CDN : hosts.cdn;
  const assetOrigins =
    assets === 'self'
      ? []
      : assets === 'china'
        ? [CHINA_CDN, ZOOM_CDN, CLOUDFRONT_CDN]
        : [hosts.cdn, ...hosts.cdnFallbacks];
  const libUrl = assets === 'self' ? SELF_HOSTED_LIB_PATH : `${cdn}/${ZOOM_SDK_VERSION}/lib`;
  return {
    ok: true,
    cloud: {
      domain,
      webEndpoint: hosts.webEndpoint,
      webOrigin: `https://${hosts.webEndpoint}`,
      assets,
      libUrl,
      customLib: libUrl !== `${ZOOM_CDN}/${ZOOM_SDK_VERSION}/lib`,
      assetOrigins,
      oauthBaseUrl: `https://${domain}`,
      apiBaseUrl: `https://api.${domain}`,
    },
  };
}

/** The default build: zoom.us, assets from source.zoom.us. */
export const DEFAULT_ZOOM_CLOUD: ZoomCloud = (zoomCloud({}) as Extract<ZoomCloudResult, { ok: true }>).cloud;
