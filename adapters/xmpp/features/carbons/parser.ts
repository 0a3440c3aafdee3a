/** XEP-0280 message carbons: unwrapping `<received/>` and `<sent/>` copies. */
import { NS_CARBONS, NS_FORWARD } from '../../namespaces';
import { attr, child, type XmlElement } from '../../xml';
import { delayStamp, forwardedMessage } from '../messages/parser';
import { fromOwnAccount, type ParseContext } from '../../parse-context';

export interface Carbon {
  /** `received`: a message to another of our clients; `sent`: one our other client sent. */
  kind: 'received' | 'sent';
  /** The forwarded inner message. */
  message: XmlElement;
  /** The delay stamp on the `<forwarded/>` wrapper, if any. */
  forwardedStamp?: number;
}

/** True when the message carries a carbons wrapper at all (valid or not). */
export function isCarbon(stanza: XmlElement): boolean {
  return !!(child(stanza, 'received', NS_CARBONS) || child(stanza, 'sent', NS_CARBONS));
}

/**
 * Unwraps a carbon. Accepted only when the outer `from` is exactly the own bare JID (XEP-0280
 * §11: anyone else can forge a carbon to inject messages in our name); a carbon without `from`
 * is refused as well. Carbons of `type="groupchat"` messages are refused (§6.1). Returns null for
 * anything that is not a well-formed, trustworthy carbon.
 */
export function parseCarbon(stanza: XmlElement, ctx: ParseContext): Carbon | null {
  if (stanza.name !== 'message') return null;
  const from = attr(stanza, 'from');
  if (from === undefined || !fromOwnAccount(from, ctx)) return null;
  const received = child(stanza, 'received', NS_CARBONS);
  const sent = child(stanza, 'sent', NS_CARBONS);
  if (!!received === !!sent) return null; // neither, or both
  const wrapper = (received ?? sent)!;
  const forwarded = child(wrapper, 'forwarded', NS_FORWARD);
  if (!forwarded) return null;
  const inner = forwardedMessage(forwarded);
  if (!inner) return null;
  if (inner.attrs.type === 'groupchat') return null;
  const out: Carbon = { kind: received ? 'received' : 'sent', message: inner };
  const stamp = delayStamp(forwarded);
  if (stamp !== undefined) out.forwardedStamp = stamp;
  return out;
}
