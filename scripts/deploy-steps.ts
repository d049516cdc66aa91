/**
 * `npm run deploy`: from a clone with a filled .env to a live production site, with netlify-cli doing everything
 * that talks to Netlify. Everything that can be checked here is checked before the first CLI call, so a missing
 * credential stops the run at once. Secret values go to the CLI only (as `--secret` variables) and are never printed.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AUTH_PATHS } from '../lib/auth-contract.ts';
import { MIN_SESSION_SECRET_LENGTH, SETTINGS, settingProblems } from '../lib/settings.ts';
import { failed, succeeded, type Result } from '../lib/result.ts';
import { readEnvFile } from './env-file.ts';
import { formatFindings, joinCanWork, runSmoke } from './smoke-checks.ts';

const ROOT = join(import.meta.dirname, '..');
const KEY_VAR = SETTINGS.ZOOM_MEETING_SDK_KEY.name;
const SECRET_VAR = SETTINGS.ZOOM_MEETING_SDK_SECRET.name;
const SESSION_SECRET_VAR = SETTINGS.SESSION_SECRET.name;

/** netlify-cli's own dependencies need Node 22.12 since its version 26 (EBADENGINE below it), more than its engines say. */
const NETLIFY_CLI_DEPENDENCIES_NODE = '22.12.0';

export const USAGE =
  'usage: npm run deploy -- [--name <site name>] [--team <team slug>] [--sign-in | --no-sign-in] [--no-smoke]';

/** How the run talks to the person (or the CI job) that started it. */
export interface DeployIo {
  /** stdin is a terminal: questions may be asked. Never true in CI or with piped input. */
  interactive: boolean;
  ask(question: string): Promise<string>;
  print(line: string): void;
}

interface DeployContext {
  /** The project checkout (.env, .netlify/state.json). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  io: DeployIo;
  nodeVersion?: string;
}

class Stop extends Error {}

// ── Node ──────────────────────────────────────────────────────────────────────────────────────────────────────────

const parts = (version: string) =>
  version
    .replace(/^v/, '')
    .split('.')
    .map((n) => Number.parseInt(n, 10) || 0);

function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** The highest `>=x.y.z` among the given engines ranges (other range forms do not raise the floor). */
export function requiredNode(ranges: Array<string | undefined>): string {
  return ranges
    .map((range) => /^\s*>=\s*v?(\d+(?:\.\d+){0,2})\s*$/.exec(range ?? '')?.[1])
    .filter((version): version is string => version !== undefined)
    .reduce((highest, version) => (compareVersions(version, highest) > 0 ? version : highest), '0.0.0');
}

function enginesNode(packageJson: string): string | undefined {
  if (!existsSync(packageJson)) return undefined;
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { engines?: { node?: string } }).engines?.node;
}

/** null when this Node can build and deploy the project, else what to do. */
export function checkNode(version: string, required: string): string | null {
  if (compareVersions(version, required) >= 0) return null;
  return `Node ${version} is too old: building and deploying this project needs Node ${required} or later (24 LTS recommended: https://nodejs.org, or \`nvm install 24\`).`;
}

// ── .env ──────────────────────────────────────────────────────────────────────────────────────────────────────────

/** Variables for netlify-cli itself, not for the site. */
const CLI_ONLY = new Set(['NETLIFY_AUTH_TOKEN', 'NETLIFY_SITE_ID']);
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PRIVATE/;

interface SiteVariable {
  name: string;
  value: string;
  secret: boolean;
}

interface Plan {
  variables: SiteVariable[];
  /** Names left out, each with the reason, to tell the user. */
  skipped: string[];
}

/**
 * What goes into the site's environment: every filled variable of .env (the process environment wins for the same
 * name), except netlify-cli's own and values pointing at this machine (a development callback URL or the tests'
 * fake Zoom would break the live site).
 */
export function planVariables(file: Map<string, string>, env: NodeJS.ProcessEnv): Plan {
  const names = new Set([...file.keys(), KEY_VAR, SECRET_VAR, SESSION_SECRET_VAR]);
  const variables: SiteVariable[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    const value = (env[name]?.trim() || file.get(name)?.trim()) ?? '';
    if (!value || CLI_ONLY.has(name)) continue;
    if (/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/i.test(value)) {
      skipped.push(`${name} (points at this machine; set the production value on Netlify if it needs one)`);
      continue;
    }
    variables.push({ name, value, secret: SECRET_NAME.test(name) });
  }
  return { variables, skipped };
}

