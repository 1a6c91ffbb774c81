// The payload editor's checks: JSON when JSON is chosen, and the size the bridge can carry.
import { describe, expect, test } from 'vitest';
import { MAX_BRIDGED_PAYLOAD_BYTES } from '../../../src/shared/publish.ts';
import { formatJson, payloadProblem } from '../../../src/renderer/publish/payload.ts';

describe('payload editor checks', () => {
  test('JSON is checked only when JSON is chosen', () => {
    expect(payloadProblem('{"a":', 'text')).toBeNull();
    expect(payloadProblem('{"a":', 'json')).toMatch(/^Not valid JSON: /);
    expect(payloadProblem('{"a": [1, 2]}', 'json')).toBeNull();
    expect(formatJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(formatJson('{"a":')).toBe('{"a":');
  });

  test('a payload over the bridge limit in bytes is refused with its size, in either format', () => {
    expect(payloadProblem('x'.repeat(MAX_BRIDGED_PAYLOAD_BYTES), 'text')).toBeNull();
    // Fewer characters than the limit, more bytes: three bytes each.
    const wide = '€'.repeat(MAX_BRIDGED_PAYLOAD_BYTES / 2);
    expect(payloadProblem(wide, 'text')).toMatch(/^The payload is 1440 KiB; the Publish panel sends up to 960 KiB/);
  });
});
