/**
 * /embed.js: what another site's page loads to put this site's join (and the meeting) into its own layout. It
 * only makes a frame of this site's /embed.html and talks to it (web/src/shared/embed-protocol.ts); the form, the
 * signer call, the SDK and every secret stay inside that frame, on this site's origin. No dependencies: it must stay
 * a few kilobytes (tests/unit/size-budget.test.ts).
 */
import {
  EMBED_CHANNEL,
  EMBED_PATH,
  EMBEDDER_PARAM,
  type EmbedCommand,
  type EmbedEvent,
  type EmbedEventType,
  type EmbedFailure,
  type EmbedMessage,
  type EmbedOptions,
} from '../shared/embed-protocol.ts';

export type { EmbedCommand, EmbedEvent, EmbedEventType, EmbedFailure, EmbedOptions };

type Listener<T extends EmbedEventType> = (event: Extract<EmbedEvent, { type: T }>) => void;

export interface ZoomJoinHandle {
  /** The frame this site's join runs in. */
  readonly frame: HTMLIFrameElement;
  /** Calls `listener` for each event of `type`; returns the function that stops it. */
  on<T extends EmbedEventType>(type: T, listener: Listener<T>): () => void;
  /** Leaves the meeting, or stops waiting for the host. */
  leave(): void;
  /** Mutes or unmutes the attendee's microphone, in a meeting. */
  mute(muted: boolean): void;
  /** Removes the frame (leaving any meeting in it). */
  destroy(): void;
}

/** Without a message from the frame this long after it loaded, the site refused to be framed here. */
const REFUSAL_GRACE_MS = 2000;

/** What the meeting may use: the embed document delegates the same to its own meeting frame. */
const FRAME_ALLOW = 'camera; microphone; display-capture; autoplay; fullscreen; clipboard-write; cross-origin-isolated';

const FULL_WINDOW = 'position:fixed;inset:0;width:100vw;height:100vh;z-index:2147483647;border:0;background:#1f1f1f';

function refusal(site: string): EmbedFailure {
  return {
    code: null,
    title: `${site} does not allow this page to embed its Zoom join`,
    meaning: `The join frame from ${site} was refused: the browser did not let it run inside ${location.origin}.`,
    cause: `${location.origin} is not listed in that site's EMBED_ORIGINS (unset, no other site may embed it).`,
    fix: `The site's owner adds ${location.origin} to EMBED_ORIGINS (exact origins, separated by commas) and redeploys.`,
  };
}

/** The events' DOM names on the element: `zoom-join:joined` etc. */
const domEvent = (type: EmbedEventType) => `zoom-join:${type}`;

/** Puts the join of `site` (this script's own origin) into `element`. */
export function mountOn(site: string, element: HTMLElement, options: EmbedOptions = {}): ZoomJoinHandle {
  const origin = new URL(site).origin;
  const frame = document.createElement('iframe');
  frame.src = `${origin}${EMBED_PATH}?${EMBEDDER_PARAM}=${encodeURIComponent(location.origin)}`;
  frame.allow = FRAME_ALLOW;
  frame.title = 'Join a Zoom meeting';
  frame.style.cssText = `border:0;display:block;width:${options.width || '100%'};height:${options.height || '640px'}`;
  const inPage = frame.style.cssText;
  const listeners = new Map<EmbedEventType, Set<(event: EmbedEvent) => void>>();
  let heard = false;
  let fullWindow = false;
  let refusalTimer: ReturnType<typeof setTimeout> | undefined;

  const emit = (event: EmbedEvent) => {
    for (const listener of listeners.get(event.type) ?? []) listener(event);
    element.dispatchEvent(new CustomEvent(domEvent(event.type), { detail: event, bubbles: true }));
  };
  const post = (message: EmbedCommand | { type: 'configure'; options: EmbedOptions }) =>
    frame.contentWindow?.postMessage({ channel: EMBED_CHANNEL, ...message }, origin);

  const onMessage = (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<EmbedMessage> | null;
    if (event.source !== frame.contentWindow || event.origin !== origin || data?.channel !== EMBED_CHANNEL) return;
    heard = true;
    if (data.type === 'hello') return post({ type: 'configure', options });
    const { channel: _, ...payload } = data as EmbedMessage;
    const message = payload as EmbedEvent;
    if (message.type === 'ready' && !message.crossOriginIsolated)
      console.warn(
        `Zoom join (${origin}): this page is not cross-origin isolated, so the meeting has no gallery view. ` +
          'Serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: credentialless ' +
          '(or require-corp) — see docs/embed.md.',
      );
    // Client view (asked for, or on a phone) covers the whole window from the join on, and gives the page back
    // when it ends.
    if (message.type === 'joining') fullWindow = message.view === 'client';
    if (fullWindow && message.type === 'joining') frame.style.cssText = FULL_WINDOW;
    if (message.type === 'left' || message.type === 'failed') frame.style.cssText = inPage;
    emit(message);
  };
  window.addEventListener('message', onMessage);

  frame.addEventListener('load', () => {
    refusalTimer = setTimeout(() => {
      if (heard) return;
      const failure = refusal(origin);
      console.error(`Zoom join: ${failure.title}. ${failure.fix}`);
      const notice = document.createElement('p');
      notice.setAttribute('role', 'alert');
      notice.textContent = `${failure.title}. ${failure.fix}`;
      frame.replaceWith(notice);
      emit({ type: 'failed', ...failure });
    }, REFUSAL_GRACE_MS);
  });
  element.append(frame);

  return {
    frame,
    on(type, listener) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      const wrapped = listener as (event: EmbedEvent) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    leave: () => post({ type: 'leave' }),
    mute: (muted) => post({ type: 'mute', muted }),
    destroy() {
      clearTimeout(refusalTimer);
      window.removeEventListener('message', onMessage);
      frame.remove();
    },
  };
}

const ATTRIBUTES = ['meeting', 'passcode', 'name', 'email', 'role', 'language', 'view', 'width', 'height'] as const;

/** `<zoom-join meeting="…" view="component">`: the same as mount(), from attributes; its events bubble. */
export function defineElement(site: string): void {
  if (customElements.get('zoom-join')) return;
  customElements.define(
    'zoom-join',
    class extends HTMLElement {
      private handle: ZoomJoinHandle | undefined;
      /** Read once: moved elsewhere in the page, the element mounts again with the same (passcode included). */
      private options: EmbedOptions | undefined;
      connectedCallback() {
        if (this.handle) return;
        if (!this.options) {
          const options: Record<string, string> = {};
          for (const name of ATTRIBUTES) {
            const value = this.getAttribute(name);
            if (value !== null) options[name] = value;
          }
          // The passcode leaves the page's DOM: nothing secret stays where the page (or a script on it) reads it.
          this.removeAttribute('passcode');
          this.options = options as EmbedOptions;
        }
        this.handle = mountOn(site, this, this.options);
      }
      disconnectedCallback() {
        this.handle?.destroy();
        this.handle = undefined;
      }
      leave() {
        this.handle?.leave();
      }
      mute(muted = true) {
        this.handle?.mute(muted);
      }
    },
  );
}
