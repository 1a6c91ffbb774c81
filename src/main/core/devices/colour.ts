// Light colours between the forms devices speak: RGB (0..255 each, shown and picked as #rrggbb), hue/saturation
// (degrees, percent) and CIE 1931 xy. hs and xy carry no brightness, so colours read from them come out at full
// brightness (the brightest channel 255): brightness is the light's own, separate control.

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface Hs {
  /** Degrees, 0..360. */
  h: number;
  /** Percent, 0..100. */
  s: number;
}

export interface Xy {
  x: number;
  y: number;
}

/** sRGB's white point (D65): what an rgb of zero light is taken as, having no chromaticity of its own. */
const D65: Xy = { x: 0.3127, y: 0.329 };

export function rgbToHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => channel(c).toString(16).padStart(2, '0')).join('')}`;
}

/** `#rrggbb` (or `#rgb`, any case) to RGB; null for anything else. */
export function hexToRgb(hex: string): Rgb | null {
  const match = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!match) return null;
  const digits = match[1]!.length === 3 ? [...match[1]!].map((d) => d + d).join('') : match[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
  return { r, g, b };
}

export function hsToRgb({ h, s }: Hs): Rgb {
  const hue = (((h % 360) + 360) % 360) / 60;
  const sat = clamp(s / 100, 0, 1);
  const f = (n: number) => {
    const k = (n + hue) % 6;
    return 1 - sat * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return { r: channel(f(5) * 255), g: channel(f(3) * 255), b: channel(f(1) * 255) };
}

export function rgbToHs({ r, g, b }: Rgb): Hs {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  if (max === 0 || delta === 0) return { h: 0, s: 0 };
  const h = max === r ? ((g - b) / delta) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
  return { h: round((h * 60 + 360) % 360, 2), s: round((delta / max) * 100, 2) };
}

/** sRGB (D65) to xy, through the sRGB transfer curve to linear light. */
export function rgbToXy({ r, g, b }: Rgb): Xy {
  const [lr, lg, lb] = [r, g, b].map((c) => toLinear(c / 255)) as [number, number, number];
  const X = 0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb;
  const Y = 0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb;
  const Z = 0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb;
  const sum = X + Y + Z;
  if (sum === 0) return D65;
  return { x: round(X / sum, 4), y: round(Y / sum, 4) };
}

/**
 * xy to sRGB at full brightness: XYZ with Y = 1, the inverse sRGB matrix, colours outside sRGB's gamut clipped,
 * scaled so the brightest channel is 1, then the sRGB gamma curve.
 */
export function xyToRgb({ x, y }: Xy): Rgb {
  if (!(y > 0)) return { r: 0, g: 0, b: 0 };
  const X = x / y;
  const Z = (1 - x - y) / y;
  const linear = [
    3.2404542 * X - 1.5371385 - 0.4985314 * Z,
    -0.969266 * X + 1.8760108 + 0.041556 * Z,
    0.0556434 * X - 0.2040259 + 1.0572252 * Z,
  ].map((c) => Math.max(0, c));
  const max = Math.max(...linear);
  const [r, g, b] = linear.map((c) => channel(fromLinear(max > 0 ? c / max : 0) * 255)) as [number, number, number];
  return { r, g, b };
}

/**
 * The colour in a light's JSON state (HA's JSON schema, Zigbee2MQTT): `{r,g,b}`, `{h,s}`, `{hue,saturation}`,
 * `{x,y}` or `{hex}`. `mode` (the state's color_mode) says which to read where a device sends several; null
 * when none is there.
 */
export function readColour(colour: unknown, mode?: unknown): Rgb | null {
  if (typeof colour !== 'object' || colour === null) return null;
  const c = colour as Record<string, unknown>;
  const num = (...keys: string[]) => keys.map((k) => c[k]).find((v): v is number => typeof v === 'number');
  const rgb = () => {
    const [r, g, b] = [num('r'), num('g'), num('b')];
    return r !== undefined && g !== undefined && b !== undefined
      ? { r: channel(r), g: channel(g), b: channel(b) }
      : null;
  };
  const hs = () => {
    const [h, s] = [num('h', 'hue'), num('s', 'saturation')];
    return h !== undefined && s !== undefined ? hsToRgb({ h, s }) : null;
  };
  const xy = () => {
    const [x, y] = [num('x'), num('y')];
    return x !== undefined && y !== undefined ? xyToRgb({ x, y }) : null;
  };
  const hex = () => (typeof c.hex === 'string' ? hexToRgb(c.hex) : null);
  const byMode: Record<string, () => Rgb | null> = { rgb, rgbw: rgb, rgbww: rgb, hs, xy };
  const preferred = typeof mode === 'string' ? byMode[mode]?.() : null;
  return preferred ?? rgb() ?? hs() ?? xy() ?? hex();
}

/** A list of numbers in text ("255,128,0"), as HA's default light schema sends colours; null when not `count`. */
export function numberList(text: string, count: number): number[] | null {
  const parts = text.split(',').map((p) => Number(p.trim()));
  return parts.length === count && parts.every((p) => Number.isFinite(p)) ? parts : null;
}

function toLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function fromLinear(c: number): number {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
}

function channel(value: number): number {
  return Math.round(clamp(value, 0, 255));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
