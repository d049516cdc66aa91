/**
 * Every error code the Meeting SDK for Web reports to `ZoomMtg.join`/`init` error callbacks, decoded for
 * people: what it means, what usually causes it, what to do. Codes and wording follow the SDK's own map
 * (`apac.errorcodes_*` in the bundle and `dist/lib/lang/en-US.json`) and Zoom's "Meeting SDK Web error codes" page;
 * where those two disagree (3000/3005) the SDK's files win, because that is what the callback receives.
 */

import type { Explanation } from '../explanation.ts';

/**
 * A refusal that can pass by itself ("not yet", "not now"): the page tries again at this pace (seconds between tries,
 * the last repeating) until a try gets past it or the build's maximum wait (lib/max-wait.ts) is over. Only where
 * trying again can help: a wrong passcode, a removed participant or a refused app stays refused however often.
 */
export interface Retry {
  /** The page's state while it waits: "Waiting for …". */
  waitingFor: string;
  paceSeconds: readonly number[];
  /** What else gives this answer when the wait does not end it, shown after a few tries and when the wait ends. */
  stillRefused: readonly string[];
  /** The fix once the page has stopped waiting. */
  fixAfterWait: string;
}

interface JoinErrorEntry extends Explanation {
  retry?: Retry;
}

interface JoinErrorInfo extends JoinErrorEntry {
  code: number;
}

/** Zoom allows one join every 10 s: the first tries come as soon as it allows, then further apart. */
const NOT_STARTED: Retry = {
  waitingFor: 'the host to start this meeting',
  paceSeconds: [10, 10, 30, 30, 60],
  stillRefused: [
    'The number is not the meeting the host started: a Personal Meeting ID (PMI) and a scheduled meeting’s ID are ' +
      'different meetings. Compare the number with the one in the host’s Zoom window (Meeting information).',
    'A recurring meeting keeps one ID for every occurrence, but a host who starts a new instant meeting or another ' +
      'series instead starts a different number: ask the host to start this one from their meeting list.',
    'The host is signed in to Zoom with another account than the one that owns the meeting: for Zoom it has not ' +
      'started until its own host (or an alternative host) starts it.',
    'Join before host is off and a waiting room is on: attendees are admitted only once the host has started. If ' +
      'the host says it is running, ask them to check that it is this meeting, or to allow joining before the host.',
  ],
  fixAfterWait:
    'Check each of these with the host, then click Join to wait again; or ask the host to enable join before host ' +
    'in the meeting’s settings.',
};

/** Zoom's service or rate limit saying "not now": a minute is what its own messages ask for. */
const ZOOM_BUSY: Retry = {
  waitingFor: 'Zoom to accept joins again',
  paceSeconds: [60],
  stillRefused: [
    'Check status.zoom.us for an outage of the web client or meetings.',
    'A network, proxy or firewall that blocks zoom.us gives the same answer for as long as it does: try another ' +
      'network.',
    'Many joins from one app or network in a short time keep Zoom’s rate limit on: other pages of this site that try ' +
      'at the same time count too.',
  ],
  fixAfterWait: 'Click Join to try again later; if status.zoom.us shows no outage, try from another network.',
};

/** The page's own check, beside the table's lines: the signature was made for the number joined (or was not). */
export function signedForLine(signedFor: string | undefined, joined: string): string {
  if (signedFor === joined)
    return `This page checked the signature: it was made for meeting ${joined}, the number joined.`;
  return (
    `The signature was made for meeting ${signedFor ?? '(none)'}, but this page joined ${joined}: the signer signed ` +
    'another number than the one typed.'
  );
}

const SIGNATURE_CHECKLIST =
  'Check that ZOOM_MEETING_SDK_KEY and ZOOM_MEETING_SDK_SECRET are the Client ID and Client Secret of a ' +
  'Meeting SDK app (not a Server-to-Server OAuth or retired JWT app), from the same app and the same ' +
  '(development or production) pair, with no stray spaces.';

