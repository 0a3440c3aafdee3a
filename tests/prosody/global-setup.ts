/**
 * Jest globalSetup (wired in stencil.config.ts `testing.globalSetup`): starts a private Prosody
 * for this test run and exports its coordinates to the test files through process.env.
 *
 * Everything lives in one temp folder (config, data, pid, logs); Prosody listens on 127.0.0.1
 * only, on free ports, so parallel runs do not collide. It is a plain child of the jest main
 * process; global-teardown.ts stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROSODY_BIN = '/usr/bin/prosody';
export const PROSODYCTL_BIN = '/usr/bin/prosodyctl';
export const DOMAIN = 'localhost';
/** A second VirtualHost that logs in with SASL ANONYMOUS. */
export const ANON_DOMAIN = 'anon.localhost';
/**
 * A VirtualHost whose accounts keep SCRAM-SHA-256 keys (`password_hash = "SHA-256"`). Prosody
 * 0.12's internal_hashed stores the keys of one hash only, and offers just that SCRAM
 * (SHA-1 by default, as on DOMAIN), so SCRAM-SHA-256 needs a host of its own.
 */
export const SCRAM256_DOMAIN = 'sha256.localhost';
/** XEP-0363 upload service (mod_http_file_share), listed among the server's disco items. */
export const UPLOAD_DOMAIN = `upload.${DOMAIN}`;
/** Its size limit, small so that "too large" is quick to test (formatFileSize says "1 MB"). */
export const UPLOAD_LIMIT = 1_000_000;
const START_TIMEOUT_MS = 15_000;
/** Prosody modules of the test setup (see modules/mod_natter_sasl2_compat). */
const PLUGIN_DIR = path.join(__dirname, 'modules');

export interface RunningProsody {
  child: ChildProcess;
  dir: string;
  config: string;
  log: string;
  wsUrl: string;
  startupMs: number;
  httpPort: number;
  c2sPort: number;
}

/** What a test that kills and restarts its own Prosody needs to differ from the shared one. */
export interface ProsodyOptions {
  /** Where archives are kept: in memory (fast, the default) or in files, which survive a restart. */
  archive?: 'memory' | 'internal';
  /** XEP-0198: how long a dropped stream can still be resumed, in seconds (default 60). */
  resumptionSeconds?: number;
}

declare global {
  // Shared between globalSetup and globalTeardown (same process, outside the test sandboxes).
  // eslint-disable-next-line no-var
  var __NATTER_PROSODY__: RunningProsody | undefined;
}

export default async function globalSetup(): Promise<void> {
  for (const bin of [PROSODY_BIN, PROSODYCTL_BIN]) {
    if (!existsSync(bin)) {
      throw new Error(
        `[prosody] ${bin} is missing. Install it with: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y prosody` +
          ' (or run `npm test`, which installs it when running as root).',
      );
    }
  }
  const started = await startProsody();
  globalThis.__NATTER_PROSODY__ = started;
  process.env.NATTER_XMPP_WS = started.wsUrl;
  process.env.NATTER_XMPP_DOMAIN = DOMAIN;
  process.env.NATTER_XMPP_ANON_DOMAIN = ANON_DOMAIN;
  process.env.NATTER_XMPP_SCRAM256_DOMAIN = SCRAM256_DOMAIN;
  process.env.NATTER_XMPP_UPLOAD_DOMAIN = UPLOAD_DOMAIN;
  process.env.NATTER_XMPP_UPLOAD_LIMIT = String(UPLOAD_LIMIT);
  process.env.NATTER_PROSODY_CONFIG = started.config;
  process.env.NATTER_PROSODY_PID = String(started.child.pid);
  // Last resort if the jest process dies without running globalTeardown (kill() is synchronous).
  process.once('exit', () => {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
  });
  process.stdout.write(`\n[prosody] pid ${started.child.pid} ready at ${started.wsUrl} in ${started.startupMs} ms (${started.dir})\n`);
}

