/**
 * Cross-origin isolation (SharedArrayBuffer: gallery view, 720p send, virtual background) in every engine.
 *
 * Chromium and Firefox (≥ 119) isolate a document served with `Cross-Origin-Embedder-Policy: credentialless`, which
 * loads Zoom's cross-origin files whether or not they carry Cross-Origin-Resource-Policy. WebKit (Safari, and every
 * browser on iOS) does not know `credentialless`: it reads it as `unsafe-none`, so the document is not isolated, and
 * an isolated parent refuses to load it as a frame. WebKit isolates with `require-corp` only, under which each
 * cross-origin file must be CORS or CORP-approved: the SDK asks for its files in CORS mode once it sees
 * `crossOriginIsolated` (its bundles set `crossOrigin = "anonymous"`), and Zoom's CDN answers CORS.
 *
 * So the form page, which loads nothing cross-origin, is `require-corp` for everyone; each meeting frame exists at
 * two paths, `credentialless` at its own and `require-corp` under FRAME_REQUIRE_CORP_PREFIX, and the page opens the
 * one the browser's engine can isolate.
 *
 * COEP never goes out without `Cross-Origin-Opener-Policy: same-origin` (measured in WebKit: a require-corp frame
 * under a page without COOP is not isolated, so the SDK asks for its files without CORS and require-corp refuses
 * them all, "dependent assets are not accessible"): every server sends the two together.
 */
export const OPENER_POLICY = 'same-origin';
export type EmbedderPolicy = 'credentialless' | 'require-corp';

/** The form page's policy: it loads nothing from another origin, so the strict value costs nothing anywhere. */
export const FORM_PAGE_EMBEDDER_POLICY: EmbedderPolicy = 'require-corp';

/** `/corp/meeting.html` is `/meeting.html` served with `require-corp` (the build writes the copy). */
export const FRAME_REQUIRE_CORP_PREFIX = '/corp';

/** The first versions that isolate with `credentialless`: Chrome/Edge 96 (desktop and Android), Firefox 119. */
const CREDENTIALLESS_SINCE: Array<[RegExp, number]> = [
  [/\b(?:Chrome|Chromium|HeadlessChrome)\/(\d+)/, 96],
  [/\bFirefox\/(\d+)/, 119],
];

/**
 * Whether this browser implements `credentialless`, read from its user agent: nothing in the DOM tells whether a
 * COEP value is known. WebKit's user agents (Safari, and every iOS browser: CriOS, FxiOS) carry none of the tokens
 * above; an older Chrome or Firefox knows require-corp but not credentialless. Anything unrecognised gets
 * require-corp, which every engine that isolates at all understands.
 */
function supportsCredentialless(userAgent: string): boolean {
  return CREDENTIALLESS_SINCE.some(([token, since]) => Number(token.exec(userAgent)?.[1] ?? 0) >= since);
}

/** The policy a meeting frame needs in this browser. */
export function frameEmbedderPolicy(userAgent: string): EmbedderPolicy {
  return supportsCredentialless(userAgent) ? 'credentialless' : 'require-corp';
}
