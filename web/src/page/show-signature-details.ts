import { inspectSignature, type Expectations } from '../../../lib/check-signature.ts';

/** Shows what a signature says and every problem with it, in `container`. */
export function showInspection(container: HTMLElement, signature: string, expect: Expectations): void {
  const inspection = inspectSignature(signature, expect);
  const parts: HTMLElement[] = [];
  if (inspection.header || inspection.claims) {
    const pre = document.createElement('pre');
    pre.className = 'claims';
    pre.textContent = [
      inspection.header ? `header: ${JSON.stringify(inspection.header)}` : '',
      `${inspection.format === 'legacy' ? 'legacy fields' : 'claims'}: ${JSON.stringify(inspection.claims, null, 1)}`,
    ]
      .filter(Boolean)
      .join('\n');
    parts.push(pre);
  }
  if (inspection.problems.length === 0) {
    const ok = document.createElement('p');
    ok.className = 'ok';
    ok.textContent = 'No problems found in the claims. (Only the signer can check the HMAC: npm run check-signature.)';
    parts.push(ok);
  } else {
    const list = document.createElement('ul');
    for (const problem of inspection.problems) {
      const item = document.createElement('li');
      const strong = document.createElement('strong');
      strong.textContent = problem.meaning;
      item.append(strong, ` ${problem.cause} ${problem.fix}`);
      list.append(item);
    }
    parts.push(list);
  }
  container.replaceChildren(...parts);
}

/** Warns when the browser's and the signer's clocks differ by more than this (a frequent cause of 3705/3712). */
export const CLOCK_SKEW_LIMIT_SECONDS = 60;

export function clockSkewSeconds(serverDate: Date | undefined, now = Date.now()): number | null {
  if (!serverDate || Number.isNaN(serverDate.getTime())) return null;
  return Math.round((now - serverDate.getTime()) / 1000);
}

export function clockWarning(skewSeconds: number | null): string | null {
  if (skewSeconds === null || Math.abs(skewSeconds) <= CLOCK_SKEW_LIMIT_SECONDS) return null;
  const direction = skewSeconds > 0 ? 'ahead of' : 'behind';
  return (
    `This computer’s clock is ${Math.abs(skewSeconds)} s ${direction} the signer’s. Zoom checks signature times ` +
    'against its own clock: a skewed server clock causes “signature expired” (3705) or “invalid” (3712). ' +
    'Sync the clocks (NTP) on the signer and on this computer.'
  );
}
