// How a source's status reads beyond its state: the countdown to the next attempt and what was dropped.
import { describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../../src/shared/model.ts';
import { translate, type Translate } from '../../../src/renderer/i18n/i18n.ts';
import { droppedText, retryText, shortDuration } from '../../../src/renderer/status/status-text.ts';

const t: Translate = (key, params) => translate('en', key, params);

const status = (patch: Partial<SourceStatus>): SourceStatus => ({ state: 'reconnecting', since: 0, ...patch });

describe('status text', () => {
  it('counts down to the next attempt in whole seconds, rounding up', () => {
    expect(retryText(status({ retryAt: 12_000 }), 0, t)).toBe('retrying in 12 s');
    expect(retryText(status({ retryAt: 12_000 }), 100, t)).toBe('retrying in 12 s');
    expect(retryText(status({ retryAt: 12_000 }), 11_001, t)).toBe('retrying in 1 s');
    expect(retryText(status({ retryAt: 12_000 }), 12_000, t)).toBe('retrying now');
    expect(retryText(status({ retryAt: 95_000 }), 0, t)).toBe('retrying in 1 min 35 s');
  });

  it('says nothing about retrying unless a retry is scheduled', () => {
    expect(retryText(status({}), 0, t)).toBeNull();
    expect(retryText(status({ state: 'error', retryAt: 5000 }), 0, t)).toBeNull();
  });

  it('shows the dropped count only when something was dropped', () => {
    expect(droppedText(status({}), t)).toBeNull();
    expect(droppedText(status({ dropped: 0 }), t)).toBeNull();
    expect(droppedText(status({ dropped: 1234 }), t)).toBe('1,234 dropped');
  });

  it('writes short durations', () => {
    expect(shortDuration(59)).toBe('59 s');
    expect(shortDuration(60)).toBe('1 min');
    expect(shortDuration(61)).toBe('1 min 1 s');
  });
});
