/** This build's Zoom cloud and asset source (lib/zoom-cloud.ts), as the page and the meeting frames use them. */
import { zoomCloud, type ZoomCloud } from '../../../lib/zoom-cloud.ts';

const settings = zoomCloud({
  webEndpoint: import.meta.env.VITE_ZOOM_WEB_ENDPOINT,
  assets: import.meta.env.VITE_ZOOM_ASSETS,
});
// vite.config.ts refuses to build with a value it does not know, so a built page never gets here.
if (!settings.ok) throw new Error(settings.message);

export const ZOOM_CLOUD: ZoomCloud = settings.cloud;

/** The SDK's lib folder as a URL (a self-hosted copy lives on this site's origin). */
export function sdkLibUrl(): string {
  return new URL(ZOOM_CLOUD.libUrl, location.origin).href;
}
