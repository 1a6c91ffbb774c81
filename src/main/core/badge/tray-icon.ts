// The tray icon drawn in pure JS: a bell on a rounded square, plus a red badge with the unread count. The count
// lives in the icon itself because badge APIs are missing on Windows and patchy on Linux docks; drawing it here
// keeps every OS alike and lets plain Node tests decode the PNG and look at pixels.
import { PNG } from 'pngjs';

export type TrayIconState = 'ok' | 'warning' | 'error';

export interface TrayIconOptions {
  /** Edge length in pixels; default 32. */
  size?: number;
  /** Notifications paused: the bell is dimmed and struck through. */
  paused?: boolean;
  /** Worst source state: tints the background so a broken connection shows at a glance. */
  state?: TrayIconState;
}

type Rgb = readonly [number, number, number];

export const BADGE_RED: Rgb = [220, 38, 38];
export const BACKGROUND: Record<TrayIconState, Rgb> = {
  ok: [37, 99, 235],
  warning: [217, 119, 6],
  error: [75, 85, 99],
};
const PAUSED_BACKGROUND: Rgb = [107, 114, 128];
const WHITE: Rgb = [255, 255, 255];

/** What the badge says: "" for none, the number for 1-99, "99+" above. */
export function badgeText(unread: number): string {
  if (!Number.isFinite(unread) || unread < 1) return '';
  return unread > 99 ? '99+' : String(Math.floor(unread));
}

export function renderTrayIcon(unread: number, options: TrayIconOptions = {}): Buffer {
  const size = Math.max(8, Math.round(options.size ?? 32));
  const canvas = new Canvas(size);
  const background = options.paused ? PAUSED_BACKGROUND : BACKGROUND[options.state ?? 'ok'];

  // Shapes are described in unit coordinates (0..1 of the edge) so any size draws the same picture.
  canvas.fill(roundedRect(0.03, 0.03, 0.97, 0.97, 0.22), background);
  canvas.fill(bell, WHITE, options.paused ? 0.55 : 1);
  if (options.paused) canvas.fill(slash, WHITE);

  const text = badgeText(unread);
  if (text) drawBadge(canvas, text);
  return PNG.sync.write(canvas.png);
}

// --- the bell -------------------------------------------------------------------------------------------

function bell(x: number, y: number): boolean {
  const knob = circle(0.5, 0.19, 0.06)(x, y);
  const dome = y <= 0.45 && circle(0.5, 0.45, 0.22)(x, y);
  // The skirt widens from the dome's width to the rim.
  const skirtT = (y - 0.45) / (0.68 - 0.45);
  const skirtHalf = 0.22 + 0.06 * skirtT;
  const skirt = skirtT >= 0 && skirtT <= 1 && Math.abs(x - 0.5) <= skirtHalf;
  const rim = y >= 0.66 && y <= 0.73 && Math.abs(x - 0.5) <= 0.33;
  const clapper = circle(0.5, 0.79, 0.08)(x, y);
  return knob || dome || skirt || rim || clapper;
}

function slash(x: number, y: number): boolean {
  // A thick diagonal from top-left to bottom-right: distance to the line x = y.
  return Math.abs(x - y) / Math.SQRT2 <= 0.045 && x > 0.14 && x < 0.86;
}

// --- the badge ------------------------------------------------------------------------------------------

/** 3x5 bitmap digits; '1' marks a lit pixel. Tiny on purpose: it must stay legible at 16 px. */
const FONT: Record<string, readonly string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};
const GLYPH_W = 3;
const GLYPH_H = 5;

function drawBadge(canvas: Canvas, text: string): void {
  const size = canvas.size;
  // Whole-pixel font scale so digits stay crisp: 2x at 32 px, 1x at 16 px.
  const scale = Math.max(1, Math.floor((size * 0.34) / GLYPH_H));
  const gap = scale;
  const textW = text.length * GLYPH_W * scale + (text.length - 1) * gap;
  const textH = GLYPH_H * scale;
  const pad = Math.max(2, scale * 2);
  const height = Math.min(size, textH + pad * 2);
  const width = Math.min(size, Math.max(height, textW + pad * 2));
  const left = size - width;

  // Pill in pixel coordinates, anchored top-right where badges usually sit.
  const radius = height / 2;
  canvas.fill((x, y) => {
    const px = x * size;
    const py = y * size;
    const cx = Math.min(Math.max(px, left + radius), size - radius);
    return (px - cx) ** 2 + (py - radius) ** 2 <= radius * radius && px >= left;
  }, BADGE_RED);

  let penX = left + Math.floor((width - textW) / 2);
  const penY = Math.floor((height - textH) / 2);
  for (const char of text) {
    const rows = FONT[char]!;
    for (let gy = 0; gy < GLYPH_H; gy++) {
      for (let gx = 0; gx < GLYPH_W; gx++) {
        if (rows[gy]![gx] === '1') canvas.rect(penX + gx * scale, penY + gy * scale, scale, scale, WHITE);
      }
    }
    penX += GLYPH_W * scale + gap;
  }
}

// --- a minimal RGBA canvas ------------------------------------------------------------------------------

type Shape = (x: number, y: number) => boolean;

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

/** Samples per pixel edge for anti-aliasing; a fixed grid keeps the output byte-for-byte deterministic. */
const SUPERSAMPLE = 4;

class Canvas {
  readonly size: number;
  readonly png: PNG;

  constructor(size: number) {
    this.size = size;
    this.png = new PNG({ width: size, height: size });
    this.png.data.fill(0);
  }

  /** Paints a shape given in unit coordinates, with coverage-based anti-aliasing. */
  fill(shape: Shape, color: Rgb, opacity = 1): void {
    const n = SUPERSAMPLE;
    for (let py = 0; py < this.size; py++) {
      for (let px = 0; px < this.size; px++) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++) {
          for (let sx = 0; sx < n; sx++) {
            if (shape((px + (sx + 0.5) / n) / this.size, (py + (sy + 0.5) / n) / this.size)) hits++;
          }
        }
        if (hits) this.blend(px, py, color, (hits / (n * n)) * opacity);
      }
    }
  }

  /** Paints whole pixels (the bitmap font), clipped to the canvas. */
  rect(x: number, y: number, w: number, h: number, color: Rgb): void {
    for (let py = Math.max(0, y); py < Math.min(this.size, y + h); py++) {
      for (let px = Math.max(0, x); px < Math.min(this.size, x + w); px++) this.blend(px, py, color, 1);
    }
  }

  /** Source-over compositing onto straight (non-premultiplied) RGBA. */
  private blend(px: number, py: number, [r, g, b]: Rgb, alpha: number): void {
    const data = this.png.data;
    const i = (py * this.size + px) * 4;
    const dstA = data[i + 3]! / 255;
    const outA = alpha + dstA * (1 - alpha);
    const mix = (src: number, dst: number) => Math.round((src * alpha + dst * dstA * (1 - alpha)) / outA);
    data[i] = mix(r, data[i]!);
    data[i + 1] = mix(g, data[i + 1]!);
    data[i + 2] = mix(b, data[i + 2]!);
    data[i + 3] = Math.round(outA * 255);
  }
}
