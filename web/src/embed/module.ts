/** /embed.mjs, the ES module: `import { mount } from 'https://<site>/embed.mjs'`; also defines <zoom-join>. */
import { defineElement, mountOn, type EmbedOptions, type ZoomJoinHandle } from './zoom-join.ts';

export type { EmbedEvent, EmbedEventType, EmbedFailure, EmbedOptions, ZoomJoinHandle } from './zoom-join.ts';

const site = new URL(import.meta.url).origin;
defineElement(site);

export const mount = (element: HTMLElement, options?: EmbedOptions): ZoomJoinHandle => mountOn(site, element, options);
