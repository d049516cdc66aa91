/** Whether this frame can load the SDK's media files from where this build takes them ("Check this browser"). */
import type { SdkCheck } from '../shared/frame-protocol.ts';
import { reachableWithoutCors } from '../shared/reachable.ts';
import { SIGNATURE_URL } from '../shared/signer-url.ts';
import { sdkLibUrl } from '../shared/zoom-cloud.ts';

export async function probeAssets(): Promise<SdkCheck['assets']> {
  // The first file the SDK fetches from lib/av when it initialises; HEAD, so nothing is downloaded.
  const url = `${sdkLibUrl()}/av/js_media.min.js`;
  try {
    const res = await fetch(url, { method: 'HEAD', cache: 'no-store' });
    return { url, reachable: res.ok, detail: `HTTP ${res.status}` };
  } catch (error) {
    // A CDN that answers without CORS headers is still reachable; only a network failure makes no-cors fail too.
    const reason = error instanceof Error ? error.message : String(error);
    if (await reachableWithoutCors(url, 'HEAD'))
      return { url, reachable: true, detail: 'reachable; its answer carried no CORS headers' };
    return { url, reachable: false, detail: reason };
  }
}

/**
 * Whether the signer answers at all, asked from this frame for the page: the frame is `credentialless` in Chromium
 * and Firefox, where the opaque answer that tells a CORS refusal from a dead server is allowed, and the require-corp
 * form page's is not.
 */
export function signerReachable(): Promise<boolean> {
  return reachableWithoutCors(SIGNATURE_URL, 'POST');
}
