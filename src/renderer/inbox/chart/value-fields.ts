// What of a message can be charted, and how a chart's points are laid out. A body that is a number is charted
// whole (`$`); a JSON body offers each of its numeric fields by path (`$.sensor.temp`, the syntax rules and "copy
// path" use). The numbers themselves come from main (inbox.values), which reads every message the same way.
import type { BodyKind } from '../../../shared/model.ts';
import { NUMERIC_TEXT } from '../../../shared/rules/parse.ts';
import {
  entriesOf,
  isContainer,
  JsonNumber,
  jsonPath,
  parseJson,
  type JsonValue,
  type PathKey,
} from '../body/json-value.ts';

/** A path that charts the whole payload. */
export const WHOLE = '$';
/** Enough fields for any sensor payload; a huge JSON body must not make a huge select. */
const MAX_FIELDS = 50;
/** Containers deeper than this are not looked into (a chartable value sits near the top). */
const MAX_DEPTH = 6;

/** The paths this message offers for a chart, in body order; empty when it has no number. */
export function chartablePaths(body: string, bodyKind: BodyKind): string[] {
  if (bodyKind === 'text') return NUMERIC_TEXT.test(body) ? [WHOLE] : [];
  if (bodyKind !== 'json') return [];
  const value = parseJson(body);
  if (value === undefined) return [];
  const paths: string[] = [];
  collect(value, [], paths);
  return paths;
}

function collect(value: JsonValue, path: PathKey[], into: string[]): void {
  if (into.length >= MAX_FIELDS) return;
  if (value instanceof JsonNumber) {
    into.push(jsonPath(path));
    return;
  }
  if (!isContainer(value) || path.length >= MAX_DEPTH) return;
  for (const [key, child] of entriesOf(value)) collect(child, [...path, key], into);
}

export interface ChartPoint {
  value: number;
}

export interface ChartSummary {
  last: number;
  min: number;
  max: number;
  count: number;
}

/** `points` newest first, as inbox.values returns them. */
export function summarize(points: readonly ChartPoint[]): ChartSummary | null {
  const newest = points[0];
  if (newest === undefined) return null;
  let min = newest.value;
  let max = newest.value;
  for (const { value } of points) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { last: newest.value, min, max, count: points.length };
}

/**
 * SVG polyline coordinates in a `width` x `height` box, oldest on the left, evenly spaced (a burst of messages
 * stays readable), lowest at the bottom; a flat series runs through the middle, a single point at the centre.
 */
export function linePoints(points: readonly ChartPoint[], width: number, height: number): [number, number][] {
  const summary = summarize(points);
  if (summary === null) return [];
  const range = summary.max - summary.min;
  const last = points.length - 1;
  return points
    .map((point, i): [number, number] => {
      const along = last > 0 ? (last - i) / last : 0.5;
      const up = range > 0 ? (point.value - summary.min) / range : 0.5;
      return [round(along * width), round(height - up * height)];
    })
    .reverse();
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A value as the chart's labels show it: up to 6 significant digits, no float noise (0.1 + 0.2). */
export function formatValue(value: number): string {
  return String(Number(value.toPrecision(6)));
}
