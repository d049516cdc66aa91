/**
 * `npm run deploy` up to the netlify-cli edge: the real steps run, and a fake `netlify` executable
 * (tests/fake-netlify/netlify.mjs, named by NETLIFY_CLI) records the arguments and environment each call got and
 * answers as netlify-cli 26 does. Nothing here reaches Netlify.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkNode,
  parseCliJson,
  planVariables,
  requiredNode,
  runDeploy,
  withSessionSecret,
  type DeployIo,
} from '../../scripts/deploy-steps.ts';
import { readEnvFile } from '../../scripts/env-file.ts';
import { TEST_KEY, TEST_SECRET, closedPort } from './helpers.ts';

const FAKE_CLI = join(import.meta.dirname, '../fake-netlify/netlify.mjs');
const TOKEN = 'nfp_fake_token_0123456789';
const SITE_ID = 'f1e2d3c4-0000-4000-8000-000000000001';

interface Call {
  args: string[];
  env: Record<string, string>;
  stdinIsTTY: boolean;
}

let dir: string;
let deadSite: string;

/** A loopback URL nothing answers on: the deployed "site" the smoke check then cannot reach, at once. */
beforeAll(async () => {
  deadSite = `http://127.0.0.1:${await closedPort()}`;
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deploy-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const calls = (): Call[] =>
  existsSync(join(dir, 'cli.log'))
    ? readFileSync(join(dir, 'cli.log'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Call)
    : [];

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    NETLIFY_CLI: FAKE_CLI,
    FAKE_NETLIFY_LOG: join(dir, 'cli.log'),
    FAKE_NETLIFY_SITE_URL: deadSite,
    ...extra,
  };
}

/** A person (or CI job) at the other end: scripted answers; asking when there is no terminal fails the test. */
function io(interactive: boolean, answers: string[] = []): DeployIo & { out: string[]; asked: string[] } {
  const out: string[] = [];
  const asked: string[] = [];
  return {
    interactive,
    out,
    asked,
    ask: async (question) => {
      if (!interactive) throw new Error(`asked without a terminal: ${question}`);
      asked.push(question);
      return answers.shift() ?? '';
    },
    print: (line) => out.push(line),
  };
}

const writeEnv = (text: string) => writeFileSync(join(dir, '.env'), text);
const FILLED = `ZOOM_MEETING_SDK_KEY=${TEST_KEY}\nZOOM_MEETING_SDK_SECRET="${TEST_SECRET}"\nSESSION_SECRET=\n`;

describe('npm run deploy: refusals before anything reaches Netlify', () => {
  it('stops at once without .env, naming both variables', async () => {
    const person = io(false);
    expect(await runDeploy([], { cwd: dir, env: env({ NETLIFY_AUTH_TOKEN: TOKEN }), io: person })).toBe(1);
    expect(person.out.join('\n')).toContain(
      'Set ZOOM_MEETING_SDK_KEY and ZOOM_MEETING_SDK_SECRET in .env (copy .env.example to .env first)',
    );
    expect(calls()).toEqual([]);
  });

  it('names only the missing variable', async () => {
    writeEnv(`ZOOM_MEETING_SDK_KEY=${TEST_KEY}\nZOOM_MEETING_SDK_SECRET=\n`);
    const person = io(false);
    expect(await runDeploy([], { cwd: dir, env: env({ NETLIFY_AUTH_TOKEN: TOKEN }), io: person })).toBe(1);
    expect(person.out.join('\n')).toMatch(/^Set ZOOM_MEETING_SDK_SECRET in \.env:/m);
    expect(calls()).toEqual([]);
  });

  it('stops on a Node older than netlify-cli needs', async () => {
    writeEnv(FILLED);
    const person = io(false);
    expect(
      await runDeploy([], { cwd: dir, env: env({ NETLIFY_AUTH_TOKEN: TOKEN }), io: person, nodeVersion: '20.19.0' }),
    ).toBe(1);
    expect(person.out.join('\n')).toContain('Node 20.19.0 is too old');
    expect(calls()).toEqual([]);
  });

  it('refuses a SESSION_SECRET too short for sign-in', async () => {
    writeEnv(`ZOOM_MEETING_SDK_KEY=${TEST_KEY}\nZOOM_MEETING_SDK_SECRET=${TEST_SECRET}\nSESSION_SECRET=short\n`);
    const person = io(false);
    expect(await runDeploy([], { cwd: dir, env: env({ NETLIFY_AUTH_TOKEN: TOKEN }), io: person })).toBe(1);
    expect(person.out.join('\n')).toContain('SESSION_SECRET in .env is shorter than 32 characters');
    expect(person.out.join('\n')).not.toContain('short\n');
    expect(calls()).toEqual([]);
  });

  it('refuses settings the site would refuse, naming each, before any call to Netlify (issue #23)', async () => {
    writeEnv(
      `ZOOM_MEETING_SDK_KEY=${TEST_KEY}\nZOOM_MEETING_SDK_SECRET=${TEST_SECRET}\nZOOM_HOST_SIGNATURES=signed_in\n` +
        'ZOOM_MAX_EXPIRATION_SECONDS=4h\nVITE_ZOOM_ASSETS=cdn\n',
    );
    const person = io(false);
    expect(await runDeploy([], { cwd: dir, env: env({ NETLIFY_AUTH_TOKEN: TOKEN }), io: person })).toBe(1);
    const out = person.out.join('\n');
    for (const name of ['ZOOM_HOST_SIGNATURES', 'ZOOM_MAX_EXPIRATION_SECONDS', 'VITE_ZOOM_ASSETS'])
      expect(out).toContain(`  - ${name} is not valid: `);
    expect(out).toContain('Nothing was deployed.');
    expect(out).not.toMatch(/signed_in|4h|cdn/);
    expect(calls()).toEqual([]);
  });

  it('rejects bad usage with exit code 2', async () => {
    for (const argv of [['--name', 'no spaces allowed'], ['--sign-in', '--no-sign-in'], ['extra'], ['--bogus']]) {
      expect(await runDeploy(argv, { cwd: dir, env: env(), io: io(false) })).toBe(2);
    }
  });

  it('without a terminal or NETLIFY_AUTH_TOKEN, stops instead of waiting for a login (a real non-TTY run)', async () => {
    writeEnv(FILLED);
    const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = execFile(
        join(import.meta.dirname, '../../node_modules/.bin/tsx'),
        [join(import.meta.dirname, '../../scripts/deploy.ts')],
        { cwd: dir, env: env(), timeout: 30_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: stdout + stderr }),
      );
      child.stdin?.end();
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain('Not logged in to Netlify, and no terminal to log in from: set NETLIFY_AUTH_TOKEN');
    expect(result.out).toContain(
      'Sign in with Zoom stays off: SESSION_SECRET is not set. To turn it on, run again with --sign-in',
    );
    expect(calls().map((c) => c.args)).toEqual([['status', '--json']]);
  }, 40_000);
});

