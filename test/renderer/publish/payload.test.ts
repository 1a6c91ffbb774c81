// The payload editor's checks: JSON when JSON is chosen, and the size the bridge can carry.
import { describe, expect, test } from 'vitest';
import { MAX_BRIDGED_PAYLOAD_BYTES } from '../../../src/shared/publish.ts';
import { formatJson, payloadProblem } from '../../../src/renderer/publish/payload.ts';
import { translate, type Translate } from '../../../src/renderer/i18n/i18n.ts';

const en: Translate = (key, params) => translate('en', key, params);

describe('payload editor checks', () => {
  test('JSON is checked only when JSON is chosen', () => {
    expect(payloadProblem('{"a":', 'text', en)).toBeNull();
    expect(payloadProblem('{"a":', 'json', en)).toMatch(/^Not valid JSON: /);
    expect(payloadProblem('{"a": [1, 2]}', 'json', en)).toBeNull();
    expect(formatJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(formatJson('{"a":')).toBe('{"a":');
  });

  test('a payload over the bridge limit in bytes is refused with its size, in either format', () => {
    expect(payloadProblem('x'.repeat(MAX_BRIDGED_PAYLOAD_BYTES), 'text', en)).toBeNull();
    // Fewer characters than the limit, more bytes: three bytes each.
    const wide = '€'.repeat(MAX_BRIDGED_PAYLOAD_BYTES / 2);
    expect(payloadProblem(wide, 'text', en)).toMatch(/^The payload is 1440 KiB; the Publish panel sends up to 960 KiB/);
  });
});

describe('payload editor checks in Chinese', () => {
  test('a bad JSON payload is explained in the chosen language', () => {
    const zh: Translate = (key, params) => translate('zh-CN', key, params);
    expect(payloadProblem('{"a":', 'json', zh)).toMatch(/^不是有效的 JSON：/);
  });
});
