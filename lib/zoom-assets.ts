/**
 * Where the Meeting SDK's media libraries (lib/av, wasm, language files) come from: Zoom's CDN by default, or this
 * site when a build opts into self-hosting them (`VITE_ZOOM_ASSETS=self`); the build copies them there and the
 * meeting frame points the SDK at it. Both paths carry the installed SDK's version, so a file under them never
 * changes and may be cached for good (netlify.toml), and an SDK upgrade cannot load another version's files.
 */
// The installed package's version, not a literal. A standard JSON import, so Node, tsx, Vite and Playwright
// all read it alike.
import sdkPackage from '@zoom/meetingsdk/package.json' with { type: 'json' };

export const ZOOM_SDK_VERSION: string = sdkPackage.version;

/** The SDK's own default (what it loads without setZoomJSLib). */
export const ZOOM_CDN_LIB_URL = `https://source.zoom.us/${ZOOM_SDK_VERSION}/lib`;

export const SELF_HOSTED_LIB_PATH = `/zoom-sdk/${ZOOM_SDK_VERSION}/lib`;
