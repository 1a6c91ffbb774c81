// How protocol properties (MQTT qos/retain, MQTT 5 properties, SSE event names...) read in the detail view.
// Pure text: values come from the wire and are never interpreted as markup.

const LABELS: Record<string, string> = {
  qos: 'QoS',
  retain: 'Retained',
  dup: 'Duplicate delivery',
  contentType: 'Content type',
  responseTopic: 'Response topic',
  correlationData: 'Correlation data',
  messageExpiryInterval: 'Message expiry interval',
  payloadFormatIndicator: 'Payload is UTF-8',
  topicAlias: 'Topic alias',
  subscriptionIdentifier: 'Subscription identifier',
  userProperties: 'User properties',
};

export function propertyLabel(key: string): string {
  return LABELS[key] ?? key;
}

/** A Node Buffer after JSON: { type: 'Buffer', data: [bytes] } (e.g. MQTT 5 correlation data). */
function isSerializedBuffer(value: unknown): value is { type: 'Buffer'; data: number[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((value as { data?: unknown }).data)
  );
}

/** A plain object whose entries read better as rows of their own (MQTT 5 user properties). */
export function isNestedRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isSerializedBuffer(value);
}

export function formatPropertyValue(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return key === 'messageExpiryInterval' ? `${value} s` : String(value);
  if (value === null || value === undefined) return '—';
  if (isSerializedBuffer(value)) {
    const bytes = value.data.map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
    return `${bytes} (${value.data.length} bytes)`;
  }
  // Repeated MQTT 5 user properties arrive as a list of values for one name.
  if (Array.isArray(value)) return value.map((item) => formatPropertyValue('', item)).join(', ');
  return JSON.stringify(value);
}
