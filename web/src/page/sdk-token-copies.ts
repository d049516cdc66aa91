/**
 * The SDK copies the ZAK, OBF token and tk into this tab's sessionStorage (shared with its same-origin frame) for
 * reconnects. Once the attempt failed or the meeting ended they are of no use, and the page keeps no tokens; at page
 * start none can be in use (a reload ends the meeting), so the page clears them then too.
 */
const SDK_TOKEN_KEY = /^WEB[-_]CLIENT[-_](ZAK|ZSK|OBF_TOKEN|TK|MTK)$/;

export function forgetSdkTokens(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (SDK_TOKEN_KEY.test(key)) sessionStorage.removeItem(key);
  } catch {
    // Storage disabled: then the SDK could not have stored anything either.
  }
}