describe('npm run deploy: the netlify-cli calls', () => {
  it('creates the site, sets the variables (secrets as secrets), deploys to production, prints the URLs, runs the smoke check', async () => {
    writeEnv(
      `${FILLED}ALLOWED_ORIGINS=https://app.example.com\nZOOM_OAUTH_REDIRECT_URL=http://localhost:8888/api/auth/callback\nNETLIFY_AUTH_TOKEN=${TOKEN}\n`,
    );
    const person = io(false);
    const code = await runDeploy(['--name', 'zoom-demo', '--sign-in'], { cwd: dir, env: env(), io: person });
    const sessionSecret = readEnvFile(join(dir, '.env')).get('SESSION_SECRET')!;
    expect(sessionSecret.length).toBeGreaterThanOrEqual(32);

    const secretFlags = ['--secret', '--context', 'production', 'deploy-preview', 'branch-deploy'];
    expect(calls().map((c) => c.args)).toEqual([
      ['sites:create', '--json', '--name', 'zoom-demo'],
      ['env:set', 'ZOOM_MEETING_SDK_KEY', TEST_KEY, '--force', '--site', SITE_ID],
      ['env:set', 'ZOOM_MEETING_SDK_SECRET', TEST_SECRET, ...secretFlags, '--force', '--site', SITE_ID],
      ['env:set', 'ALLOWED_ORIGINS', 'https://app.example.com', '--force', '--site', SITE_ID],
      ['env:set', 'SESSION_SECRET', sessionSecret, ...secretFlags, '--force', '--site', SITE_ID],
      ['deploy', '--prod', '--context', 'production', '--json', '--site', SITE_ID],
    ]);
    // The token from .env reaches the CLI's environment (never its arguments); nothing could prompt.
    for (const call of calls()) {
      expect(call.env['NETLIFY_AUTH_TOKEN']).toBe(TOKEN);
      expect(call.args).not.toContain(TOKEN);
      expect(call.stdinIsTTY).toBe(false);
    }

    const out = person.out.join('\n');
    expect(out).toContain(`Live: ${deadSite}`);
    expect(out).toContain(`OAuth redirect URL for the Marketplace app: ${deadSite}/api/auth/callback`);
    expect(out).toContain('Function logs: https://app.netlify.com/projects/zoom-demo/logs/functions');
    expect(out).toContain('Not copied to Netlify: ZOOM_OAUTH_REDIRECT_URL (points at this machine');
    // The smoke check ran against the deployed URL (which answers nothing here) and decides the exit code.
    expect(out).toContain(`Could not reach ${deadSite}/`);
    expect(out).toContain('Deployed, but joining cannot work yet');
    expect(code).toBe(1);
    for (const secret of [TEST_SECRET, sessionSecret, TOKEN]) expect(out).not.toContain(secret);
  });

  it('asks at a terminal: logs in, names the site, offers sign-in', async () => {
    writeEnv(FILLED);
    const person = io(true, ['y', 'my-zoom-site']);
    const code = await runDeploy(['--no-smoke'], { cwd: dir, env: env(), io: person });
    expect(code).toBe(0);
    expect(person.asked).toEqual([
      expect.stringContaining('Turn on "Sign in with Zoom"'),
      expect.stringContaining('Name for the new Netlify site'),
    ]);
    const args = calls().map((c) => c.args);
    expect(args.slice(0, 3)).toEqual([
      ['status', '--json'],
      ['login'],
      ['sites:create', '--json', '--name', 'my-zoom-site'],
    ]);
    expect(args.some((a) => a[0] === 'env:set' && a[1] === 'SESSION_SECRET' && a.includes('--secret'))).toBe(true);
    expect(person.out).toContain('Live: ' + deadSite);
  });

  it('deploys a linked site without creating one, and leaves sign-in off when told to', async () => {
    writeEnv(FILLED);
    mkdirSync(join(dir, '.netlify'));
    writeFileSync(join(dir, '.netlify/state.json'), JSON.stringify({ siteId: 'linked-site-id' }));
    const person = io(true);
    expect(
      await runDeploy(['--no-sign-in', '--no-smoke'], {
        cwd: dir,
        env: env({ FAKE_NETLIFY_LOGGED_IN: '1' }),
        io: person,
      }),
    ).toBe(0);
    expect(person.asked).toEqual([]);
    expect(calls().map((c) => c.args)).toEqual([
      ['status', '--json'],
      ['env:set', 'ZOOM_MEETING_SDK_KEY', TEST_KEY, '--force', '--site', 'linked-site-id'],
      [
        'env:set',
        'ZOOM_MEETING_SDK_SECRET',
        TEST_SECRET,
        '--secret',
        '--context',
        'production',
        'deploy-preview',
        'branch-deploy',
        '--force',
        '--site',
        'linked-site-id',
      ],
      ['deploy', '--prod', '--context', 'production', '--json', '--site', 'linked-site-id'],
    ]);
    expect(person.out.join('\n')).toContain('OAuth redirect URL for the Marketplace app (when you turn sign-in on)');
  });

  it('takes NETLIFY_SITE_ID from .env for the CLI, not for the site', async () => {
    writeEnv(`${FILLED}NETLIFY_SITE_ID=site-from-env-file\nNETLIFY_AUTH_TOKEN=${TOKEN}\n`);
    expect(await runDeploy(['--no-sign-in', '--no-smoke'], { cwd: dir, env: env(), io: io(false) })).toBe(0);
    const args = calls().map((c) => c.args);
    expect(args.map((a) => a[0])).toEqual(['env:set', 'env:set', 'deploy']);
    expect(args.every((a) => a.at(-1) === 'site-from-env-file')).toBe(true);
    expect(calls()[0]!.env).toEqual({ NETLIFY_AUTH_TOKEN: TOKEN, NETLIFY_SITE_ID: 'site-from-env-file' });
  });

  it('reports a failed deploy and stops', async () => {
    writeEnv(FILLED);
    const person = io(false);
    expect(
      await runDeploy(['--no-sign-in'], {
        cwd: dir,
        env: env({ NETLIFY_AUTH_TOKEN: TOKEN, FAKE_NETLIFY_DEPLOY_FAILS: '1' }),
        io: person,
      }),
    ).toBe(1);
    expect(person.out.join('\n')).toContain('netlify deploy failed');
    expect(person.out.join('\n')).not.toContain('Live:');
  });
});

