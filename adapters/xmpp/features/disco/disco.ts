/**
 * Service discovery (XEP-0030): what an entity says it is and offers, asked of it and answered
 * by it alone. The answer to others' disco#info (our identity and features, XEP-0115 caps) is
 * built in stanzas.ts.
 */
import { randomId } from '../../xml';
import { answeredBy, describeError, type FeatureHost } from '../host';
import { parseDiscoInfo, type DiscoInfo } from './parser';
import { discoInfoGet } from './stanzas';

/** disco#info of `to`, or null when it failed or came from someone else (logged). */
export async function discoInfo(host: FeatureHost, to: string): Promise<DiscoInfo | null> {
  try {
    const result = await host.iq(discoInfoGet(randomId(), to));
    return answeredBy(host, result, to) ? parseDiscoInfo(result) : null;
  } catch (err) {
    host.warn(`[natter/xmpp] disco#info on ${to} failed:`, describeError(err));
    return null;
  }
}

/** disco#info of `to`, rejecting with the error condition (the room manager needs item-not-found). */
export async function discoInfoStrict(host: FeatureHost, to: string): Promise<DiscoInfo> {
  const answer = await host.iq(discoInfoGet(randomId(), to));
  const info = answeredBy(host, answer, to) ? parseDiscoInfo(answer) : null;
  if (!info) throw new Error('bad-response');
  return info;
}
