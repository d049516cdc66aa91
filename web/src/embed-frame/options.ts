/**
 * The embedding page's options, checked: they come from another site, so each is validated before the form uses
 * it, and a wrong one is explained (as a `failed` event and on the form) rather than guessed at.
 */
import * as z from 'zod/mini';
import type { EmbedFailure, EmbedOptions } from '../shared/embed-protocol.ts';
import { MeetingNumber } from '../../../lib/contract.ts';
import { isLanguage } from '../shared/languages.ts';

const Text = z.string().check(z.maxLength(256));

const Options = z.object({
  meeting: z.optional(Text),
  passcode: z.optional(Text),
  name: z.optional(Text),
  email: z.optional(Text),
  role: z.optional(z.string()),
  language: z.optional(z.string()),
  view: z.optional(z.enum(['component', 'client'])),
  width: z.optional(z.string()),
  height: z.optional(z.string()),
});

type Checked = { ok: true; options: EmbedOptions } | { ok: false; failure: EmbedFailure };

const refused = (option: string, meaning: string, fix: string): Checked => ({
  ok: false,
  failure: {
    code: null,
    title: `The embed's ${option} option is not valid`,
    meaning,
    cause: 'The embedding page passed a value /embed.js does not accept.',
    fix,
  },
});

export function checkOptions(value: unknown): Checked {
  const parsed = Options.safeParse(value);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'options';
    return refused(field, `${field} ${parsed.error.issues[0]?.message ?? 'is not valid'}.`, 'See docs/embed.md.');
  }
  const options = parsed.data;
  if (options.meeting !== undefined && !MeetingNumber.safeParse(options.meeting).success)
    return refused('meeting', 'meeting is not a Zoom meeting number (9 to 11 digits).', 'Pass the meeting number.');
  // Starting a meeting needs the host's Zoom sign-in, whose cookie no browser sends to a frame on another site.
  if (options.role !== undefined && options.role !== 'attendee')
    return refused(
      'role',
      'An embed joins attendees only.',
      'Hosts start the meeting on this site itself, where they can sign in with Zoom (docs/embed.md).',
    );
  if (options.language !== undefined && !isLanguage(options.language))
    return refused('language', `${options.language} is not a language of the Meeting SDK.`, 'See docs/embed.md.');
  return { ok: true, options: options as EmbedOptions };
}
