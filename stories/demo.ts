import { signedInDemoSession } from '../components/shared/demo-session';

/** Wraps an element in a <natter-session> bound to a signed-in demo session. */
export function inDemoSession(build: () => HTMLElement, options: Parameters<typeof signedInDemoSession>[0] = {}): HTMLElement {
  const host = document.createElement('natter-session');
  host.style.display = 'block';
  host.style.height = '32rem';
  const ready = signedInDemoSession({ latencyMs: 300, ambient: true, replies: true, ...options });
  void ready.then(({ session }) => {
    (host as HTMLElement & { session: unknown }).session = session;
    host.append(build());
  });
  return host;
}
