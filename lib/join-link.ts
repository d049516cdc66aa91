/**
 * This site's join links: `/j/<meeting number>?pwd=<passcode>`, the path and query of Zoom's own invite links, so
 * swapping the host name of a Zoom link gives a link to this page. netlify.toml rewrites the path to the form page;
 * the build gives it the form page's headers (vite-plugins/document-headers.ts).
 */
export const JOIN_LINK_PREFIX = '/j/';
