/** "Copy join link": this site's link to the meeting on the form (number and passcode only: invite-link.ts says why). */
import { byId } from './dom.ts';
import type { JoinForm } from './form.ts';
import { joinLinkFor } from './invite-link.ts';

export async function copyJoinLink(form: JoinForm): Promise<void> {
  const result = byId('join-link-result');
  if (!form.checkField('meetingNumber')) {
    result.hidden = true;
    return;
  }
  const { meetingNumber, passcode } = form.values();
  const link = joinLinkFor(location.origin, { meetingNumber, passcode });
  try {
    await navigator.clipboard.writeText(link);
    result.textContent = `Copied: ${link}`;
  } catch {
    // No clipboard access (an insecure origin, a refused permission): the link is still here to copy by hand.
    result.textContent = `Copy this link: ${link}`;
  }
  result.hidden = false;
}
