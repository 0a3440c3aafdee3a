/**
 * The user's own avatar, made in the browser: the picked image cropped to its centred square and
 * drawn at AVATAR_SIZE on a canvas, as PNG (JPEG when the PNG is large, e.g. a photo).
 */
import type { OwnAvatar } from '../../adapters/types';

export const AVATAR_SIZE = 192;
/** Picked files larger than this are refused before decoding (bytes). */
export const MAX_PICKED_BYTES = 20 * 1024 * 1024;
/** A PNG larger than this is made a JPEG instead (bytes). */
const PNG_BUDGET = 200 * 1024;

export type PickProblem = 'not-an-image' | 'too-large' | 'unreadable';

/** Why a picked file cannot be an avatar, before it is read; null when it may. SVG never is (it can script). */
export function pickProblem(file: { type: string; size: number }): PickProblem | null {
  const type = (file.type || '').toLowerCase();
  if (!type.startsWith('image/') || type.includes('svg')) return 'not-an-image';
  if (file.size > MAX_PICKED_BYTES) return 'too-large';
  return null;
}

/** The centred square of a `width` × `height` image: x, y and side. */
export function centreSquare(width: number, height: number): { x: number; y: number; side: number } {
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob | null> {
  return new Promise(resolve => canvas.toBlob(resolve, type, quality));
}

/** Decodes `file`, crops and resizes it; rejects with 'unreadable' when the browser cannot decode it. */
export async function squareAvatar(file: Blob): Promise<OwnAvatar> {
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode().catch(() => {
      throw new Error('unreadable');
    });
    if (!image.naturalWidth || !image.naturalHeight) throw new Error('unreadable');
    const { x, y, side } = centreSquare(image.naturalWidth, image.naturalHeight);
    const size = Math.min(AVATAR_SIZE, side);
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('unreadable');
    context.imageSmoothingQuality = 'high';
    context.drawImage(image, x, y, side, side, 0, 0, size, size);
    let blob = await toBlob(canvas, 'image/png');
    let type: OwnAvatar['type'] = 'image/png';
    if (blob && blob.size > PNG_BUDGET) {
      const jpeg = await toBlob(canvas, 'image/jpeg', 0.88);
      if (jpeg && jpeg.size < blob.size) {
        blob = jpeg;
        type = 'image/jpeg';
      }
    }
    if (!blob) throw new Error('unreadable');
    return { type, bytes: new Uint8Array(await blob.arrayBuffer()), width: size, height: size };
  } finally {
    URL.revokeObjectURL(url);
  }
}
