import { sha1 } from '@noble/hashes/legacy.js';
import { Hsluv } from 'hsluv';

/**
 * XEP-0392 consistent colours: the same nick gets the same hue in every
 * client. SHA-1 from @noble/hashes (synchronous, audited) and HSLuv from the
 * reference `hsluv` package, rather than hand-written versions of either.
 */

const encoder = new TextEncoder();

/** The XEP-0392 §5.1 hue angle in degrees: the first two SHA-1 bytes, little-endian, over 65536. */
export function nickAngle(nick: string): number {
  const digest = sha1(encoder.encode(nick));
  return ((digest[0] | (digest[1] << 8)) / 65536) * 360;
}

function hsluvToHex(hue: number, saturation: number, lightness: number): string {
  const colour = new Hsluv();
  colour.hsluv_h = hue;
  colour.hsluv_s = saturation;
  colour.hsluv_l = lightness;
  colour.hsluvToHex();
  return colour.hex;
}

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** XEP-0392 §5.3: HSLuv with saturation 100 and lightness 50. */
const XEP_LIGHTNESS = 50;

/** The colour exactly as XEP-0392 defines it, before any contrast adjustment. */
export function xepNickColor(nick: string): string {
  return hsluvToHex(nickAngle(nick), 100, XEP_LIGHTNESS);
}

/** The bubble backgrounds a nick is drawn on (incoming messages, light and dark themes). */
export const LIGHT_SURFACE = '#f4f5f7';
export const DARK_SURFACE = '#21262d';
const MIN_CONTRAST = 4.5;

/**
 * The XEP-0392 colour of a nick at full saturation, with the HSLuv lightness moved
 * from 50 only as far as needed for 4.5:1 contrast on `surface` (WCAG AA text).
 */
export function nickColor(nick: string, surface: string = LIGHT_SURFACE): string {
  const hue = nickAngle(nick);
  const darker = luminance(surface) > 0.5;
  for (let lightness = XEP_LIGHTNESS; lightness >= 0 && lightness <= 100; lightness += darker ? -2 : 2) {
    const hex = hsluvToHex(hue, 100, lightness);
    if (contrastRatio(hex, surface) >= MIN_CONTRAST) return hex;
  }
  return darker ? '#000000' : '#ffffff';
}

const cssCache = new Map<string, string>();

/**
 * A CSS colour that follows the page's light or dark `color-scheme` (a dark theme sets
 * `color-scheme: dark`). A theme may set `--natter-color-nick` (the high-contrast theme sets
 * `currentColor`) to draw every nick in one colour instead. Remembered: it hashes and searches
 * for contrast, and message and occupant rows ask for it each time they render.
 */
export function nickColorCss(nick: string): string {
  let colour = cssCache.get(nick);
  if (colour === undefined) {
    if (cssCache.size >= 10_000) cssCache.clear();
    colour = `var(--natter-color-nick, light-dark(${nickColor(nick, LIGHT_SURFACE)}, ${nickColor(nick, DARK_SURFACE)}))`;
    cssCache.set(nick, colour);
  }
  return colour;
}
