import { normaliseMeetingNumber } from '../../../lib/contract.ts';
import { JOIN_LINK_PREFIX } from '../../../lib/join-link.ts';

export interface InviteLink {
  meetingNumber: string;
  passcode?: string;
  tk?: string;
}

const ZOOM_HOST = /(^|\.)(zoom\.us|zoom\.com|zoomgov\.com)$/i;
// /j/123, /w/123 (webinars), /s/123 (start links), /wc/join/123, /wc/123/join, /my/ links have no number.
const NUMBER_IN_PATH = /^\/(?:j|w|s|wc\/join|wc)\/([\d\s%-]{9,40})(?:\/|$)/;

/** The meeting number in a join URL's path, and the passcode (`pwd`) and registrant token (`tk`) in its query. */
function fieldsOf(url: URL): InviteLink | null {
  const match = NUMBER_IN_PATH.exec(url.pathname);
  if (!match?.[1]) return null;
  let number: string;
  try {
    number = decodeURIComponent(match[1]); // "123%20456%20789" from a link typed with spaces
  } catch {
    return null;
  }
  const meetingNumber = normaliseMeetingNumber(number);
  if (!/^\d{9,11}$/.test(meetingNumber)) return null;
  const passcode = url.searchParams.get('pwd') ?? undefined;
  const tk = url.searchParams.get('tk') ?? undefined;
  return { meetingNumber, ...(passcode ? { passcode } : {}), ...(tk ? { tk } : {}) };
}

/** Reads a pasted Zoom invite link; anything else (a plain number, another site) gives `null`. */
export function parseInviteLink(text: string): InviteLink | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || !ZOOM_HOST.test(url.hostname)) return null;
  return fieldsOf(url);
}

/** This site's own join link (`/j/<number>?pwd=…`) when the page was opened through one, else `null`. */
export function parseOwnJoinLink(href: string): InviteLink | null {
  const url = new URL(href);
  return url.pathname.startsWith(JOIN_LINK_PREFIX) ? fieldsOf(url) : null;
}

/**
 * The link "Copy join link" copies: meeting number and passcode, nothing else. Never a signature (a credential for
 * the role it was signed for, valid for hours, in every inbox and log the link passes through), never a ZAK, OBF
 * token, registrant token (personal to one registrant) or name.
 */
export function joinLinkFor(origin: string, fields: { meetingNumber: string; passcode: string }): string {
  const query = fields.passcode ? `?${new URLSearchParams({ pwd: fields.passcode }).toString()}` : '';
  return `${origin}${JOIN_LINK_PREFIX}${fields.meetingNumber}${query}`;
}
