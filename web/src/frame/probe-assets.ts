/** Whether this frame can load the SDK's media files from where this build takes them ("Check this browser"). */
import type { SdkCheck } from '../shared/frame-protocol.ts';
import { sdkLibUrl } from '../shared/zoom-cloud.ts';

/**
 * Whether `url` answers at all, CORS or not: a `no-cors` request succeeds (opaque) whenever the server answers. It
 * runs here for the page too: this frame is `credentialless` in Chromium and Firefox, where an opaque answer from
 * another origin is allowed, while the `require-corp` form page refuses it (lib/isolation.ts).
 */
export async function reachableWithoutCors(url: string, method: 'HEAD' | 'POST'): Promise<boolean> {
  try {
    await fetch(url, { method, mode: 'no-cors', cache: 'no-store', ...(method === 'POST' ? { body: '{}' } : {}) });
    return true;
  } catch {
    return false;
  }
}

export async function probeAssets(): Promise<SdkCheck['assets']> {
  // The first file the SDK fetches from lib/av when it initialises; HEAD, so nothing is downloaded.
  const url = `${sdkLibUrl()}/av/js_media.min.js`;
  try {
    const res = await fetch(url, { method: 'HEAD', cache: 'no-store' });
    return { url, reachable: res.ok, detail: `HTTP ${res.status}` };
  } catch (error) {
    // A CDN that answers without CORS headers is still reachable; only a network failure makes no-cors fail too.
    const reason = error instanceof Error ? error.message : String(error);
    if (await reachableWithoutCors(url, 'HEAD')) return { url, reachable: true, detail: 'reachable; its answer carried no CORS headers' };
    return { url, reachable: false, detail: reason };
  }
}
