// A message summary as the inbox list receives it, for renderer tests: id, read state, the rest fixed.
import type { MessageSummary } from '../../../src/shared/model.ts';

export function summary(id: number, read = false): MessageSummary {
  return {
    id,
    sourceId: 's',
    sourceName: 'S',
    topic: 't',
    title: `#${id}`,
    preview: '',
    priority: 3,
    receivedAt: id,
    read,
    bodyKind: 'text',
    truncated: false,
    size: 1,
    notified: true,
    rule: null,
  };
}
