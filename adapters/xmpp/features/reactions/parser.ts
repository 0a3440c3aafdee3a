/**
 * XEP-0444 message reactions: `<reactions id><reaction>👍</reaction>…</reactions>` is the sender's
 * whole current set of reactions to the message `id`. Anyone may react; the stores key a reaction
 * by who sent it, so nobody can change another's.
 */
import { NS_REACTIONS } from '../../namespaces';
import { attr, child, validId, type XmlElement } from '../../xml';

/** More distinct reactions than this from one person to one message are not kept (any sender can send thousands). */
export const MAX_REACTIONS = 20;
/** The longest emoji sequence accepted, in UTF-16 units (a family or flag sequence is well under it). */
const MAX_EMOJI_LENGTH = 32;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

let graphemes: Intl.Segmenter | undefined;

/** One emoji: a single grapheme cluster with a pictograph (or keycap), no letters or spaces around it. */
export function isEmoji(text: string): boolean {
  if (text.length === 0 || text.length > MAX_EMOJI_LENGTH || !PICTOGRAPH.test(text) || /[\s\p{L}]/u.test(text)) return false;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const _ of graphemes.segment(text)) if (++count > 1) return false;
  return true;
}

/**
 * The reactions a stanza carries, or undefined without a valid `<reactions id/>`. Anything in it
 * that is not one emoji is dropped; duplicates count once.
 */
export function reactionsOf(stanza: XmlElement): { id: string; emojis: string[] } | undefined {
  const el = child(stanza, 'reactions', NS_REACTIONS);
  const id = el ? validId(attr(el, 'id')) : undefined;
  if (!el || !id) return undefined;
  const emojis: string[] = [];
  for (const reaction of el.getChildren('reaction')) {
    const text = reaction.getText().trim();
    if (isEmoji(text) && !emojis.includes(text)) emojis.push(text);
    if (emojis.length === MAX_REACTIONS) break;
  }
  return { id, emojis };
}
