/**
 * Where the SDK's media libraries (lib/av, wasm, language files) are served from when a build opts into
 * self-hosting them (`VITE_ZOOM_ASSETS=self`); the build copies them there and the meeting frame points the SDK at it.
 */
export const SELF_HOSTED_LIB_PATH = '/zoom-sdk/lib';
