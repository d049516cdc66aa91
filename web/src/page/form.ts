import * as z from 'zod/mini';
import { MeetingNumber, type Role } from '../../../lib/contract.ts';
import { parseInviteLink, type InviteLink } from './invite-link.ts';
import { LANGUAGES, isLanguage, preferredLanguage, type Language } from '../shared/languages.ts';
import type { MeetingView } from '../shared/frame-protocol.ts';

export interface JoinFormValues {
  meetingNumber: string;
  passcode: string;
  userName: string;
  userEmail: string;
  role: Role;
  tk: string;
  zak: string;
  /** Join another account's meeting with an OBF token of the signed-in user (attendees only). */
  otherAccount: boolean;
  language: Language;
  /** Where the meeting opens: the full window (client view) or inside this page (component view). */
  view: MeetingView;
}

/** Only what is not a credential is remembered: never the passcode, tk or ZAK. */
const REMEMBERED = ['meetingNumber', 'userName', 'userEmail', 'role', 'otherAccount', 'language', 'view'] as const;
const STORAGE_KEY = 'zoom-join-form';

const Email = z.email();

type Check = (value: string) => string | null;

const checks: Record<'meetingNumber' | 'userName' | 'userEmail', Check> = {
  meetingNumber: (value) => {
    if (!value.trim()) return 'Enter the meeting number or paste the invite link.';
    const result = MeetingNumber.safeParse(value);
    return result.success ? null : `The meeting number ${result.error.issues[0]?.message ?? 'is not valid'}.`;
  },
  userName: (value) => (value.trim() ? null : 'Enter the name others will see in the meeting.'),
  userEmail: (value) =>
    !value.trim() || Email.safeParse(value.trim()).success ? null : 'Enter a valid email address, or leave it empty.',
};

export class JoinForm {
  readonly element: HTMLFormElement;

  constructor(element: HTMLFormElement) {
    this.element = element;
    const select = this.control<HTMLSelectElement>('language');
    for (const [code, label] of LANGUAGES) select.add(new Option(label, code));
    select.value = preferredLanguage(navigator.languages);
    this.restore();
    this.element.addEventListener('change', (event) => {
      const idle = !this.element.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled;
      if ((event.target as HTMLInputElement).name === 'role' && idle) this.setBusy(false);
    });
    this.setBusy(false);
    this.input('meetingNumber').addEventListener('input', () => this.applyInviteLink());
    for (const name of Object.keys(checks) as Array<keyof typeof checks>) {
      // Validate when leaving a field, then live once it has shown an error, so typing is not nagged.
      const input = this.input(name);
      input.addEventListener('blur', (event) => {
        // Leaving for the Join button: submit validates everything, and an error appearing now would shift
        // the button away from under the pointer, swallowing the click.
        if ((event.relatedTarget as HTMLElement | null)?.matches('button[type="submit"]')) return;
        this.check(name);
      });
      input.addEventListener('input', () => input.getAttribute('aria-invalid') === 'true' && this.check(name));
    }
  }

  private control<T extends HTMLElement>(name: string): T {
    const element = this.element.querySelector<T>(`[name="${name}"]`);
    if (!element) throw new Error(`The form has no control named ${name}`);
    return element;
  }

  private input(name: string): HTMLInputElement {
    return this.control<HTMLInputElement>(name);
  }

  /** A pasted invite link becomes the meeting number, and fills the passcode (and tk) it carries. */
  private applyInviteLink(): void {
    const link = parseInviteLink(this.input('meetingNumber').value);
    if (link) this.fill(link);
  }

  /** The meeting of an invite link or of this site's join link: number, passcode and tk. */
  fill(link: InviteLink): void {
    this.input('meetingNumber').value = link.meetingNumber;
    if (link.passcode) this.input('passcode').value = link.passcode;
    if (link.tk) this.input('tk').value = link.tk;
    this.check('meetingNumber');
  }

  /** Shows `name`'s problem, if any, and focuses it; true when the field is fine. */
  checkField(name: keyof typeof checks): boolean {
    const fine = this.check(name);
    if (!fine) this.input(name).focus();
    return fine;
  }

  focus(name: keyof JoinFormValues): void {
    this.input(name).focus();
  }

  private check(name: keyof typeof checks): boolean {
    const input = this.input(name);
    const message = checks[name](input.value);
    const error = this.element.querySelector<HTMLElement>(`#${name}-error`);
    input.setAttribute('aria-invalid', String(message !== null));
    if (error) {
      error.textContent = message ?? '';
      error.hidden = message === null;
    }
    return message === null;
  }

  /** Shows every problem at once and focuses the first, so keyboard and screen-reader users land on it. */
  validate(): boolean {
    const failed = (Object.keys(checks) as Array<keyof typeof checks>).filter((name) => !this.check(name));
    if (failed[0]) this.input(failed[0]).focus();
    return failed.length === 0;
  }

  values(): JoinFormValues {
    const text = (name: string) => this.input(name).value.trim();
    const role = this.element.querySelector<HTMLInputElement>('input[name="role"]:checked')?.value === '1' ? 1 : 0;
    const language = this.control<HTMLSelectElement>('language').value;
    return {
      meetingNumber: MeetingNumber.safeParse(text('meetingNumber')).data ?? text('meetingNumber'),
      passcode: text('passcode'),
      userName: text('userName'),
      userEmail: text('userEmail'),
      role,
      tk: text('tk'),
      zak: text('zak'),
      otherAccount: role === 0 && this.input('otherAccount').checked,
      language: isLanguage(language) ? language : 'en-US',
      view:
        this.element.querySelector<HTMLInputElement>('input[name="view"]:checked')?.value === 'component'
          ? 'component'
          : 'client',
    };
  }

  remember(): void {
    const values = this.values();
    const kept = Object.fromEntries(REMEMBERED.map((name) => [name, values[name]]));
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
    } catch {
      // Private mode or a full quota: remembering is a convenience, not a requirement.
    }
  }

  private restore(): void {
    let saved: Record<string, unknown> = {};
    try {
      saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    } catch {
      return;
    }
    for (const name of REMEMBERED) {
      const value = saved[name];
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
      if (name === 'otherAccount') {
        this.input('otherAccount').checked = value === true;
      } else if (name === 'role') {
        const radio = this.element.querySelector<HTMLInputElement>(
          `input[name="role"][value="${value === 1 ? 1 : 0}"]`,
        );
        if (radio) radio.checked = true;
      } else if (name === 'view') {
        const radio = this.element.querySelector<HTMLInputElement>(
          `input[name="view"][value="${value === 'component' ? 'component' : 'client'}"]`,
        );
        if (radio) radio.checked = true;
      } else if (name === 'language') {
        if (isLanguage(String(value))) this.control<HTMLSelectElement>('language').value = String(value);
      } else {
        this.input(name).value = String(value);
      }
    }
  }

  /** Switches to Host (the sign-in box follows the change, as for a click) and submits: Start instead of Join. */
  startAsHost(): void {
    const host = this.element.querySelector<HTMLInputElement>('input[name="role"][value="1"]');
    if (!host) return;
    host.checked = true;
    host.dispatchEvent(new Event('change', { bubbles: true }));
    this.element.requestSubmit();
  }

  setBusy(busy: boolean, label?: string): void {
    const button = this.element.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (!button) return;
    button.disabled = busy;
    button.textContent = label ?? (this.values().role === 1 ? 'Start meeting' : 'Join');
  }
}
