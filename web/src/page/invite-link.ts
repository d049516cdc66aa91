import { normaliseMeetingNumber } from '../../../lib/contract.ts';

export interface InviteLink {
  meetingNumber: string;
  passcode?: string;
  tk?: string;
}

const ZOOM_HOST = /(^|\.)(zoom\.us|zoom\.com|zoomgov\.com)$/i;
// /j/123, /w/123 (webinars), /s/123 (start links), /wc/join/123, /wc/123/join, /my/ links have no number.
const NUMBER_IN_PATH = /^\/(?:j|w|s|wc\/join|wc)\/([\d\s-]{9,20})(?:\/|$)/;

/** Reads a pasted Zoom invite link; anything else (a plain number, another site) gives `null`. */
export function parseInviteLink(text: string): InviteLink | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || !ZOOM_HOST.test(url.hostname)) return null;
  const match = NUMBER_IN_PATH.exec(url.pathname);
  if (!match?.[1]) return null;
  const meetingNumber = normaliseMeetingNumber(match[1]);
  if (!/^\d{9,11}$/.test(meetingNumber)) return null;
  const passcode = url.searchParams.get('pwd') ?? undefined;
  const tk = url.searchParams.get('tk') ?? undefined;
  return { meetingNumber, ...(passcode ? { passcode } : {}), ...(tk ? { tk } : {}) };
}
