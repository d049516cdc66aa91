/**
 * What another site's page and this site's embed document (/embed.html) say to each other over postMessage: the
 * public API of /embed.js (web/src/embed/), and of web/src/embed-frame/ on the other side. Types only and a few
 * constants, so /embed.js stays small. Each side checks the other's exact origin and window on every message.
 *
 * Nothing secret ever crosses: no signature, ZAK, OBF token or passcode is in an event, and a passcode given to
 * /embed.js goes to the embed document in a message (never in the frame's URL or in an attribute it leaves behind).
 */

/** The options of `ZoomJoin.mount(element, options)`, and the attributes of `<zoom-join>` (same names, lower case). */
export interface EmbedOptions {
  /** The meeting number (spaces and dashes allowed). Given: the field is preset and hidden. */
  meeting?: string;
  /** The passcode, or "ask" to show the field (the default when no meeting is preset). */
  passcode?: string;
  /** Prefills "Your name"; the attendee may still change it. */
  name?: string;
  /** Prefills the email (webinars and registration need one). */
  email?: string;
  /** Attendees only: starting a meeting needs the host's Zoom sign-in, which an embed cannot do (docs/embed.md). */
  role?: 'attendee';
  /** The meeting's language (e.g. "en-US", "de-DE"); the browser's by default. */
  language?: string;
  /** "component" (default): inside the embedding page's layout. "client": the meeting covers the whole window. */
  view?: 'component' | 'client';
  /** The frame's CSS width and height (defaults "100%" and "640px"). */
  width?: string;
  height?: string;
}

/** The explanation of a failure, as the site shows it: never a bare number. */
export interface EmbedFailure {
  /** Zoom's error code where there is one (e.g. 3712), else null (the signer, the network, the embed itself). */
  code: number | null;
  title: string;
  meaning: string;
  cause: string;
  fix: string;
}

/** Events the embedding page receives (`handle.on(type, …)`, or `zoom-join:<type>` DOM events on the element). */
export type EmbedEvent =
  | {
      type: 'ready';
      /** Whether the frame is cross-origin isolated: without it there is no gallery view (docs/embed.md). */
      crossOriginIsolated: boolean;
    }
  | {
      type: 'joining';
      /** The view the meeting opens in: client view on a phone even where component view was asked for. */
      view: 'component' | 'client';
    }
  | { type: 'joined' }
  | { type: 'waiting'; reason: string }
  | { type: 'left' }
  | ({ type: 'failed' } & EmbedFailure);

export type EmbedEventType = EmbedEvent['type'];

/** Commands the embedding page sends (`handle.leave()`, `handle.mute(true)`). */
export type EmbedCommand = { type: 'leave' } | { type: 'mute'; muted: boolean };

/** The embedding page's answer to the embed document's first message, `{ type: 'hello' }` ("send the options"). */
export interface EmbedConfigure {
  type: 'configure';
  options: EmbedOptions;
}

/** Every message of the protocol carries this tag, so each side ignores everything else a page posts. */
export const EMBED_CHANNEL = 'zoom-join/1';

export type EmbedMessage = { channel: typeof EMBED_CHANNEL } & (
  EmbedEvent | { type: 'hello' } | EmbedConfigure | EmbedCommand
);

/** The embed document's path, and its query parameter naming the embedding page's origin. */
export const EMBED_PATH = '/embed.html';
export const EMBEDDER_PARAM = 'embedder';
