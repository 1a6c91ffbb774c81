// Why a connection failed, said in the UI's language: the causes main writes most often (from the core's own
// wording functions) are recognised, said unchanged in English and in Chinese with main's host, code and time
// kept; any other cause is shown as main wrote it.
import { describe, expect, it } from 'vitest';
import { causeText } from '../../../src/renderer/status/cause-text.ts';
import { translate, type Translate } from '../../../src/renderer/i18n/i18n.ts';
import { describeConnack, describeMqttError } from '../../../src/main/core/sources/mqtt/mqtt-errors.ts';

const en: Translate = (key, params) => translate('en', key, params);
const zh: Translate = (key, params) => translate('zh-CN', key, params);
const URL = 'mqtt://mq.example:1883';

function failure(code: string | undefined, message = 'failed'): Error & { code?: string } {
  return Object.assign(new Error(message), code ? { code } : {});
}

const causes = [
  describeMqttError(failure('ECONNREFUSED'), URL, 10_000, 60),
  describeMqttError(failure('ENOTFOUND'), URL, 10_000, 60),
  describeMqttError(failure('ETIMEDOUT'), URL, 10_000, 60),
  describeMqttError(failure('ECONNRESET'), URL, 10_000, 60),
  describeMqttError(failure('SELF_SIGNED_CERT_IN_CHAIN'), URL, 10_000, 60),
  describeMqttError(failure('CERT_HAS_EXPIRED'), URL, 10_000, 60),
  describeMqttError(failure(undefined, 'connack timeout'), URL, 10_000, 60),
  describeMqttError(failure(undefined, 'Keepalive timeout'), URL, 10_000, 60),
  describeConnack(4, 4).reason,
  describeConnack(5, 4).reason,
];

describe('causeText', () => {
  it('says the causes unchanged in English', () => {
    for (const cause of causes) expect(causeText(cause, en)).toBe(cause);
  });

  it('says them in Chinese, keeping the host, the code and the time main filled in', () => {
    const said = causes.map((cause) => causeText(cause, zh));
    for (const text of said) expect(text).not.toMatch(/\b(refused|not found|timed out|reset|broker|answer)\b/);
    expect(said[0]).toBe('mq.example:1883 拒绝连接（那里有代理在运行吗？）');
    expect(said[1]).toBe('找不到主机 mq.example（请检查 URL）');
    expect(said[6]).toBe('代理在 10 s 内没有应答');
    expect(said[9]).toMatch(/^代理表示此客户端未获授权（.*0x05）$/);
  });

  it('shows a cause it does not know as main wrote it', () => {
    expect(causeText('something new happened', zh)).toBe('something new happened');
  });
});
