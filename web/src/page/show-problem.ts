import type { FieldErrors } from '../../../lib/contract.ts';
import type { Explanation } from '../../../lib/explanation.ts';
import { byId } from './dom.ts';

/** Every failure the page shows: a title for what was attempted, the explanation, and the fields to correct. */
export interface Problem extends Explanation {
  title: string;
  fields?: FieldErrors;
}

/** A lazily loaded part of the page that did not arrive. */
export function couldNotLoad(what: string, error: unknown): Problem {
  return {
    title: `This page could not load ${what}`,
    meaning: error instanceof Error ? error.message : String(error),
    cause: 'The network dropped, or the site was redeployed while this page was open.',
    fix: 'Reload the page and try again.',
  };
}

export function showStatus(message: string | null): void {
  const status = byId('status');
  status.textContent = message ?? '';
  status.hidden = message === null;
}

export function showProblem(problem: Problem | null): void {
  const panel = byId('problem');
  panel.hidden = problem === null;
  if (!problem) return;
  byId('problem-title').textContent = problem.title;
  byId('problem-meaning').textContent = problem.meaning;
  byId('problem-cause').textContent = problem.cause;
  byId('problem-fix').textContent = problem.fix;
  const list = byId('problem-fields');
  list.replaceChildren(
    ...Object.entries(problem.fields ?? {}).map(([field, messages]) => {
      const item = document.createElement('li');
      const name = document.createElement('code');
      name.textContent = field;
      item.append(name, ` ${messages.join('; ')}`);
      return item;
    }),
  );
  panel.scrollIntoView({ block: 'nearest' });
}
