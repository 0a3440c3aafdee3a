/**
 * The one avatar of every component: the person's checked image (XEP-0084 / XEP-0153, see
 * session/actions/profiles.ts) or, until there is one, their initial on a colour of their own.
 * Decorative where the name is written beside it (the default): hidden from assistive technology.
 * Standing alone it is an image named "<name>'s avatar" instead.
 *
 * It asks the session for the person's profile only once the avatar is near the viewport
 * (IntersectionObserver): a roster of thousands asks for the few on screen.
 */
import { h, type FunctionalComponent } from '@stencil/core';
import type { Session } from '../../session/session';
import { avatarUrl } from '../../stores/profiles';
import { currentLocale, t } from '../../i18n/catalogue';

/** Colours of initials (tokens `--natter-color-avatar-1` … `-6`). */
export const AVATAR_HUES = 6;

export function hueOf(key: string): number {
  let hash = 0;
  for (let index = 0; index < key.length; index++) hash = (hash * 31 + key.charCodeAt(index)) | 0;
  return Math.abs(hash) % AVATAR_HUES;
}

export function initialOf(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ? first.toLocaleUpperCase(currentLocale()) : '?';
}

/** One observer per session; the JID each observed element shows. */
const observers = new WeakMap<Session, IntersectionObserver>();
const observedJid = new WeakMap<Element, string>();

function observe(session: Session, el: Element, jid: string): void {
  if (observedJid.get(el) === jid) return;
  observedJid.set(el, jid);
  if (typeof IntersectionObserver === 'undefined') return; // no lazy loading to do here (server-side, tests)
  let observer = observers.get(session);
  if (!observer) {
    observer = new IntersectionObserver(
      entries => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const shown = observedJid.get(entry.target);
          observer!.unobserve(entry.target);
          if (shown) session.actions.loadProfile(shown);
        }
      },
      { rootMargin: '200px' },
    );
    observers.set(session, observer);
  }
  observer.unobserve(el);
  observer.observe(el);
}

export interface AvatarProps {
  session: Session;
  /** Whose avatar: a bare JID (none for someone whose address is unknown, e.g. an anonymous occupant). */
  jid?: string;
  /** The name shown for them: its initial is the fallback, and it names the image when not decorative. */
  name: string;
  /** The name is written beside it (default): hidden from assistive technology. */
  decorative?: boolean;
  /** The part name (default `avatar`). */
  part?: string;
}

export const Avatar: FunctionalComponent<AvatarProps> = ({ session, jid, name, decorative = true, part = 'avatar' }) => {
  const url = jid ? avatarUrl({ profiles: session.profiles.get('profiles'), images: session.profiles.get('images') }, jid) : undefined;
  const label = decorative ? undefined : t('profile.avatarOf', { name });
  return (
    <span
      part={part}
      class={{ avatar: true, [`hue-${hueOf(jid ?? name)}`]: true, 'has-image': !!url }}
      aria-hidden={decorative ? 'true' : undefined}
      role={decorative ? undefined : 'img'}
      aria-label={label}
      ref={el => {
        if (el && jid) observe(session, el, jid);
      }}
    >
      {url ? <img part={`${part}-image`} class="avatar-image" src={url} alt="" draggable={false} /> : initialOf(name)}
    </span>
  );
};