/** null when the site can sign, else the message naming what is missing. */
function missingCredentials(plan: Plan, envFileExists: boolean): string | null {
  const missing = [KEY_VAR, SECRET_VAR].filter((name) => !plan.variables.some((v) => v.name === name));
  if (missing.length === 0) return null;
  const where = envFileExists ? 'in .env' : 'in .env (copy .env.example to .env first)';
  return `Set ${missing.join(' and ')} ${where}: the Client ID and Client Secret of your Meeting SDK app (marketplace.zoom.us → your app → App Credentials). Nothing was deployed.`;
}

/**
 * null when every value the site would get is one its functions and build accept (lib/settings.ts), else the
 * message listing each refusal: the build would stop, or a route would answer 503 on the live site.
 */
function refusedSettings(plan: Plan): string | null {
  const problems = settingProblems(Object.fromEntries(plan.variables.map((v) => [v.name, v.value])), 'all');
  if (problems.length === 0) return null;
  return `Fix these settings in .env (or your environment) first:\n${problems.map((p) => `  - ${p}`).join('\n')}\nNothing was deployed.`;
}

/** .env with SESSION_SECRET set: an empty `SESSION_SECRET=` line is filled in, otherwise one is appended. */
export function withSessionSecret(envText: string, secret: string): string {
  const line = `${SESSION_SECRET_VAR}=${secret}`;
  const empty = new RegExp(`^\\s*${SESSION_SECRET_VAR}\\s*=\\s*(['"]?)\\1\\s*$`, 'm');
  if (empty.test(envText)) return envText.replace(empty, line);
  return `${envText}${envText === '' || envText.endsWith('\n') ? '' : '\n'}${line}\n`;
}

// ── netlify-cli ───────────────────────────────────────────────────────────────────────────────────────────────────

interface CliResult {
  code: number;
  stdout: string;
}

/** The CLI: NETLIFY_CLI names another binary (tests use a fake one); by default the project's own netlify-cli. */
function cliPath(env: NodeJS.ProcessEnv): string {
  return env['NETLIFY_CLI'] || join(ROOT, 'node_modules/.bin/netlify');
}

/**
 * Runs the CLI with stdin closed (it must never wait for an answer nobody can give) and its stdout captured (its
 * JSON, and lines that may echo a value); its stderr, where errors and build output go, reaches the user as is.
 */
