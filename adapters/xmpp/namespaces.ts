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
/** XEP-0308 last message correction. */
export const NS_CORRECT = 'urn:xmpp:message-correct:0';
export const NS_SPOILER = 'urn:xmpp:spoiler:0';
export const NS_RETRACT = 'urn:xmpp:message-retract:1';
/** The older XEP-0424 (0.3 and before), inside an XEP-0422 `<apply-to/>`. */
export const NS_RETRACT_0 = 'urn:xmpp:message-retract:0';
/** XEP-0425 message moderation, and its older form (0.2, with XEP-0422 fastening). */
export const NS_MODERATE = 'urn:xmpp:message-moderate:1';
export const NS_MODERATE_0 = 'urn:xmpp:message-moderate:0';
export const NS_FASTEN = 'urn:xmpp:fasten:0';
export const NS_FALLBACK = 'urn:xmpp:fallback:0';
export const NS_REPLY = 'urn:xmpp:reply:0';
/** XEP-0444 message reactions. */
export const NS_REACTIONS = 'urn:xmpp:reactions:0';
/** XEP-0333 chat markers. */
export const NS_MARKERS = 'urn:xmpp:chat-markers:0';
/** XEP-0372 references (mentions). */
export const NS_REFERENCE = 'urn:xmpp:reference:0';
/** XEP-0490 message displayed synchronization (PEP node and payload). */
export const NS_MDS = 'urn:xmpp:mds:displayed:0';
export const NS_HINTS = 'urn:xmpp:hints';
/** XEP-0359 unique and stable stanza ids. */
export const NS_SID = 'urn:xmpp:sid:0';
/** XEP-0030 service discovery: items. */
export const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';
/** XEP-0045 multi-user chat: join presences. */
export const NS_MUC = 'http://jabber.org/protocol/muc';
/** XEP-0045: occupant data in presences and messages from a room. */
export const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
/** XEP-0045: moderator and admin use cases (roles, affiliations). */
export const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
/** XEP-0045: owner use cases (room configuration). */
export const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
/** XEP-0045: FORM_TYPE of the room configuration form. */
export const NS_MUC_ROOMCONFIG = 'http://jabber.org/protocol/muc#roomconfig';
/** XEP-0045: FORM_TYPE of the extended room information in disco#info. */
export const NS_MUC_ROOMINFO = 'http://jabber.org/protocol/muc#roominfo';
/** XEP-0249 direct MUC invitations. */
export const NS_CONFERENCE = 'jabber:x:conference';
/** XEP-0421 anonymous unique occupant identifiers. */
export const NS_OCCUPANT_ID = 'urn:xmpp:occupant-id:0';
/** XEP-0199 ping (and XEP-0410 MUC self-ping). */
export const NS_PING = 'urn:xmpp:ping';
/** XEP-0410: the room answers self-pings itself. */
export const NS_MUC_SELF_PING = 'http://jabber.org/protocol/muc#self-ping-optimization';
/** XEP-0060 publish-subscribe (XEP-0163 PEP). */
export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
/** XEP-0060 notifications. */
export const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
/** XEP-0060 FORM_TYPE of publish options. */
export const NS_PUBSUB_PUBLISH_OPTIONS = 'http://jabber.org/protocol/pubsub#publish-options';
/** XEP-0402 PEP native bookmarks (namespace and node). */
export const NS_BOOKMARKS = 'urn:xmpp:bookmarks:1';
/** XEP-0402 §3.3: the server keeps XEP-0048 private storage in sync with the PEP node. */
export const NS_BOOKMARKS_COMPAT = 'urn:xmpp:bookmarks:1#compat';
/** XEP-0049 private XML storage. */
export const NS_PRIVATE = 'jabber:iq:private';
/** XEP-0048 bookmarks (in private XML storage). */
export const NS_STORAGE_BOOKMARKS = 'storage:bookmarks';
/** XEP-0115 entity capabilities. */
export const NS_CAPS = 'http://jabber.org/protocol/caps';
/** XEP-0066 out of band data: the URL of a shared file. */
export const NS_OOB = 'jabber:x:oob';
/** XEP-0446 file metadata element. */
export const NS_FILE_METADATA = 'urn:xmpp:file:metadata:0';
/** XEP-0447 stateless file sharing (metadata may come wrapped in it). */
export const NS_SFS = 'urn:xmpp:sfs:0';
/** XEP-0363 HTTP file upload. */
export const NS_UPLOAD = 'urn:xmpp:http:upload:0';
/** XEP-0191 blocking command. */
export const NS_BLOCKING = 'urn:xmpp:blocking';
/** XEP-0377 spam reporting (inside a XEP-0191 block item). */
export const NS_REPORTING = 'urn:xmpp:reporting:1';
/** XEP-0186 invisible command. */
export const NS_INVISIBLE = 'urn:xmpp:invisible:0';
/** XEP-0084 user avatar: the image (PEP node and payload). */
export const NS_AVATAR_DATA = 'urn:xmpp:avatar:data';
/** XEP-0084 user avatar: what the image is (PEP node and payload). */
export const NS_AVATAR_METADATA = 'urn:xmpp:avatar:metadata';
/** XEP-0054 vCard-temp. */
export const NS_VCARD_TEMP = 'vcard-temp';
/** XEP-0153 vCard-based avatars: the photo hash in presence. */
export const NS_VCARD_UPDATE = 'vcard-temp:x:update';
/** XEP-0292 vCard4 over XMPP: the PEP node, and RFC 6351's namespace of its payload. */
export const NODE_VCARD4 = 'urn:xmpp:vcard4';
export const NS_VCARD4 = 'urn:ietf:params:xml:ns:vcard-4.0';
