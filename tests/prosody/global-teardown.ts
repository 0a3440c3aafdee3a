/**
 * Jest globalTeardown: stops the Prosody started by global-setup.ts (and only that one: the child
 * process object it kept), then removes its temp folder.
 */
import { rmSync } from 'node:fs';
import { tail } from './global-setup';

const STOP_TIMEOUT_MS = 5_000;

export default async function globalTeardown(): Promise<void> {
  const running = globalThis.__NATTER_PROSODY__;
  if (!running) return;
  globalThis.__NATTER_PROSODY__ = undefined;
  const { child, dir } = running;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = new Promise<'timeout'>(resolve => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
    if ((await Promise.race([exited, timer])) === 'timeout') {
      process.stderr.write(`[prosody] pid ${child.pid} ignored SIGTERM for ${STOP_TIMEOUT_MS} ms; sending SIGKILL\n`);
      child.kill('SIGKILL');
      await exited;
    }
  }
  if (process.env.NATTER_KEEP_PROSODY_DIR) {
    process.stdout.write(`[prosody] kept ${dir}\n`);
  } else {
    if (process.env.NATTER_PROSODY_LOG_TAIL) process.stdout.write(`[prosody] log tail:\n${tail(running.log)}\n`);
    rmSync(dir, { recursive: true, force: true });
  }
  for (const k of ['NATTER_XMPP_WS', 'NATTER_XMPP_DOMAIN', 'NATTER_PROSODY_CONFIG', 'NATTER_PROSODY_PID']) delete process.env[k];
}
