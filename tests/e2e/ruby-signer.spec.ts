import { jwtVerify } from 'jose';
import { SIGNERS, commandSigner, type RunningSigner } from '../contract/start-signer.ts';
import {
  BYO_PAGE_URL,
  E2E_KEY,
  E2E_SECRET,
  EXTERNAL_SIGNER_URL,
  HOLDS_SIGNER_PORT,
  PORTS,
} from '../support/servers.ts';
import { ZOOM_ANSWERS, expect, fillForm, test } from '../support/fixtures.ts';

// The seed thread's language, end to end: the page built with VITE_SIGNATURE_URL pointing at signers/ruby/server.rb
// (started as signers.json says), which allows only that page's origin. Only Zoom's cloud is faked.
test.describe('the page signed by the Ruby signer (VITE_SIGNATURE_URL + ALLOWED_ORIGINS)', HOLDS_SIGNER_PORT, () => {
  const ruby = SIGNERS.find((entry) => entry.language === 'ruby');
  let signer: RunningSigner | undefined;
  test.beforeAll(async () => {
    if (!ruby) throw new Error('signers/signers.json has no ruby entry');
    signer = await commandSigner(ruby, { port: PORTS.externalSigner }).start({
      ZOOM_MEETING_SDK_KEY: E2E_KEY,
      ZOOM_MEETING_SDK_SECRET: E2E_SECRET,
      ALLOWED_ORIGINS: BYO_PAGE_URL,
    });
  });
  test.afterAll(async () => signer?.stop());

  test('Zoom receives the Ruby signer’s JWT, which verifies with the secret and carries mn and role', async ({
    page,
    zoom,
  }) => {
    zoom.answer = ZOOM_ANSWERS.wrongPasscode;
    await page.goto(`${BYO_PAGE_URL}/`);
    // Hosted without this project's functions, so the host brings a ZAK of their own.
    await fillForm(page, { meeting: '978-759-8180', passcode: 'pass123', name: 'Matz', role: 1, zak: 'pasted-zak' });
    const signed = page.waitForResponse(
      (res) => res.url() === EXTERNAL_SIGNER_URL && res.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Start meeting' }).click();

    const res = await signed;
    expect(res.request().postDataJSON()).toEqual({ meetingNumber: '9787598180', role: 1 });
    expect(res.status()).toBe(200);
    expect(res.headers()['access-control-allow-origin']).toBe(BYO_PAGE_URL);
    const { signature, sdkKey } = (await res.json()) as { signature: string; sdkKey: string };
    expect(sdkKey).toBe(E2E_KEY);

    await expect.poll(() => zoom.wcInfoRequests.length).toBe(1);
    const sent = zoom.lastJoin();
    expect(sent.get('signature')).toBe(signature);
    expect(sent.get('meetingNumber')).toBe('9787598180');
    const { payload } = await jwtVerify(signature, new TextEncoder().encode(E2E_SECRET), { algorithms: ['HS256'] });
    expect(payload).toMatchObject({ appKey: E2E_KEY, sdkKey: E2E_KEY, mn: '9787598180', role: 1 });
    expect(payload.exp! - payload.iat!).toBe(7200);

    await expect(page.getByRole('alert')).toContainText('error 3004');
    expect(zoom.refused).toEqual([]);
  });
});