export async function startProsody(options: ProsodyOptions = {}): Promise<RunningProsody> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'natter-prosody-'));
  const dataDir = path.join(dir, 'data');
  const certsDir = path.join(dir, 'certs'); // empty: no TLS, and no "Error indexing certificate directory"
  mkdirSync(dataDir);
  mkdirSync(certsDir);
  const [c2sPort, httpPort] = await freePorts(2);
  const log = path.join(dir, 'prosody.log');
  const config = path.join(dir, 'prosody.cfg.lua');
  writeFileSync(config, prosodyConfig({ dir, dataDir, certsDir, log, c2sPort, httpPort, ...options }));
  const t0 = Date.now();
  const child = await spawnProsody(dir, config, httpPort, c2sPort);
  return { child, dir, config, log, wsUrl: `ws://127.0.0.1:${httpPort}/xmpp-websocket`, startupMs: Date.now() - t0, httpPort, c2sPort };
}

/** Starts `running`'s Prosody again (after it was killed), with the same config, data and ports. */
export async function restartProsody(running: RunningProsody): Promise<RunningProsody> {
  const t0 = Date.now();
  const child = await spawnProsody(running.dir, running.config, running.httpPort, running.c2sPort);
  return { ...running, child, startupMs: Date.now() - t0 };
}

async function spawnProsody(dir: string, config: string, httpPort: number, c2sPort: number): Promise<ChildProcess> {
  const out = openSync(path.join(dir, 'stdout.log'), 'a');
  // -F: foreground. The config sets daemonize = false as well, and its own pidfile/data/log paths,
  // so nothing touches /var/lib/prosody, /var/log/prosody or /run/prosody.
  const child = spawn(PROSODY_BIN, ['-F', '--config', config], {
    cwd: dir,
    detached: false,
    stdio: ['ignore', out, out],
    env: { ...process.env, PROSODY_CONFIG: config },
  });
  try {
    await waitReady(child, httpPort, c2sPort, dir);
  } catch (e) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw e;
  }
  return child;
}

