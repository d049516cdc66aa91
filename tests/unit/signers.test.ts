/**
 * Issue #14: the signers in signers/ (Ruby, Python, PHP, Go, Java) and the Netlify function pass one HTTP contract
 * suite and reproduce signers/vectors.json byte for byte.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import handler from '../../functions/signature.ts';
import { signMeetingSdkJwt } from '../../functions/_lib/sign-jwt.ts';
import { verifyHs256 } from '../../lib/node/hs256.ts';
import {
  defineLowCeilingContract,
  defineMalformedSettingsContract,
  defineSignerContract,
  defineStalledClientsContract,
} from '../contract/signer-contract.ts';
import { SIGNERS, commandSigner, functionSigner } from '../contract/start-signer.ts';

interface Vector {
  name: string;
  input: {
    sdkKey: string;
    secret: string;
    meetingNumber: string;
    role: 0 | 1;
    expirationSeconds: number;
    videoWebRtcMode?: 0 | 1;
    nowMs: number;
  };
  token: string;
}
const { vectors } = JSON.parse(readFileSync('signers/vectors.json', 'utf8')) as { vectors: Vector[] };

describe('signers/vectors.json', () => {
  it.each(vectors.map((v) => [v.name, v] as const))(
    '%s: the token is what its inputs say, signed with its secret',
    (_name, { input, token }) => {
      expect(verifyHs256(token, input.secret)).toBe(true);
      const [header, payload] = token
        .split('.')
        .slice(0, 2)
        .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as unknown);
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      const iat = Math.floor(input.nowMs / 1000) - 30;
      const exp = iat + input.expirationSeconds;
      expect(payload).toEqual({
        appKey: input.sdkKey,
        sdkKey: input.sdkKey,
        mn: input.meetingNumber,
        role: input.role,
        iat,
        exp,
        tokenExp: exp,
        ...(input.videoWebRtcMode === undefined ? {} : { video_webrtc_mode: input.videoWebRtcMode }),
      });
    },
  );

  it.each(vectors.map((v) => [v.name, v] as const))(
    '%s: functions/_lib/sign-jwt.ts reproduces it',
    (_name, { input, token }) => {
      expect(signMeetingSdkJwt(input).token).toBe(token);
    },
  );

  // The commands set ZOOM_MAX_EXPIRATION_SECONDS=172800: one vector is Zoom's longest lifetime, above the default 4 h.
  it.each(SIGNERS.map((s) => [s.language, s] as const))(
    '%s reproduces every token byte for byte',
    (_language, { vectors: command }) => {
      const printed = execSync(command, { encoding: 'utf8', timeout: 60_000 }).trim().split('\n');
      expect(printed).toEqual(vectors.map((v) => v.token));
    },
    60_000,
  );
});

/** A Markdown section, from its heading to the next; fails the test if the heading is gone. */
function sectionOf(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  return text.slice(start, text.indexOf('\n## ', start + 1));
}

describe('signers/signers.json', () => {
  it('lists every signer directory once, with its copy-paste file, its Debian packages and its read deadline', () => {
    const dirs = readdirSync('signers', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(SIGNERS.map((s) => s.language).sort()).toEqual(dirs.sort());
    for (const entry of SIGNERS) {
      expect(existsSync(entry.signer), entry.signer).toBe(true);
      expect(existsSync(`signers/${entry.language}/README.md`)).toBe(true);
      expect(entry.packages.length).toBeGreaterThan(0);
      expect(entry.readDeadlineSeconds === null || entry.readDeadlineSeconds > 0, entry.language).toBe(true);
    }
  });

  it('is what signers/README.md’s “Add a signer language” recipe and its table say', () => {
    const guide = readFileSync('signers/README.md', 'utf8');
    const entryStep = sectionOf(guide, '## Add a signer language').split('\n2. ')[1]?.split('\n3. ')[0] ?? '';
    // The fields step 2 names are exactly the fields every entry has: a new field gets documented, or it fails here.
    const named = [...entryStep.matchAll(/`([a-z][A-Za-z]+)`/g)].map((m) => m[1]!);
    for (const entry of SIGNERS) expect(Object.keys(entry).sort(), entry.language).toEqual([...new Set(named)].sort());
    for (const entry of SIGNERS) {
      expect(entry.vectors, entry.language).toContain('ZOOM_MAX_EXPIRATION_SECONDS=172800');
      // Step 3: this folder's table links the copy-in file.
      expect(guide, entry.language).toContain(`](${entry.signer.replace(/^signers\//, '')})`);
    }
  });

  it('is what the README’s “Your own backend” table lists', () => {
    const section = sectionOf(readFileSync('README.md', 'utf8'), '## Your own backend');
    for (const entry of SIGNERS) expect(section).toContain(`\`${entry.signer}\``);
  });
});

// One suite, unchanged, for the function as deployed and for each signer.
const netlifyFunction = functionSigner();
const servers = SIGNERS.map((entry) => commandSigner(entry));
for (const target of [netlifyFunction, ...servers]) defineSignerContract(target, handler);
// The suites that mostly wait (a read deadline waited out, a server started per malformed setting or for a ceiling
// below 2 h): the function's one at a time, since each sets this process's environment; the servers' side by side,
// the longest waits first.
defineStalledClientsContract(netlifyFunction, { concurrent: false });
defineMalformedSettingsContract(netlifyFunction, { concurrent: false });
defineLowCeilingContract(netlifyFunction, { concurrent: false });
for (const server of servers) defineStalledClientsContract(server, { concurrent: true });
for (const server of servers) defineMalformedSettingsContract(server, { concurrent: true });
for (const server of servers) defineLowCeilingContract(server, { concurrent: true });
