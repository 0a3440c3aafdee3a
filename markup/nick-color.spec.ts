import { contrastRatio, DARK_SURFACE, LIGHT_SURFACE, nickAngle, nickColor, nickColorCss, xepNickColor } from './nick-color';

describe('XEP-0392 nick colours', () => {
  it.each([
    ['Romeo', 327.255249],
    ['juliet@capulet.lit', 209.4104],
    ['\u{1f63a}', 331.199341],
    ['council', 359.994507],
    ['Board', 171.430664],
  ])('gives %s the angle of the XEP test vectors', (nick, angle) => {
    expect(nickAngle(nick)).toBeCloseTo(angle, 4);
  });

  it('computes the XEP colour (HSLuv s=100 l=50) of the test vectors', () => {
    // XEP-0392 appendix: Romeo is sRGB (0.865, 0, 0.686), Board (0, 0.527, 0.457).
    expect(xepNickColor('Romeo')).toBe('#dd00af');
    expect(xepNickColor('Board')).toBe('#008675');
  });

  it('moves only the lightness, and only as far as contrast needs', () => {
    const adjusted = nickColor('Romeo', LIGHT_SURFACE);
    expect(adjusted).not.toBe(xepNickColor('Romeo'));
    expect(contrastRatio(adjusted, LIGHT_SURFACE)).toBeGreaterThanOrEqual(4.5);
  });

  it('reaches 4.5:1 on both surfaces for many nicks', () => {
    for (let i = 0; i < 200; i++) {
      const nick = `user${i}`;
      expect(contrastRatio(nickColor(nick, LIGHT_SURFACE), LIGHT_SURFACE)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(nickColor(nick, DARK_SURFACE), DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('is the same for the same nick and differs between nicks', () => {
    expect(nickColorCss('Alice')).toBe(nickColorCss('Alice'));
    expect(nickColorCss('Alice')).not.toBe(nickColorCss('Bob'));
    expect(nickColorCss('Alice')).toMatch(/^var\(--natter-color-nick, light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)\)$/);
  });
});