function prosodyConfig(o: { dir: string; dataDir: string; certsDir: string; log: string; c2sPort: number; httpPort: number } & ProsodyOptions) {
  const q = (s: string) => JSON.stringify(s); // a JSON string is a valid Lua string literal for these paths
  return `-- Generated by tests/prosody/global-setup.ts for one test run. Do not edit.
pidfile = ${q(path.join(o.dir, 'prosody.pid'))}
data_path = ${q(o.dataDir)}
certificates = ${q(o.certsDir)}
log = { { levels = { min = "info" }, to = "file", filename = ${q(o.log)} } }
-- Natter's own Prosody module (mod_natter_sasl2_compat), beside Prosody's and Debian's prosody-modules.
plugin_paths = { ${q(PLUGIN_DIR)} }
daemonize = false
run_as_root = true

interfaces = { "127.0.0.1" }
c2s_ports = { ${o.c2sPort} }
c2s_direct_tls_ports = {}
legacy_ssl_ports = {}
s2s_ports = {}
s2s_direct_tls_ports = {}
component_ports = {}
http_ports = { ${o.httpPort} }
http_interfaces = { "127.0.0.1" }
https_ports = {}
https_interfaces = {}

c2s_require_encryption = false
s2s_require_encryption = false
allow_unencrypted_plain_auth = true
consider_websocket_secure = true
-- Prosody 0.12 has no Origin check on websockets ('cross_domain_websocket' is deprecated and ignored);
-- CORS for BOSH/websocket is on by default (http_default_cors_enabled).
http_default_cors_enabled = true
-- Uploads (mod_http_file_share): slot URLs point at this loopback port, and requests for 127.0.0.1
-- (no VirtualHost of that name) go to the upload component. Its CORS answer echoes the page's origin
-- (the Stencil test server) and allows the Authorization header of the slot.
http_external_url = "http://127.0.0.1:${o.httpPort}/"
http_default_host = "${UPLOAD_DOMAIN}"

authentication = "internal_hashed"
-- Archives in memory: Prosody's file backend reads a whole archive for every query (half a second
-- at 10,000 messages, see npm run bench), where a deployment with big archives uses SQL, which this
-- machine's Prosody lacks (no lua-dbi). Accounts stay in files: prosodyctl adds them from outside.
storage = { archive = "${o.archive ?? 'memory'}"; muc_log = "${o.archive ?? 'memory'}"; default = "internal" }

modules_enabled = {
  "roster"; "saslauth"; "disco"; "carbons"; "pep"; "blocklist"; "vcard_legacy";
  "version"; "uptime"; "time"; "ping"; "register"; "admin_shell"; "posix";
  "websocket"; "bosh"; "smacks"; "mam";
  -- XEP-0388 SASL2, XEP-0386 Bind2, XEP-0484 FAST (Debian's prosody-modules), made to run on 0.12.3
  -- by mod_natter_sasl2_compat. Not mod_sasl2_sm: it needs mod_smacks functions 0.12.3 lacks.
  "sasl2"; "sasl2_bind2"; "sasl2_fast"; "natter_sasl2_compat";
}
allow_registration = false

archive_expires_after = "never"
default_archive_policy = true
storage_archive_item_limit = 100000
muc_log_expires_after = "never"
smacks_hibernation_time = ${o.resumptionSeconds ?? 60}

VirtualHost "${DOMAIN}"
  -- XEP-0402 bookmarks (PEP), with the XEP-0048 private-storage view kept in sync (#compat).
  modules_enabled = { "bookmarks" }

-- SASL ANONYMOUS accounts (e.g. a stand-alone room badge); they may join rooms on the conference service.
VirtualHost "${ANON_DOMAIN}"
  authentication = "anonymous"
  allow_anonymous_s2s = false

-- Accounts with SCRAM-SHA-256 keys: internal_hashed then offers SCRAM-SHA-256 (and PLAIN), not SHA-1.
VirtualHost "${SCRAM256_DOMAIN}"
  password_hash = "SHA-256"

Component "${UPLOAD_DOMAIN}" "http_file_share"
  http_file_share_size_limit = ${UPLOAD_LIMIT}
  http_file_share_daily_quota = ${UPLOAD_LIMIT * 100}

-- mod_muc_moderation (XEP-0425) is Debian's prosody-modules, which npm test installs beside prosody.
Component "conference.${DOMAIN}" "muc"
  modules_enabled = { "muc_mam"; "muc_moderation" }
  muc_log_by_default = true
`;
}

/** Reserve free loopback ports by binding port 0, then release them for Prosody. */
async function freePorts(n: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) {
      const srv = net.createServer();
      servers.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => resolve());
      });
      ports.push((srv.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map(s => new Promise<void>(r => s.close(() => r()))));
  }
}

async function waitReady(child: ChildProcess, httpPort: number, c2sPort: number, dir: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.once('error', err => (exited = `failed to spawn: ${err.message}`));
  let last = '';
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const status = await httpStatus(`http://127.0.0.1:${httpPort}/xmpp-websocket`);
      if (status === 200 && (await tcpOpen(c2sPort))) return;
      last = `GET /xmpp-websocket answered ${status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error(
    `[prosody] did not become ready (${exited ?? `timeout after ${START_TIMEOUT_MS} ms; last: ${last}`}).\n` +
      `Folder: ${dir}\n--- prosody.log (tail) ---\n${tail(path.join(dir, 'prosody.log'))}\n` +
      `--- stdout/stderr (tail) ---\n${tail(path.join(dir, 'stdout.log'))}`,
  );
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 1000 }, res => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('http timeout')));
    req.on('error', reject);
  });
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch (e) {
    return `(cannot read ${file}: ${(e as Error).message})`;
  }
}
