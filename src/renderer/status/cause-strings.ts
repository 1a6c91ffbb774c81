// The words of the most common causes main gives for a connection that failed (sources/mqtt/mqtt-errors.ts in
// the core), and of the status line's own counts; cause-text.ts says the causes in the UI's language.
import { defineStrings } from '../i18n/define-strings.ts';

export const causeStrings = defineStrings(
  {
    'cause.refused': 'connection refused by {host} (is a broker running there?)',
    'cause.notFound': 'host {host} not found (check the URL)',
    'cause.timedOut': 'connecting to {host} timed out',
    'cause.reset': 'the connection to {host} was reset',
    'cause.badLogin': 'the broker refused the user name or password ({code})',
    'cause.notAuthorised': 'the broker says this client is not authorised ({code})',
    'cause.noAnswer': 'the broker did not answer within {time}',
    'cause.silent': 'the broker stopped answering (no reply to a ping within {time})',
    'cause.unknownCa': 'TLS: certificate signed by an unknown authority (check the CA)',
    'cause.expired': "TLS: the broker's certificate has expired",
    'status.catchingUp': 'catching up: {count} so far',
    'status.queued': '{count} to publish when back',
  },
  {
    'cause.refused': '{host} 拒绝连接（那里有代理在运行吗？）',
    'cause.notFound': '找不到主机 {host}（请检查 URL）',
    'cause.timedOut': '连接 {host} 超时',
    'cause.reset': '与 {host} 的连接被重置',
    'cause.badLogin': '代理拒绝了用户名或密码（{code}）',
    'cause.notAuthorised': '代理表示此客户端未获授权（{code}）',
    'cause.noAnswer': '代理在 {time} 内没有应答',
    'cause.silent': '代理停止应答（{time} 内没有回应 ping）',
    'cause.unknownCa': 'TLS：证书由未知机构签发（请检查 CA）',
    'cause.expired': 'TLS：代理的证书已过期',
    'status.catchingUp': '正在追赶：已收到 {count} 条',
    'status.queued': '恢复后发布 {count} 条',
  },
);
