/** /embed.js, the classic script (`<script src>`, also `type="module"`): window.ZoomJoin.mount and <zoom-join>. */
import { defineElement, mountOn, type EmbedOptions, type ZoomJoinHandle } from './zoom-join.ts';

// The site is the one this script came from: read while it runs, as currentScript is null afterwards. As a module
// script (type="module"), currentScript is null: then the site is the one of the last script naming embed.js.
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  [...document.querySelectorAll<HTMLScriptElement>('script[src*="/embed.js"]')].pop();
if (!script) throw new Error('Zoom join: load /embed.js with a <script src> tag.');
const site = new URL(script.src).origin;
defineElement(site);

declare global {
  interface Window {
    ZoomJoin: { mount(element: HTMLElement, options?: EmbedOptions): ZoomJoinHandle };
  }
}
window.ZoomJoin = { mount: (element, options) => mountOn(site, element, options) };
