/** XML namespaces used by the XMPP adapter (RFC 6120/6121 and the XEPs named beside each). */

export const NS_CLIENT = 'jabber:client';
export const NS_STREAM = 'http://etherx.jabber.org/streams';
export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
/** RFC 6121 roster. */
export const NS_ROSTER = 'jabber:iq:roster';
/** XEP-0030 service discovery. */
export const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
/** XEP-0004 data forms. */
export const NS_DATA = 'jabber:x:data';
/** XEP-0059 result set management. */
export const NS_RSM = 'http://jabber.org/protocol/rsm';
/** XEP-0085 chat state notifications. */
export const NS_CHATSTATES = 'http://jabber.org/protocol/chatstates';
/** XEP-0172 user nickname. */
export const NS_NICK = 'http://jabber.org/protocol/nick';
/** XEP-0184 message delivery receipts. */
export const NS_RECEIPTS = 'urn:xmpp:receipts';
/** XEP-0198 stream management. */
export const NS_SM = 'urn:xmpp:sm:3';
/** XEP-0203 delayed delivery. */
export const NS_DELAY = 'urn:xmpp:delay';
/** XEP-0280 message carbons. */
export const NS_CARBONS = 'urn:xmpp:carbons:2';
/** XEP-0297 stanza forwarding. */
export const NS_FORWARD = 'urn:xmpp:forward:0';
/** XEP-0313 message archive management. */
export const NS_MAM = 'urn:xmpp:mam:2';
/** XEP-0359 unique and stable stanza ids. */
export const NS_SID = 'urn:xmpp:sid:0';