describe('deploy helpers', () => {
  it('requires the highest Node floor of the engines ranges', () => {
    expect(requiredNode(['>=20.19', '>=20.12.2', '22.12.0', undefined, '^18 || ^20'])).toBe('20.19');
    expect(requiredNode(['>=20.19', '>= 22.12.0'])).toBe('22.12.0');
    expect(checkNode('24.1.0', '22.12.0')).toBeNull();
    expect(checkNode('22.12.0', '22.12.0')).toBeNull();
    expect(checkNode('22.11.9', '22.12.0')).toContain('Node 22.11.9 is too old');
  });

  it('plans the site variables: the environment wins, CLI variables and loopback URLs stay here, secrets are marked', () => {
    const file = new Map([
      ['ZOOM_MEETING_SDK_KEY', 'fromFile'],
      ['ZOOM_MEETING_SDK_SECRET', 's3cret'],
      ['NETLIFY_SITE_ID', 'x'],
      ['ZOOM_OAUTH_BASE_URL', 'http://127.0.0.1:8899'],
      ['VITE_ZOOM_ASSETS', 'self'],
      ['ZOOM_ALLOWED_MEETINGS', ''],
    ]);
    const plan = planVariables(file, { ZOOM_MEETING_SDK_KEY: 'fromEnv' });
    expect(plan.variables).toEqual([
      { name: 'ZOOM_MEETING_SDK_KEY', value: 'fromEnv', secret: false },
      { name: 'ZOOM_MEETING_SDK_SECRET', value: 's3cret', secret: true },
      { name: 'VITE_ZOOM_ASSETS', value: 'self', secret: false },
    ]);
    expect(plan.skipped).toEqual([expect.stringMatching(/^ZOOM_OAUTH_BASE_URL \(points at this machine/)]);
  });

  it('fills an empty SESSION_SECRET line, or appends one', () => {
    expect(withSessionSecret('A=1\nSESSION_SECRET=\nB=2\n', 'x'.repeat(32))).toBe(
      `A=1\nSESSION_SECRET=${'x'.repeat(32)}\nB=2\n`,
    );
    expect(withSessionSecret('A=1', 'y')).toBe('A=1\nSESSION_SECRET=y\n');
    expect(withSessionSecret('', 'y')).toBe('SESSION_SECRET=y\n');
  });

  it('reads the CLI’s JSON, also after other output', () => {
    expect(parseCliJson('{\n  "url": "https://a.netlify.app"\n}')).toEqual({ url: 'https://a.netlify.app' });
    expect(parseCliJson('Building…\ndone\n{\n  "url": "https://a.netlify.app"\n}')).toEqual({
      url: 'https://a.netlify.app',
    });
    expect(parseCliJson('no json')).toBeNull();
  });
});
