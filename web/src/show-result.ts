import type { FieldErrors } from '../../lib/contract.ts';

export interface Problem {
  title: string;
  meaning: string;
  cause: string;
  fix: string;
  fields?: FieldErrors;
}

export const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element;
};

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
