#!/usr/bin/env node
/**
 * A stand-in for netlify-cli at the process edge (scripts/deploy-steps.ts runs it as NETLIFY_CLI): it records each
 * call's arguments and the environment variables the real CLI reads, and prints what netlify-cli 26 prints for the
 * same call (formats from its dist/commands/*). FAKE_NETLIFY_LOG names the JSON-lines record; FAKE_NETLIFY_* set
 * the answers.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const env = Object.fromEntries(
  ['NETLIFY_AUTH_TOKEN', 'NETLIFY_SITE_ID'].filter((n) => process.env[n]).map((n) => [n, process.env[n]]),
);
appendFileSync(
  process.env.FAKE_NETLIFY_LOG,
  `${JSON.stringify({ args, env, stdinIsTTY: Boolean(process.stdin.isTTY) })}\n`,
);

const SITE_ID = 'f1e2d3c4-0000-4000-8000-000000000001';
const siteUrl = process.env.FAKE_NETLIFY_SITE_URL ?? 'https://zoom-demo.netlify.app';
const json = (value) => process.stdout.write(JSON.stringify(value, null, 2));

switch (args[0]) {
  case 'status':
    // Logged out: `status --json` prints nothing and exits 0 (its `log` is silenced by --json).
    if (process.env.FAKE_NETLIFY_LOGGED_IN !== '1') process.exit(0);
    json({ account: { Name: 'Ada', Email: 'ada@example.com' }, siteData: {} });
    break;
  case 'sites:create': {
    const at = args.indexOf('--name');
    const name = at >= 0 ? args[at + 1] : 'random-name-123';
    // sites:create links the folder it runs in.
    mkdirSync('.netlify', { recursive: true });
    writeFileSync('.netlify/state.json', JSON.stringify({ siteId: SITE_ID }));
    json({
      id: SITE_ID,
      name,
      url: `http://${name}.netlify.app`,
      ssl_url: `https://${name}.netlify.app`,
      admin_url: `https://app.netlify.com/projects/${name}`,
    });
    break;
  }
  case 'login':
    console.log('Logging into your Netlify account...');
    break;
  case 'env:set': {
    const [, key, value] = args;
    const secret = args.includes('--secret');
    console.log(
      `Set environment variable ${key}${value && !secret ? `=${value}` : ''}${secret ? ' as a secret' : ''} in the all context`,
    );
    break;
  }
  case 'deploy':
    if (process.env.FAKE_NETLIFY_DEPLOY_FAILS === '1') {
      console.error('Error: Build failed');
      process.exit(1);
    }
    json({
      site_id: SITE_ID,
      site_name: 'zoom-demo',
      deploy_id: '6650aa',
      deploy_url: 'https://6650aa--zoom-demo.netlify.app',
      logs: 'https://app.netlify.com/projects/zoom-demo/deploys/6650aa',
      function_logs: 'https://app.netlify.com/projects/zoom-demo/logs/functions',
      edge_function_logs: 'https://app.netlify.com/projects/zoom-demo/logs/edge-functions',
      ...(args.includes('--prod') ? { url: siteUrl } : {}),
    });
    break;
  default:
    console.error(`fake netlify: unexpected command ${args.join(' ')}`);
    process.exit(2);
}
