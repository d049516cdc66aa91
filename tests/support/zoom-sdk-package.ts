import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The installed @zoom/meetingsdk, as tests and bench see it: its version comes from its own package.json, so the
 * quarterly `npm install @zoom/meetingsdk@latest` needs no edit here.
 */
export const SDK_DIST = join(import.meta.dirname, '../../node_modules/@zoom/meetingsdk/dist');

export const SDK_VERSION: string = (
  JSON.parse(readFileSync(join(SDK_DIST, '../package.json'), 'utf8')) as { version: string }
).version;

/** The client view's bundle (what Zoom's CDN sample loads with a <script> tag). */
export const CLIENT_VIEW_BUNDLE = join(SDK_DIST, `zoom-meeting-${SDK_VERSION}.min.js`);

/** Component view's bundle (`@zoom/meetingsdk/embedded`). */
export const COMPONENT_VIEW_BUNDLE = join(SDK_DIST, 'zoomus-websdk-embedded.umd.min.js');
