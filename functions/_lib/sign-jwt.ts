import { createHmac, timingSafeEqual } from 'node:crypto';

/** Zoom rejects signatures whose clocks run ahead of its own; a 30 s back-dated `iat` absorbs small skew. */
export const IAT_BACKDATE_SECONDS = 30;

interface MeetingSdkClaims {
  appKey: string;
  sdkKey: string;
  mn: string;
  role: 0 | 1;
  iat: number;
  exp: number;
  tokenExp: number;
  video_webrtc_mode?: 0 | 1;
}

interface SignInput {
  sdkKey: string;
  secret: string;
  meetingNumber: string;
  role: 0 | 1;
  expirationSeconds: number;
  videoWebRtcMode?: 0 | 1 | undefined;
  nowMs?: number;
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * The whole Meeting SDK signature: an HS256 JWT, written out so that anyone porting it to
 * another language sees every byte that is signed.
 */
export function signMeetingSdkJwt(input: SignInput): { token: string; claims: MeetingSdkClaims } {
  const iat = Math.floor((input.nowMs ?? Date.now()) / 1000) - IAT_BACKDATE_SECONDS;
  const exp = iat + input.expirationSeconds;
  const claims: MeetingSdkClaims = {
    appKey: input.sdkKey, // required since SDK 5.0
    sdkKey: input.sdkKey,
    mn: input.meetingNumber,
    role: input.role,
    iat,
    exp,
    tokenExp: exp,
    ...(input.videoWebRtcMode === undefined ? {} : { video_webrtc_mode: input.videoWebRtcMode }),
  };
  const unsigned = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return { token: `${unsigned}.${hmac(input.secret, unsigned)}`, claims };
}

const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

/** Whether any HS256 JWT (from this signer or another backend) was signed with `secret` and left unaltered. */
export function verifyHs256(token: string, secret: string): boolean {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return false;
  const expected = Buffer.from(hmac(secret, `${parts[0]}.${parts[1]}`));
  const actual = Buffer.from(parts[2]!);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
