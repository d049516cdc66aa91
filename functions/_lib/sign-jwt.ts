import { hs256, IAT_BACKDATE_SECONDS } from '../../lib/node/hs256.ts';

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
 * another language sees every byte that is signed (the HMAC itself, shared with the CLI and the smoke checks:
 * lib/node/hs256.ts).
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
  return { token: `${unsigned}.${hs256(input.secret, unsigned)}`, claims };
}
