// Rates from the broker's counters: per second between samples, the last minute only, and a restart (counters
// going down) shown as zero rather than a negative rate.
import { describe, expect, test } from 'vitest';
import { addSample, formatRate, ratesOf, sparkline } from '../../../src/renderer/broker/rates.ts';

describe('broker rates', () => {
  test('counters become messages per second; a restart reads as zero', () => {
    const samples = [
      { at: 0, in: 0, out: 0 },
      { at: 2000, in: 20, out: 40 },
      { at: 4000, in: 3, out: 1 },
    ];
    expect(ratesOf(samples)).toEqual([
      { at: 2000, in: 10, out: 20 },
      { at: 4000, in: 0, out: 0 },
    ]);
  });

  test('only the last minute is kept', () => {
    let samples = [{ at: 0, in: 0, out: 0 }];
    for (let at = 2000; at <= 70_000; at += 2000) samples = addSample(samples, { at, in: at, out: at });
    expect(samples[0]!.at).toBe(12_000);
    expect(samples.at(-1)!.at).toBe(70_000);
  });

  test('the sparkline spans the box, highest value at the top', () => {
    expect(sparkline([0, 5, 10], 10, 100, 50)).toBe('0.0,50.0 50.0,25.0 100.0,0.0');
    expect(sparkline([], 1, 100, 50)).toBe('');
    expect([0, 0.25, 12.4, 1500].map(formatRate)).toEqual(['0', '0.3', '12', '1.5k']);
  });
});
