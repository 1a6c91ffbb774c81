// Light colours between #rrggbb, hue/saturation and CIE xy: the sRGB primaries and white land where the sRGB
// standard puts them, hs and xy come back at full brightness, and a light's JSON colour is read by its mode.
import { describe, expect, it } from 'vitest';
import {
  hexToRgb,
  hsToRgb,
  numberList,
  readColour,
  rgbToHex,
  rgbToHs,
  rgbToXy,
  xyToRgb,
} from '../../../../src/main/core/devices/colour.ts';

const hex = (value: string) => hexToRgb(value)!;

describe('#rrggbb', () => {
  it('reads six or three hex digits in any case, and nothing else', () => {
    expect(hexToRgb('#FF8000')).toEqual({ r: 255, g: 128, b: 0 });
    expect(hexToRgb('#f80')).toEqual({ r: 255, g: 136, b: 0 });
    expect(hexToRgb('red')).toBeNull();
    expect(hexToRgb('#12345')).toBeNull();
    expect(rgbToHex({ r: 255, g: 128, b: 0 })).toBe('#ff8000');
    // Out-of-range and fractional channels are clamped and rounded rather than written as bad hex.
    expect(rgbToHex({ r: 300, g: -4, b: 15.6 })).toBe('#ff0010');
  });
});

describe('hue and saturation', () => {
  it('places the primaries and a half-saturated blue', () => {
    expect(rgbToHex(hsToRgb({ h: 0, s: 100 }))).toBe('#ff0000');
    expect(rgbToHex(hsToRgb({ h: 120, s: 100 }))).toBe('#00ff00');
    expect(rgbToHex(hsToRgb({ h: 240, s: 50 }))).toBe('#8080ff');
    expect(rgbToHex(hsToRgb({ h: 360, s: 0 }))).toBe('#ffffff');
    expect(rgbToHs(hex('#8080ff'))).toEqual({ h: 240, s: 49.8 });
    expect(rgbToHs(hex('#000000'))).toEqual({ h: 0, s: 0 });
  });

  it('round-trips a colour at full brightness; a darker one comes back at full brightness', () => {
    expect(rgbToHex(hsToRgb(rgbToHs(hex('#ff8040'))))).toBe('#ff8040');
    expect(rgbToHex(hsToRgb(rgbToHs(hex('#804020'))))).toBe('#ff8040');
  });
});

describe('CIE xy', () => {
  it('puts the sRGB primaries and white at the sRGB standard chromaticities', () => {
    expect(rgbToXy(hex('#ff0000'))).toEqual({ x: 0.64, y: 0.33 });
    expect(rgbToXy(hex('#00ff00'))).toEqual({ x: 0.3, y: 0.6 });
    expect(rgbToXy(hex('#0000ff'))).toEqual({ x: 0.15, y: 0.06 });
    expect(rgbToXy(hex('#ffffff'))).toEqual({ x: 0.3127, y: 0.329 });
    expect(rgbToXy(hex('#000000'))).toEqual({ x: 0.3127, y: 0.329 });
  });

  it('turns xy back into sRGB through the gamma curve, at full brightness', () => {
    expect(rgbToHex(xyToRgb({ x: 0.64, y: 0.33 }))).toBe('#ff0000');
    expect(rgbToHex(xyToRgb({ x: 0.3127, y: 0.329 }))).toBe('#ffffff');
    // Linear light 0.5 is 188 after sRGB's gamma, not 128: the curve is applied.
    expect(rgbToHex(xyToRgb(rgbToXy(hex('#ffbc00'))))).toBe('#ffbc00');
    // Outside sRGB's gamut (a Hue bulb's deep green): clipped, not negative or NaN.
    expect(rgbToHex(xyToRgb({ x: 0.17, y: 0.7 }))).toMatch(/^#00ff[0-9a-f]{2}$/);
    expect(xyToRgb({ x: 0.3, y: 0 })).toEqual({ r: 0, g: 0, b: 0 });
  });
});

describe("a light's JSON colour", () => {
  it('reads rgb, h/s, hue/saturation, x/y and hex', () => {
    expect(readColour({ r: 255, g: 0, b: 0 })).toEqual({ r: 255, g: 0, b: 0 });
    expect(readColour({ h: 120, s: 100 })).toEqual({ r: 0, g: 255, b: 0 });
    expect(readColour({ hue: 240, saturation: 100 })).toEqual({ r: 0, g: 0, b: 255 });
    expect(readColour({ x: 0.64, y: 0.33 })).toEqual({ r: 255, g: 0, b: 0 });
    expect(readColour({ hex: '#00ff00' })).toEqual({ r: 0, g: 255, b: 0 });
    expect(readColour('red')).toBeNull();
    expect(readColour({ x: 0.3 })).toBeNull();
  });

  it('follows color_mode where the state carries several forms', () => {
    const colour = { hue: 120, saturation: 100, x: 0.64, y: 0.33 };
    expect(readColour(colour, 'xy')).toEqual({ r: 255, g: 0, b: 0 });
    expect(readColour(colour, 'hs')).toEqual({ r: 0, g: 255, b: 0 });
  });

  it('reads "r,g,b" text with the count it needs', () => {
    expect(numberList('255, 128,0', 3)).toEqual([255, 128, 0]);
    expect(numberList('255,128', 3)).toBeNull();
    expect(numberList('a,b', 2)).toBeNull();
  });
});
