// The macOS menu-bar icon: a template image, black with alpha only, which macOS tints for a light or dark menu
// bar (and for a highlighted item). It is the tray icon's white bell lifted out of its coloured square, so the
// two always show the same bell; the unread count goes beside it as the tray's title instead of a badge.
import { PNG } from 'pngjs';
import { renderTrayIcon } from './tray-icon.ts';

export interface TrayTemplateOptions {
  /** Edge length in pixels; 16 for the 1x image, 32 for @2x. */
  size: number;
  /** Notifications paused: the bell is dimmed and struck through, as on the coloured icon. */
  paused?: boolean;
}

/**
 * Luminance above which a pixel counts as the bell. Every background the icon draws (blue, amber, grey) stays
 * below it; white is 1, so the bell's anti-aliased edge becomes a soft alpha edge.
 */
const BELL_LUMINANCE = 0.6;

export function renderTrayTemplate(options: TrayTemplateOptions): Buffer {
  const icon = PNG.sync.read(renderTrayIcon(0, { size: options.size, paused: options.paused }));
  return PNG.sync.write(templateOf(icon));
}

/** Black plus alpha: each pixel's opacity is how much of the light foreground it shows. */
export function templateOf(icon: PNG): PNG {
  const out = new PNG({ width: icon.width, height: icon.height });
  const from = icon.data;
  const to = out.data;
  for (let i = 0; i < from.length; i += 4) {
    const luminance = (0.2126 * from[i]! + 0.7152 * from[i + 1]! + 0.0722 * from[i + 2]!) / 255;
    const foreground = Math.min(1, Math.max(0, (luminance - BELL_LUMINANCE) / (1 - BELL_LUMINANCE)));
    to[i] = 0;
    to[i + 1] = 0;
    to[i + 2] = 0;
    to[i + 3] = Math.round(from[i + 3]! * foreground);
  }
  return out;
}
