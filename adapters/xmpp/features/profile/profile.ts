/**
 * Profiles: nicks (XEP-0172), full names (XEP-0292 vCard4, else XEP-0054 vCard-temp) and avatars
 * (XEP-0084, else XEP-0153), as PEP notifications and presences bring them and as sessions ask
 * for them; and the user's own, published. An answer is believed only from the entity asked.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { AvatarData, AvatarRef, Jid, OwnAvatar, OwnProfileChange, ProfileUpdate } from '../../../types';
import { formatBare, parseJid } from '../../jid';
import { NODE_VCARD4, NS_AVATAR_DATA, NS_AVATAR_METADATA, NS_NICK, NS_VCARD4, NS_VCARD_TEMP } from '../../namespaces';
import { child, randomId, type XmlElement } from '../../xml';
import { answeredBy, describeError, requireBareJid, requireOnline, type FeatureHost } from '../host';
import {
  boundName,
  decodeBase64,
  encodeBase64,
  MAX_AVATAR_BYTES,
  parseAvatarData,
  parseAvatarMetadata,
  parsePhotoUpdate,
  parseProfileEvent,
  parseVcard4,
  parseVcardTemp,
  pepItem,
} from './parser';
import { openPublish } from '../pep/stanzas';
import { avatarDataItem, avatarMetadataItem, nickItem, pepItemsGet, vcard4Item, vcardGet, vcardSet } from './stanzas';

export class ProfileFeature {
  /** People whose XEP-0084 avatar we know: their XEP-0153 hashes are then ignored (XEP-0153 §5). */
  private pepAvatars = new Set<Jid>();
  /** The XEP-0153 hash our presence carries ('' none; undefined: not known yet, so none is sent). */
  private ownPhotoHash: string | undefined;

  constructor(
    private readonly host: FeatureHost,
    /** Sends our available presence again (with the photo hash). */
    private readonly resendPresence: () => Promise<void>,
  ) {}

  reset(): void {
    this.pepAvatars = new Set();
    this.ownPhotoHash = undefined;
  }

  /** The hash for our presence's XEP-0153 element, once known. */
  photoHash(): string | undefined {
    return this.ownPhotoHash;
  }

  /** A PEP notification of a nick, vCard4 or avatar; true when `stanza` was one. */
  onMessage(stanza: XmlElement): boolean {
    const event = parseProfileEvent(stanza);
    if (!event) return false;
    if (event.profile.avatar) this.pepAvatars.add(event.jid);
    this.host.emit({ type: 'profile', jid: event.jid, profile: event.profile });
    return true;
  }

  /** A contact's presence with a XEP-0153 photo hash (rooms' presences never come here). */
  onPresence(stanza: XmlElement): void {
    if (stanza.attrs.type !== undefined) return;
    const from = parseJid(stanza.attrs.from);
    if (!from || from.local === undefined) return;
    const jid = formatBare(from);
    if (this.pepAvatars.has(jid)) return;
    const hash = parsePhotoUpdate(stanza);
    if (hash === undefined) return;
    this.host.emit({ type: 'profile', jid, profile: { avatar: hash === null ? null : { id: hash, source: 'vcard' } } });
  }

  /** Everything `jid` says of themselves, as one `profile` event; what cannot be read is left out. */
  async fetch(jid: Jid): Promise<void> {
    const who = requireBareJid(this.host, jid);
    const current = this.host.sessionCheck();
    const [avatar, nick, card] = await Promise.all([
      this.pep(who, NS_AVATAR_METADATA).then((item) => (item ? parseAvatarMetadata(item) : undefined)),
      this.pep(who, NS_NICK).then((item) => (item ? boundName(child(item, 'nick', NS_NICK)?.getText()) : undefined)),
      this.pep(who, NODE_VCARD4).then((item) => (item ? parseVcard4(child(item, 'vcard', NS_VCARD4)) : null)),
    ]);
    const profile: ProfileUpdate = {};
    if (nick) profile.nick = nick;
    if (card?.fullName) profile.fullName = card.fullName;
    if (!profile.nick && card?.nick) profile.nick = card.nick;
    if (avatar !== undefined) {
      profile.avatar = avatar;
      if (avatar) this.pepAvatars.add(who);
    }
    // vCard-temp only for what PEP did not say: it is one more request, and the larger one.
    if (!profile.fullName || profile.avatar === undefined) {
      const vcard = await this.vcard(who);
      if (vcard?.fullName && !profile.fullName) profile.fullName = vcard.fullName;
      if (vcard?.nick && !profile.nick) profile.nick = vcard.nick;
      if (profile.avatar === undefined && vcard) {
        const bytes = vcard.photo ? decodeBase64(vcard.photo.base64) : undefined;
        profile.avatar = bytes ? { id: bytesToHex(sha1(bytes)), source: 'vcard', type: vcard.photo!.type || undefined, bytes: bytes.length } : null;
      }
    }
    if (!current()) return;
    this.host.emit({ type: 'profile', jid: who, profile });
  }

  /** The image of an avatar: the XEP-0084 data item, or the vCard-temp PHOTO. */
  async fetchAvatar(jid: Jid, avatar: AvatarRef): Promise<AvatarData> {
    const who = requireBareJid(this.host, jid);
    if (avatar.bytes !== undefined && avatar.bytes > MAX_AVATAR_BYTES) throw new Error('too-large');
    if (avatar.source === 'pep') {
      const answer = await this.host.iq(pepItemsGet(randomId(), who, NS_AVATAR_DATA, avatar.id));
      if (!this.answered(answer, who)) throw new Error('bad-response');
      const base64 = parseAvatarData(answer, avatar.id);
      const bytes = base64 !== undefined ? decodeBase64(base64) : undefined;
      if (!bytes) throw new Error('bad-response');
      return { type: avatar.type ?? 'image/png', bytes };
    }
    const vcard = await this.vcard(who, true);
    const bytes = vcard?.photo ? decodeBase64(vcard.photo.base64) : undefined;
    if (!bytes) throw new Error('bad-response');
    return { type: vcard!.photo!.type, bytes };
  }

  /**
   * XEP-0084 §4.1–4.2: data first, then metadata (so the notification never points at nothing),
   * both readable by anyone; then the vCard-temp photo and our presence hash (XEP-0153) for
   * clients that know only vCard avatars. Resolves with the id.
   */
  async publishAvatar(avatar: OwnAvatar): Promise<string> {
    requireOnline(this.host);
    if (!(avatar?.bytes instanceof Uint8Array) || avatar.bytes.length === 0) throw new Error('invalid avatar');
    if (avatar.bytes.length > MAX_AVATAR_BYTES) throw new Error('too-large');
    if (avatar.type !== 'image/png' && avatar.type !== 'image/jpeg') throw new Error('invalid avatar type');
    const hash = bytesToHex(sha1(avatar.bytes));
    const base64 = encodeBase64(avatar.bytes);
    await this.host.iq(openPublish(randomId(), NS_AVATAR_DATA, avatarDataItem(hash, base64)));
    await this.host.iq(
      openPublish(randomId(), NS_AVATAR_METADATA, avatarMetadataItem(hash, { bytes: avatar.bytes.length, type: avatar.type, width: avatar.width, height: avatar.height })),
    );
    const own = this.host.ctx().ownJid;
    this.pepAvatars.add(own);
    this.host.emit({ type: 'profile', jid: own, profile: { avatar: { id: hash, source: 'pep', type: avatar.type, bytes: avatar.bytes.length } } });
    // The avatar is published; a server without vCard-temp only leaves older clients without it.
    try {
      await this.updateVcard({ photo: { type: avatar.type, base64 } });
    } catch (err) {
      this.host.warn('[natter/xmpp] writing the avatar to the vCard failed:', describeError(err));
    }
    this.ownPhotoHash = hash;
    await this.resendPresence();
    return hash;
  }

  /** XEP-0172 nick (PEP, open) and the full name, in vCard-temp and vCard4. */
  async setProfile(change: OwnProfileChange): Promise<void> {
    requireOnline(this.host);
    const nick = change.nick === undefined ? undefined : boundName(change.nick);
    const fullName = change.fullName === undefined ? undefined : boundName(change.fullName);
    if (nick !== undefined) await this.host.iq(openPublish(randomId(), NS_NICK, nickItem(nick)));
    if (fullName !== undefined || nick !== undefined) {
      const card = await this.updateVcard({ fullName, nick });
      // vCard4 for clients that read only it; a server that maps vCard-temp onto it already did.
      try {
        await this.host.iq(openPublish(randomId(), NODE_VCARD4, vcard4Item(card.fullName, card.nick)));
      } catch (err) {
        this.host.warn('[natter/xmpp] publishing the vCard4 failed:', describeError(err));
      }
    }
    const profile: ProfileUpdate = {};
    if (nick !== undefined) profile.nick = nick;
    if (fullName !== undefined) profile.fullName = fullName;
    this.host.emit({ type: 'profile', jid: this.host.ctx().ownJid, profile });
  }

  /** Read-modify-write of the own vCard-temp; resolves with the names it now has. */
  private async updateVcard(change: { fullName?: string; nick?: string; photo?: { type: string; base64: string } }): Promise<{ fullName: string; nick: string }> {
    let current: XmlElement | undefined;
    try {
      const answer = await this.host.iq(vcardGet(randomId()));
      if (this.answered(answer, this.host.ctx().ownJid)) current = child(answer, 'vCard', NS_VCARD_TEMP);
    } catch (err) {
      if (describeError(err) !== 'item-not-found') throw err; // none yet: start from nothing
    }
    const before = current ? parseVcardTemp(current.parent as XmlElement) : null;
    await this.host.iq(vcardSet(randomId(), current, change));
    return { fullName: change.fullName ?? before?.fullName ?? '', nick: change.nick ?? before?.nick ?? '' };
  }

  /** The newest item of `node` at `jid`, or undefined (none, no access, no such node). */
  private async pep(jid: Jid, node: string): Promise<XmlElement | undefined> {
    try {
      const answer = await this.host.iq(pepItemsGet(randomId(), jid, node));
      return this.answered(answer, jid) ? pepItem(answer, node) : undefined;
    } catch {
      return undefined; // item-not-found, forbidden, …: they do not say
    }
  }

  /** `jid`'s vCard-temp, or null; with `strict`, a failure rejects. */
  private async vcard(jid: Jid, strict = false) {
    const own = jid === this.host.ctx().ownJid;
    try {
      const answer = await this.host.iq(vcardGet(randomId(), own ? undefined : jid));
      return this.answered(answer, jid) ? parseVcardTemp(answer) : null;
    } catch (err) {
      if (strict) throw err;
      return null;
    }
  }

  /** Answers about `jid` come from `jid` (the user's own from the account, or no `from`). */
  private answered(answer: XmlElement, jid: Jid): boolean {
    return answeredBy(this.host, answer, jid);
  }
}
