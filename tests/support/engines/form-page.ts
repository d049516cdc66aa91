/**
 * The join form, used through any engine (EngineSession.evaluate): the same fields and buttons a person uses, set and
 * clicked in the page with the events a person's input fires. Page-side code is plain JavaScript source, since each
 * driver sends it over its own protocol.
 */
import type { EngineSession } from './engine.ts';

export interface FormInput {
  meeting: string;
  name: string;
  passcode?: string;
  role?: 0 | 1;
  view?: 'client' | 'component';
  zak?: string;
}

const js = (value: unknown) => JSON.stringify(value);

/** Resolves when `condition` (page-side JavaScript) is truthy; fails with `what` and what the page shows (`shown`) after `timeoutMs`. */
export async function waitUntil(
  session: EngineSession,
  condition: string,
  what: string,
  timeoutMs = 60_000,
  shown = `document.getElementById('status')?.textContent + ' | ' + document.getElementById('problem-title')?.textContent`,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await session.evaluate<boolean>(`Boolean(${condition})`).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const status = await session.evaluate<string>(shown).catch(String);
  throw new Error(`${session.engine}: ${what} did not happen within ${timeoutMs / 1000} s (page: ${status})`);
}

export async function fillForm(session: EngineSession, input: FormInput): Promise<void> {
  await waitUntil(session, `document.getElementById('join')`, 'the form page loading');
  await session.evaluate(`(() => {
    const set = (element, value) => {
      element.value = value;
      element.dispatchEvent(new Event('input', { bubbles: true }));
      element.dispatchEvent(new Event('change', { bubbles: true }));
    };
    const check = (element) => { element.checked = true; element.dispatchEvent(new Event('change', { bubbles: true })); };
    set(document.getElementById('meetingNumber'), ${js(input.meeting)});
    set(document.getElementById('passcode'), ${js(input.passcode ?? '')});
    set(document.getElementById('userName'), ${js(input.name)});
    check(document.querySelector('input[name=role][value="${input.role ?? 0}"]'));
    check(document.querySelector('input[name=view][value="${input.view ?? 'client'}"]'));
    set(document.getElementById('zak'), ${js(input.zak ?? '')});
    return true;
  })()`);
}

/** Clicks Join once the form accepts it (the button is enabled once the form's script runs and the fields are valid). */
export async function clickJoin(session: EngineSession): Promise<void> {
  await waitUntil(session, `!document.getElementById('join').disabled`, 'the Join button enabling');
  await session.evaluate(`(document.getElementById('join').click(), true)`);
}

export interface Problem {
  title: string;
  meaning: string;
  cause: string;
  fix: string;
}

/** The explanation the page shows, once it shows one. */
export async function problemShown(session: EngineSession, timeoutMs?: number): Promise<Problem> {
  await waitUntil(
    session,
    `!document.getElementById('problem').hidden && document.getElementById('problem-title').textContent`,
    'an explanation',
    timeoutMs,
  );
  return session.evaluate<Problem>(`({
    title: document.getElementById('problem-title').textContent,
    meaning: document.getElementById('problem-meaning').textContent,
    cause: document.getElementById('problem-cause').textContent,
    fix: document.getElementById('problem-fix').textContent,
  })`);
}

/** Whether a person could use the form again: Join enabled, the fields still filled in. */
export function formUsable(session: EngineSession): Promise<{ joinEnabled: boolean; meeting: string; name: string }> {
  return session.evaluate(`({
    joinEnabled: !document.getElementById('join').disabled,
    meeting: document.getElementById('meetingNumber').value,
    name: document.getElementById('userName').value,
  })`);
}