const table: Record<number, JoinErrorEntry> = {
  0: {
    meaning: 'Success.',
    cause: 'The SDK reported success through the error path, which should not happen.',
    fix: 'Nothing to fix; if the meeting did not open, reload the page and join again.',
  },
  1: {
    meaning: 'Joining failed (a generic failure in the client view).',
    cause:
      'Most often a malformed request: a meeting number with dashes or spaces, a signature made for another ' +
      'meeting number, or an SDK version Zoom no longer supports.',
    fix:
      'Use the meeting number as digits only (this page strips dashes for you), sign for that exact number, and ' +
      'keep @zoom/meetingsdk at a supported version. Open the browser console with debug on for the detail.',
  },
  2: {
    meaning: 'The meeting was not initialised.',
    cause: 'join() ran before init() finished, or init() failed.',
    fix: 'Call ZoomMtg.init() and call join() from its success callback. Reload the page and try again.',
  },
  3: {
    meaning: 'Another meeting is already in progress in this page.',
    cause: 'join() was called again while a previous join or meeting is still running in this tab.',
    fix: 'Leave the current meeting (or reload the page) before joining another.',
  },
  200: {
    meaning: 'Joining failed (Zoom rejected the request; older SDKs used this code for "Invalid signature").',
    cause: 'Usually the signature: wrong Client ID/Secret, an expired signature, or one made for another meeting.',
    fix: `${SIGNATURE_CHECKLIST} Then make sure the server clock is correct and the meeting number matches.`,
  },
  403: {
    meaning: 'The Zoom service is temporarily offline.',
    cause: 'Zoom’s web service is unavailable or blocked from this network.',
    fix: 'Wait a minute and try again (the page does, by itself); check status.zoom.us and that the network allows zoom.us.',
    retry: ZOOM_BUSY,
  },
  3000: {
    meaning: 'Another meeting is already in progress.',
    cause: 'This browser tab already runs a meeting or a join that has not finished.',
    fix: 'Leave the other meeting or reload the page, then join again.',
  },
  3001: {
    meaning: 'The meeting does not exist.',
    cause: 'The meeting number is wrong, or the meeting was deleted or has expired.',
    fix: 'Check the meeting number against the invite (digits only). Ask the host for a current invite link.',
  },
  3003: {
    meaning: 'You are not the meeting host.',
    cause:
      'The meeting was started as Host with a ZAK of someone who is not its host: the Zoom account you signed in ' +
      'with (or whose ZAK you pasted) does not own this meeting.',
    fix:
      'Click “Sign out”, then “Sign in with Zoom” as the meeting’s host and Start again (the page fetches that ' +
      'host’s ZAK); or join as Attendee.',
  },
  3004: {
    meaning: 'The meeting passcode is wrong.',
    cause: 'The passcode is missing, mistyped, or the host changed it.',
    fix: 'Enter the passcode from the invite, or paste the whole invite link: it carries the passcode.',
  },
  3005: {
    meaning: 'An email address is required.',
    cause: 'The meeting or webinar requires each participant’s email.',
    fix: 'Fill in the Email field and join again.',
  },
  3008: {
    meaning: 'The meeting has not started.',
    cause: 'The host has not started it yet and "Allow participants to join before host" is off.',
    fix:
      'Wait for the host to start the meeting: the page tries again by itself and joins as soon as it has started. ' +
      'Or ask the host to enable join before host in the meeting’s settings.',
    retry: NOT_STARTED,
  },
  3009: {
    meaning: 'You were removed from this meeting.',
    cause: 'The host removed this participant, and Zoom does not let them back in.',
    fix: 'Ask the host to allow removed participants to rejoin (account setting), or join with another identity.',
  },
  3010: {
    meaning: 'The role is missing.',
    cause: 'The signature has no role claim, or role was not 0 or 1.',
    fix: 'Sign with role 0 (attendee) or 1 (host). This sample’s signer always sets it.',
  },
  3034: {
    meaning: 'This webinar requires signing in to Zoom.',
    cause: 'The webinar only admits authenticated Zoom users.',
    fix: 'Join with the Zoom app, or ask the host to allow attendees who are not signed in.',
  },
  3082: {
    meaning: 'A real name is required (or signing in is required).',
    cause: 'The meeting only admits users signed in to Zoom, or requires a real display name.',
    fix: 'Use your full name as display name; if the meeting requires authentication, join with the Zoom app.',
  },
  3099: {
    meaning: 'This meeting requires registration.',
    cause: 'Registration is on for the meeting, and no registrant token (tk) was passed.',
    fix:
      'Register for the meeting, then put the tk value from your personal join link into "Registrant token" ' +
      'along with the email you registered with.',
  },
  3100: {
    meaning: 'Signing in to Zoom is required.',
    cause: 'The meeting admits only authenticated users.',
    fix: 'Ask the host to turn off "Only authenticated users can join", or join from the Zoom app.',
  },
  3116: {
    meaning: 'Signing in is not supported for this webinar from the web SDK.',
    cause: 'The webinar requires a sign-in flow the web SDK does not offer.',
    fix: 'Join this webinar with the Zoom app, or ask the host to relax its authentication setting.',
  },
  3129: {
    meaning: 'The webinar is in its practice session.',
    cause: 'The host and panelists are rehearsing; attendees are admitted once the host starts the webinar itself.',
    fix: 'Wait: the page tries again by itself and joins as soon as the webinar starts.',
    retry: { ...NOT_STARTED, waitingFor: 'the host to start this webinar (practice session)' },
  },
  3139: {
    meaning: 'The meeting has not started (Zoom’s code 3139, which the SDK treats as 3008).',
    cause: 'The host has not started it yet, and attendees may not join before the host.',
    fix: 'Wait for the host: the page tries again by itself and joins as soon as the meeting has started.',
    retry: NOT_STARTED,
  },
  3265: {
    meaning: 'ZAK token error.',
    cause:
      'The ZAK is invalid, expired (it lives 2 hours) or belongs to another user; a pasted ZAK is the usual suspect.',
    fix:
      'Clear the ZAK field under More options and use “Sign in with Zoom” as the host: the page fetches a fresh ' +
      'ZAK at every Start. If you were signed in, sign out and in again.',
  },
  3603: {
    meaning: 'Joining from the web is not supported for this meeting.',
    cause: 'The host’s account has disabled the web client ("join from your browser").',
    fix: 'Ask the host’s admin to enable "Show a join from your browser link", or use the Zoom app.',
  },
  3604: {
    meaning: 'This SDK version cannot join webinars.',
    cause: 'The SDK is older than webinars require.',
    fix: 'Upgrade @zoom/meetingsdk to a current version.',
  },
  3606: {
    meaning: 'Webinars with registration are not supported here.',
    cause: 'The webinar requires registration, which this SDK path does not support.',
    fix: 'Register and pass the registrant token (tk) and email, or join with the Zoom app.',
  },
  3608: {
    meaning: 'The meeting uses telephony (TSP) audio, which the web SDK cannot join.',
    cause: 'The host chose a third-party audio provider.',
    fix: 'Join with the Zoom app or by phone, or ask the host to use Zoom audio.',
  },
  3609: {
    meaning: 'Webinars cannot be started from the web.',
    cause: 'A host tried to start a webinar through the web SDK.',
    fix: 'Start the webinar from the Zoom app, then let attendees join here.',
  },
  3610: {
    meaning: 'The meeting does not exist, or the registrant token expired.',
    cause: 'The meeting number is wrong or the meeting was deleted; or the tk is stale.',
    fix: 'Check the meeting number (digits only); with registration, use the tk from a fresh registration link.',
  },
  3611: {
    meaning: 'This meeting must be joined from the Zoom desktop or mobile app.',
    cause: 'The meeting’s settings do not allow browsers.',
    fix: 'Join with the Zoom app, or ask the host to allow joining from the browser.',
  },
  3620: {
    meaning: 'This email address is blocked by the host’s administrator.',
    cause: 'The account blocks the email or its domain.',
    fix: 'Use another email, or ask the host’s admin to unblock it.',
  },
  3621: {
    meaning: 'No response from Zoom’s web server.',
    cause: 'A network problem, a proxy or a firewall between the browser and zoom.us.',
    fix: 'Check the connection (and any VPN, proxy or ad blocker), then try again.',
  },
  3622: {
    meaning: 'Could not connect to Zoom’s web server.',
    cause: 'A network problem, a proxy or a firewall between the browser and zoom.us.',
    fix: 'Check the connection (and any VPN, proxy or ad blocker), then try again.',
  },
  3623: {
    meaning: 'Token error (ZAK or OBF).',
    cause: 'The ZAK or OBF token is invalid or expired, or both were passed: zak and obfToken cannot be combined.',
    fix:
      'Sign out and “Sign in with Zoom” again (the page fetches a fresh token for every join), and use either a ZAK ' +
      '(Host, or a pasted ZAK) or “The meeting belongs to another Zoom account”, not both.',
  },
  3624: {
    meaning: 'Use the host’s (or alternative host’s) email to start this webinar.',
    cause: 'The webinar was started with an email that is not the host’s.',
    fix: 'Start it with the host’s account, or join as an attendee.',
  },
  3625: {
    meaning: 'The meeting host is inactive.',
    cause: 'The host’s Zoom user is deactivated.',
    fix: 'Ask the account admin to reactivate the host, or use a meeting of an active host.',
  },
  3627: {
    meaning: 'The host’s email was used to join as an attendee.',
    cause: 'The email given belongs to the meeting host.',
    fix: 'Join with your own email, or start the meeting as the host (role Host with the host’s ZAK).',
  },
  3630: {
    meaning: 'Simulive webinars are not supported by the web SDK.',
    cause: 'The webinar is a pre-recorded (simulive) session.',
    fix: 'Join it with the Zoom app or the webinar’s own join link.',
  },
  3633: {
    meaning: 'Too many requests: Zoom’s API rate limit was reached.',
    cause: 'Many joins in a short time from this app or network.',
    fix: 'Wait a minute and try again: the page does, by itself.',
    retry: ZOOM_BUSY,
  },
  3634: {
    meaning: 'Too many join attempts: Zoom wants a reCAPTCHA check.',
    cause: 'Zoom limits repeated joins from the same user or network.',
    fix: 'Wait a few minutes, then try again; join at most once every 10 seconds.',
  },
  3635: {
    meaning: 'The SDK’s WebAssembly files failed to download.',
    cause: 'A network, firewall, ad blocker or Content-Security-Policy blocks source.zoom.us (or your own asset path).',
    fix: 'Allow source.zoom.us (or self-host the SDK assets with ZoomMtg.setZoomJSLib) and reload.',
  },
  3701: {
    meaning: 'Webinars and personal audio conferences are not supported here.',
    cause: 'The meeting number belongs to a webinar or a personal audio conference the web SDK cannot join.',
    fix: 'Join with the Zoom app.',
  },
  3702: {
    meaning: 'The meeting host does not exist.',
    cause: 'The host’s user was deleted.',
    fix: 'Ask for a new meeting from an existing host.',
  },
  3703: {
    meaning: 'Invalid meeting ID.',
    cause: 'The meeting number is not a valid Zoom meeting ID.',
    fix: 'Copy the meeting number again from the invite (digits only), or paste the invite link.',
  },
  3704: {
    meaning: 'The SDK key (Client ID) is not valid.',
    cause: 'The signature’s appKey/sdkKey is not the Client ID of an active Meeting SDK app.',
    fix: SIGNATURE_CHECKLIST,
  },
  3705: {
    meaning: 'The signature has expired.',
    cause:
      'The signer’s clock is wrong, the signature was kept too long before joining, or its lifetime is outside ' +
      '1800 s to 48 h.',
    fix:
      'Sync the server clock (NTP), sign right before each join, and keep expirationSeconds between 1800 and ' +
      '172800. This signer back-dates iat by 30 s to absorb small clock skew.',
  },
  3706: {
    meaning: 'The meeting number is wrong.',
    cause: 'The signature was made for another meeting number than the one joined.',
    fix: 'Sign for exactly the number you join (digits only, no dashes or spaces).',
  },
  3707: {
    meaning: 'The meeting number was not found.',
    cause: 'The meeting number does not exist or the meeting is over.',
    fix: 'Check the meeting number against the invite, or ask the host for a new one.',
  },
  3708: {
    meaning: 'Incorrect role.',
    cause: 'The signature’s role is not 0 or 1, or role 1 was used without the right to host.',
    fix: 'Use role 0 to join as attendee; use role 1 only with the host’s ZAK.',
  },
  3709: {
    meaning: 'The meeting host was not found.',
    cause: 'The meeting’s host cannot be found on Zoom.',
    fix: 'Ask for a new meeting from an existing host.',
  },
  3710: {
    meaning: 'The app’s SDK key (Client ID) is deactivated.',
    cause: 'The Meeting SDK app was disabled or deleted in the Marketplace.',
    fix: 'Reactivate the app in the Zoom App Marketplace or create a new Meeting SDK app and use its credentials.',
  },
  3711: {
    meaning: 'The host cannot host another meeting at the same time.',
    cause: 'The host already runs a meeting and the account does not allow concurrent meetings.',
    fix: 'End the other meeting first, or use another host.',
  },
  3712: {
    meaning: 'The signature is invalid.',
    cause:
      'The signature was made with the wrong Client ID/Secret, lacks the appKey claim, was built in an old ' +
      'pre-JWT format, or the signer’s clock is far off.',
    fix: `${SIGNATURE_CHECKLIST} The JWT needs appKey and sdkKey (both the Client ID); sync the server clock.`,
  },
  3713: {
    meaning: 'No permission.',
    cause: 'The app or user is not allowed to join or start this meeting.',
    fix: 'Check the app’s scopes and that the meeting belongs to an account the app may use.',
  },
  3714: {
    meaning: 'The meeting number is wrong.',
    cause: 'The number does not match the meeting, for example a typo or a personal link name.',
    fix: 'Use the numeric meeting ID from the invite.',
  },
  3715: {
    meaning: 'Joining as an assistant is disabled.',
    cause: 'The account does not allow scheduling assistants to join this way.',
    fix: 'Join with your own identity, or ask the admin to allow assistants.',
  },
  4000: {
    meaning: 'The meeting is reconnecting.',
    cause: 'The network connection dropped for a moment.',
    fix: 'Wait for the connection to return; if it does not, rejoin.',
  },
  4001: {
    meaning: 'The meeting was disconnected.',
    cause: 'The network connection was lost.',
    fix: 'Check the connection and join again.',
  },
  4003: {
    meaning: 'A join parameter is invalid.',
    cause: 'A field passed to join() is malformed, for example role 1 without a ZAK or an empty name.',
    fix: 'Check every field (meeting number, passcode, name, ZAK); for role Host, pass the host’s ZAK.',
  },
  4004: {
    meaning: 'The meeting has ended.',
    cause: 'The host ended the meeting.',
    fix: 'Ask the host to start it again.',
  },
  4005: {
    meaning: 'The meeting is full.',
    cause: 'The meeting reached its participant capacity.',
    fix: 'Ask the host to make room or to raise the capacity.',
  },
  4006: {
    meaning: 'The meeting is locked.',
    cause: 'The host locked the meeting to new participants.',
    fix: 'Ask the host to unlock it.',
  },
  4007: {
    meaning: 'Blocked by information barriers.',
    cause: 'The account’s information barrier policy does not let you join this meeting.',
    fix: 'Contact the account administrator.',
  },
  4008: {
    meaning: 'This participant is already in the meeting.',
    cause: 'The same user joined from another tab or device.',
    fix: 'Leave the other session, or join with a different name or account.',
  },
  4009: {
    meaning: 'Zoom reported a server error.',
    cause: 'A temporary problem on Zoom’s side.',
    fix: 'Wait a moment: the page tries again by itself. Check status.zoom.us if it persists.',
    retry: ZOOM_BUSY,
  },
  4011: {
    meaning: 'Joining another account’s meeting needs a published app and an OBF or ZAK token.',
    cause:
      'The meeting is hosted outside the app owner’s account. Since 2026-03-02 Zoom requires the Meeting SDK app ' +
      'to be approved on the Marketplace (published or unlisted) and an OBF token (or the user’s ZAK) for that.',
    fix:
      'Submit the app for Marketplace review (published or unlisted); then tick “The meeting belongs to another ' +
      'Zoom account” and sign in with Zoom so the page fetches an OBF token. Meetings of your own account need neither.',
  },
  4012: {
    meaning: 'Anonymous join is not allowed.',
    cause: 'The meeting or app requires an authorised (signed-in) user and this join had no ZAK or OBF token.',
    fix: 'Tick “The meeting belongs to another Zoom account” and sign in with Zoom, so the page passes an OBF token.',
  },
  4013: {
    meaning: 'An OBF token is required.',
    cause: 'The meeting is hosted by another account and the join carried no OBF token.',
    fix: 'Tick “The meeting belongs to another Zoom account” and sign in with Zoom: the page then fetches an OBF token.',
  },
  4014: {
    meaning: 'The OBF token is invalid.',
    cause: 'The OBF token is expired (it lives 2 hours), malformed, or from another app.',
    fix: 'Join again: the page fetches a fresh OBF token each time. If it repeats, sign out and sign in with Zoom again.',
  },
  4015: {
    meaning: 'The OBF token was issued for another meeting.',
    cause: 'OBF tokens are bound to one meeting number.',
    fix: 'Join again with the meeting number exactly as in the invite: the page fetches the OBF token for that number.',
  },
  4016: {
    meaning: 'The privilege token is invalid.',
    cause: 'A recording or privilege token is expired or malformed.',
    fix: 'Fetch a fresh token right before joining.',
  },
  4017: {
    meaning: 'The user who authorised the OBF token is not in the meeting.',
    cause: 'OBF joins only work while the authorising Zoom user is in the meeting.',
    fix:
      'The Zoom user you signed in with must be in the meeting already (in their Zoom app): join there first, ' +
      'then Join here.',
  },
  4018: {
    meaning: 'Conflict with login credentials.',
    cause: 'The ZAK/OBF token belongs to a different user than the one signed in, or both tokens were passed.',
    fix: 'Click “Sign out”, sign in with the right Zoom user, and clear any pasted ZAK when using the OBF option.',
  },
  4019: {
    meaning: 'The user who authorised the OBF token left the meeting.',
    cause: 'OBF joins end when the authorising Zoom user leaves.',
    fix: 'The Zoom user you signed in with must rejoin the meeting (in their Zoom app); then Join here again.',
  },
  6603: {
    meaning: 'This Meeting SDK app is blocked by the host’s account admin.',
    cause: 'The host’s account does not allow this app’s Client ID.',
    fix: 'Ask the host’s admin to allow the app, or join meetings of another account.',
  },
  10000: {
    meaning: 'This SDK version is no longer supported.',
    cause: 'Zoom raises the minimum web SDK version every quarter; older versions are refused.',
    fix: 'Upgrade @zoom/meetingsdk (npm install @zoom/meetingsdk@latest) and redeploy.',
  },
  13208: {
    meaning: 'This webinar has ended.',
    cause: 'The simulive webinar is over.',
    fix: 'Ask the host for a recording or the next session.',
  },
};