function runCli(
  ctx: DeployContext,
  args: string[],
  options: { inherit?: boolean; quiet?: boolean } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cliPath(ctx.env), args, {
      cwd: ctx.cwd,
      env: ctx.env,
      stdio: options.inherit ? 'inherit' : ['ignore', 'pipe', options.quiet ? 'ignore' : 'inherit'],
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', (error) =>
      reject(new Stop(`Could not run netlify-cli (${cliPath(ctx.env)}): ${error.message}. Run npm ci first.`)),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

/** The CLI's `--json` output: the whole of stdout, or its last top-level object when something was printed before it. */
export function parseCliJson(stdout: string): Record<string, unknown> | null {
  const candidates = [stdout.trim(), stdout.slice(stdout.lastIndexOf('\n{') + 1).trim()];
  for (const text of candidates) {
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

async function ensureLoggedIn(ctx: DeployContext): Promise<void> {
  if (ctx.env['NETLIFY_AUTH_TOKEN']) {
    ctx.io.print('Netlify: using NETLIFY_AUTH_TOKEN.');
    return;
  }
  // `status --json` prints nothing (and exits 0) only when no one is logged in; linked or not, a login prints or fails.
  // Quiet: in a folder not linked yet it complains on stderr about exactly what the next step does.
  const status = await runCli(ctx, ['status', '--json'], { quiet: true });
  if (!(status.code === 0 && status.stdout.trim() === '')) return;
  if (!ctx.io.interactive) {
    throw new Stop(
      'Not logged in to Netlify, and no terminal to log in from: set NETLIFY_AUTH_TOKEN (Netlify → User settings → ' +
        'Applications → Personal access tokens) in the environment or .env, or run `npx netlify login` once in a terminal.',
    );
  }
  ctx.io.print('Netlify: logging in (a browser window opens)…');
  if ((await runCli(ctx, ['login'], { inherit: true })).code !== 0) throw new Stop('netlify login did not complete.');
}

/** The linked site's id: NETLIFY_SITE_ID, or the link `netlify link`/`sites:create` left in .netlify/state.json. */
function linkedSite(ctx: DeployContext): string | null {
  if (ctx.env['NETLIFY_SITE_ID']) return ctx.env['NETLIFY_SITE_ID'];
  const state = join(ctx.cwd, '.netlify/state.json');
  if (!existsSync(state)) return null;
  try {
    const { siteId } = JSON.parse(readFileSync(state, 'utf8')) as { siteId?: unknown };
    return typeof siteId === 'string' && siteId ? siteId : null;
  } catch {
    return null;
  }
}

async function ensureSite(ctx: DeployContext, name: string | undefined, team: string | undefined): Promise<string> {
  const linked = linkedSite(ctx);
  if (linked) {
    ctx.io.print(`Netlify: deploying to the linked site ${linked}.`);
    return linked;
  }
  let siteName = name;
  if (siteName === undefined && ctx.io.interactive) {
    siteName =
      (await ctx.io.ask('Name for the new Netlify site (<name>.netlify.app; empty for a random one): ')).trim() ||
      undefined;
  }
  const args = [
    'sites:create',
    '--json',
    ...(siteName ? ['--name', siteName] : []),
    ...(team ? ['--account-slug', team] : []),
  ];
  const created = await runCli(ctx, args);
  const id = parseCliJson(created.stdout)?.['id'];
  if (created.code !== 0 || typeof id !== 'string') {
    throw new Stop(
      `netlify sites:create failed (see its message above).${team ? '' : ' With several teams, pass --team <team slug>.'}`,
    );
  }
  ctx.io.print(`Netlify: created the site ${siteName ?? id} and linked this folder to it.`);
  return id;
}

/** Secret values: readable by builds and functions in the deployed contexts, never shown again in Netlify's UI. */
const SECRET_CONTEXTS = ['production', 'deploy-preview', 'branch-deploy'];

async function setVariables(ctx: DeployContext, site: string, variables: SiteVariable[]): Promise<void> {
  for (const { name, value, secret } of variables) {
    // The value must be an argument: env:set reads no file or stdin, and env:import cannot mark secrets.
    const args = [
      'env:set',
      name,
      value,
      ...(secret ? ['--secret', '--context', ...SECRET_CONTEXTS] : []),
      '--force',
      '--site',
      site,
    ];
    // Its stdout echoes non-secret values: captured, never shown.
    const result = await runCli(ctx, args);
    if (result.code !== 0) throw new Stop(`netlify env:set ${name} failed (see its message above).`);
    ctx.io.print(`  set ${name}${secret ? ' (secret)' : ''}`);
  }
}

interface Deployed {
  url: string;
  functionLogs: string | undefined;
}

async function deployProduction(ctx: DeployContext, site: string): Promise<Deployed> {
  // `netlify deploy` builds first (netlify.toml's command), then uploads; --json keeps its stdout to one object.
  // The build reads the production values (its default context is dev, where secret values are empty).
  const result = await runCli(ctx, ['deploy', '--prod', '--context', 'production', '--json', '--site', site]);
  const json = parseCliJson(result.stdout);
  const url = json?.['url'] ?? json?.['deploy_url'];
  if (result.code !== 0 || typeof url !== 'string')
    throw new Stop('netlify deploy failed (see the build output above).');
  const logs = json?.['function_logs'];
  return { url: url.replace(/\/+$/, ''), functionLogs: typeof logs === 'string' ? logs : undefined };
}

// ── the run ───────────────────────────────────────────────────────────────────────────────────────────────────────

interface DeployArgs {
  name: string | undefined;
  team: string | undefined;
  signIn: boolean | undefined;
  smoke: boolean;
}

function parseDeployArgs(argv: string[]): Result<DeployArgs, string> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        team: { type: 'string' },
        'sign-in': { type: 'boolean' },
        'no-sign-in': { type: 'boolean' },
        'no-smoke': { type: 'boolean' },
      },
    });
    if (positionals.length > 0) return failed(`Unexpected argument: ${positionals[0]}`);
    if (values['sign-in'] && values['no-sign-in']) return failed('Choose one of --sign-in and --no-sign-in.');
    if (values.name !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/i.test(values.name))
      return failed('--name: letters, digits and dashes only (it becomes <name>.netlify.app).');
    return succeeded({
      name: values.name,
      team: values.team,
      signIn: values['sign-in'] ? true : values['no-sign-in'] ? false : undefined,
      smoke: !values['no-smoke'],
    });
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

/** SESSION_SECRET for "Sign in with Zoom": kept when set, generated (and saved to .env) when wanted, else left off. */
async function sessionSecret(ctx: DeployContext, plan: Plan, wanted: boolean | undefined): Promise<void> {
  const current = plan.variables.find((v) => v.name === SESSION_SECRET_VAR);
  if (current && current.value.length < MIN_SESSION_SECRET_LENGTH) {
    throw new Stop(
      `${SESSION_SECRET_VAR} in .env is shorter than ${MIN_SESSION_SECRET_LENGTH} characters: sign-in would refuse it. Lengthen it, or empty it and run again with --sign-in to generate one.`,
    );
  }
  if (current || wanted === false) return;
  let generate = wanted === true;
  if (wanted === undefined) {
    if (!ctx.io.interactive) {
      ctx.io.print(
        `Sign in with Zoom stays off: ${SESSION_SECRET_VAR} is not set. To turn it on, run again with --sign-in (generates one and saves it to .env).`,
      );
      return;
    }
    generate = /^y(es)?$/i.test(
      (
        await ctx.io.ask(
          `Turn on "Sign in with Zoom" (host start, other accounts' meetings)? It needs ${SESSION_SECRET_VAR}; generate one and save it to .env? [y/N] `,
        )
      ).trim(),
    );
  }
  if (!generate) return;
  const secret = randomBytes(32).toString('base64url');
  const envPath = join(ctx.cwd, '.env');
  writeFileSync(envPath, withSessionSecret(existsSync(envPath) ? readFileSync(envPath, 'utf8') : '', secret), {
    mode: 0o600,
  });
  plan.variables.push({ name: SESSION_SECRET_VAR, value: secret, secret: true });
  ctx.io.print(`Generated ${SESSION_SECRET_VAR} and saved it to .env.`);
}

export async function runDeploy(argv: string[], ctx: DeployContext): Promise<number> {
  const parsed = parseDeployArgs(argv);
  if (!parsed.ok) {
    ctx.io.print(`${parsed.problem}\n${USAGE}`);
    return 2;
  }
  const args = parsed.value;
  try {
    const required = requiredNode([
      enginesNode(join(ROOT, 'package.json')),
      enginesNode(join(ROOT, 'node_modules/netlify-cli/package.json')),
      `>=${NETLIFY_CLI_DEPENDENCIES_NODE}`,
    ]);
    const tooOld = checkNode(ctx.nodeVersion ?? process.versions.node, required);
    if (tooOld) throw new Stop(tooOld);

    const envPath = join(ctx.cwd, '.env');
    const file = readEnvFile(envPath);
    // The CLI's own variables may live in .env too; they go to the CLI's environment, never to the site.
    const env = { ...ctx.env };
    for (const name of CLI_ONLY) if (!env[name] && file.get(name)) env[name] = file.get(name);
    const run = { ...ctx, env };
    const plan = planVariables(file, ctx.env);
    const missing = missingCredentials(plan, existsSync(envPath));
    if (missing) throw new Stop(missing);
    await sessionSecret(run, plan, args.signIn);
    const refused = refusedSettings(plan);
    if (refused) throw new Stop(refused);
    for (const skipped of plan.skipped) ctx.io.print(`Not copied to Netlify: ${skipped}.`);

    await ensureLoggedIn(run);
    const site = await ensureSite(run, args.name, args.team);
    ctx.io.print('Netlify: setting the site’s environment variables…');
    await setVariables(run, site, plan.variables);
    ctx.io.print('Netlify: building and deploying to production (a few minutes)…');
    const deployed = await deployProduction(run, site);

    const signIn = plan.variables.some((v) => v.name === SESSION_SECRET_VAR);
    ctx.io.print('');
    ctx.io.print(`Live: ${deployed.url}`);
    ctx.io.print(
      `OAuth redirect URL for the Marketplace app${signIn ? '' : ' (when you turn sign-in on)'}: ${deployed.url}${AUTH_PATHS.callback}`,
    );
    if (deployed.functionLogs) ctx.io.print(`Function logs: ${deployed.functionLogs}`);
    if (!args.smoke) return 0;

    ctx.io.print('');
    const sdkKey = plan.variables.find((v) => v.name === KEY_VAR)?.value;
    const secret = plan.variables.find((v) => v.name === SECRET_VAR)?.value;
    const findings = await runSmoke({ site: new URL('/', deployed.url), local: { sdkKey, secret } });
    ctx.io.print(formatFindings(findings));
    const ok = joinCanWork(findings);
    ctx.io.print(
      ok
        ? '\nDeployed, and joining can work.'
        : `\nDeployed, but joining cannot work yet: fix what failed above, then check again with npm run smoke -- ${deployed.url}`,
    );
    return ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    ctx.io.print(error.message);
    return 1;
  }
}
