// The source form's model for HTTP polling: saved settings (short and long polling) go into the form and
// come out the same; the interval is checked in the user's language; cursor settings go only with long polling.
import { describe, expect, it } from 'vitest';
import type { SourceView } from '../../../src/shared/model.ts';
import { SourceInput } from '../../../src/shared/sources.ts';
import { toSourceInput } from '../../../src/renderer/sources/form-input.ts';
import { validateSourceForm } from '../../../src/renderer/sources/form-validate.ts';
import { emptyForm, formFromSource } from '../../../src/renderer/sources/form-values.ts';
import { sourceSummary } from '../../../src/renderer/sources/kinds.ts';
import { translate, type Translate } from '../../../src/renderer/i18n/i18n.ts';

const english: Translate = (key, params) => translate('en', key, params);
const chinese: Translate = (key, params) => translate('zh-CN', key, params);

const view = {
  id: 's1',
  kind: 'http',
  name: 'Alerts API',
  enabled: true,
  url: 'https://api.example/alerts?team=ops',
  minPriority: 1,
  embedded: false,
  ephemeral: false,
  hasPassword: false,
  hasToken: true,
  hasTlsKey: false,
  status: { state: 'connected', since: 0 },
  headers: { 'X-Team': 'ops' },
  mode: 'poll',
  intervalSeconds: 45,
  itemsPath: 'data.items',
  mapping: { title: 'subject', body: 'text', id: 'ref' },
} satisfies SourceView;

const longPoll = {
  ...view,
  mode: 'long-poll',
  itemsPath: undefined,
  cursorParam: 'since',
  cursorPath: 'next',
} satisfies SourceView;

describe('HTTP polling in the source form', () => {
  it.each([
    ['short polling', view],
    ['long polling', longPoll],
  ] as const)('%s settings go into the form and come out the same', (_name, saved) => {
    const values = formFromSource(saved);
    expect(validateSourceForm(values, english, saved)).toEqual({});
    const {
      id: _i,
      embedded: _e,
      ephemeral: _p,
      hasPassword: _a,
      hasToken: _b,
      hasTlsKey: _c,
      status: _s,
      ...rest
    } = saved;
    expect(SourceInput.parse(toSourceInput(values, saved))).toEqual(SourceInput.parse(rest));
  });

  it('a new source polls every 30 s and sends no cursor settings unless it long-polls', () => {
    const values = { ...emptyForm('http'), name: 'N', url: 'http://127.0.0.1:8080/a', cursorParam: 'since' };
    expect(SourceInput.parse(toSourceInput(values))).toMatchObject({ mode: 'poll', intervalSeconds: 30 });
    expect(toSourceInput(values)).not.toHaveProperty('cursorParam');
    expect(toSourceInput({ ...values, pollMode: 'long-poll' })).toMatchObject({ cursorParam: 'since' });
  });

  it('checks the interval in the user language', () => {
    const values = { ...emptyForm('http'), name: 'N', url: 'http://a/b', intervalSeconds: '0' };
    expect(validateSourceForm(values, english)).toEqual({
      intervalSeconds: 'a whole number of seconds from 1 to 86400',
    });
    expect(validateSourceForm(values, chinese)).toEqual({ intervalSeconds: '须为 1 到 86400 之间的整数秒' });
    // Long polling has no interval to check.
    expect(validateSourceForm({ ...values, pollMode: 'long-poll' }, english)).toEqual({});
  });

  it('summarises how the source asks', () => {
    expect(sourceSummary(view, english)).toBe('HTTP polling · asked every 45 s');
    expect(sourceSummary(longPoll, chinese)).toBe('HTTP polling · 长轮询');
  });
});