/**
 * Component view (`ZoomMtgEmbedded`) rejects join()/init() with `{ type, reason, errorCode }` and numbers from its
 * own enum (the embedded bundle's error-code enum; tests/unit/join-errors.test.ts reads the installed one). Where a number also exists above with another meaning
 * (1, 2, 3, 200) or only exists in component view (5000+), this entry wins for component view; every other code
 * (3004, 3712, 4011…) means the same in both views, because the embedded SDK maps Zoom's answer with the same map.
 */
const componentViewTable: Record<number, JoinErrorEntry> = {
  1: {
    meaning: 'The operation timed out (component view).',
    cause: 'Zoom’s servers did not answer the join in time: a slow or filtered network, or a proxy holding WebSockets.',
    fix: 'Check the connection (and any VPN, proxy or firewall that blocks *.zoom.us or WebSockets), then join again.',
  },
  2: {
    meaning: 'The embedded client hit an internal error (component view).',
    cause: 'The SDK failed inside itself, often because its media files or wasm could not load.',
    fix: 'Reload the page and join again; check the browser console and that source.zoom.us (or your asset path) loads.',
  },
  3: {
    meaning: 'The join was cancelled (component view).',
    cause: 'The embedded client was left, destroyed or re-initialised while the join was still running.',
    fix: 'Join again and wait for the meeting to open before leaving or reloading.',
  },
  200: {
    meaning: 'Zoom refused the join (component view reports this code for refusals it has no own code for).',
    cause:
      'Zoom’s reason is quoted in the title: often the meeting number (the meeting does not exist or is over), ' +
      'sometimes the signature or the app’s credentials.',
    fix:
      'Check the meeting number against the invite (digits only) and that the signature details below show no ' +
      `problem. ${SIGNATURE_CHECKLIST}`,
  },
  5000: {
    meaning: 'This browser is not supported by component view.',
    cause: 'Zoom’s embedded client supports current desktop Chrome, Edge, Firefox and Safari only.',
    fix: 'Use a current desktop browser, or choose “Full window” (client view).',
  },
  5001: {
    meaning: 'The SDK’s media files could not be loaded (component view).',
    cause: 'A network, firewall, ad blocker or Content-Security-Policy blocks source.zoom.us (or your own assetPath).',
    fix: 'Allow source.zoom.us (or self-host the SDK assets, VITE_ZOOM_ASSETS=self) and reload.',
  },
  5012: {
    meaning: 'A join is already running or done in this meeting area (component view).',
    cause: 'join() was called twice on the same embedded client.',
    fix: 'Leave the meeting from its toolbar, then join again.',
  },
  5013: {
    meaning: 'A join parameter is invalid (component view).',
    cause:
      'A field passed to join() is malformed: for example an empty name or signature, or both a ZAK and an OBF token.',
    fix: 'Check every field (meeting number, name, passcode, ZAK); this page never sends a ZAK together with an OBF token.',
  },
};

/** Which SDK reported the code: client view (`ZoomMtg`) or component view (`ZoomMtgEmbedded`). */
type JoinErrorSource = 'client' | 'component';

/** Codes the table knows, for tests and generated docs. */
export const KNOWN_JOIN_ERROR_CODES: readonly number[] = Object.keys(table).map(Number);
/** Codes component view reports with a meaning of its own. */
export const COMPONENT_VIEW_JOIN_ERROR_CODES: readonly number[] = Object.keys(componentViewTable).map(Number);

/** Decodes a code; an unknown code still names itself and keeps the SDK's own message. */
export function explainJoinError(code: number, sdkMessage?: string, source: JoinErrorSource = 'client'): JoinErrorInfo {
  const entry = (source === 'component' ? componentViewTable[code] : undefined) ?? table[code];
  if (entry) return { code, ...entry };
  return {
    code,
    meaning: sdkMessage?.trim() || 'Zoom reported an error this page does not know yet.',
    cause: 'Not in this page’s table of the Meeting SDK’s error codes.',
    fix: 'Search the code in Zoom’s "Meeting SDK Web error codes" page and the developer forum.',
  };
}
