import { t } from '../../i18n/catalogue';
import { errorMessage } from '../../session/errors';

/** Why a presence, contact or blocking action failed, in words: a server without the feature says so plainly. */
export function peopleError(error: unknown, unsupported: 'block.unsupported' | 'ownPresence.unsupported' = 'block.unsupported'): string {
  const message = errorMessage(error);
  return message === 'feature-not-implemented' || message === 'service-unavailable' ? t(unsupported) : message;
}
