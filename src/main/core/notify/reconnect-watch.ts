// Notices a source coming back (connected after it was down): what it brings first is what was missed, so the
// planner sums it up instead of showing it message by message.
import type { SourceView } from '../../../shared/model.ts';

export class ReconnectWatch {
  private readonly onReconnected: () => void;
  private readonly last = new Map<string, SourceView['status']['state']>();

  constructor(onReconnected: () => void) {
    this.onReconnected = onReconnected;
  }

  saw(sources: readonly SourceView[]): void {
    let back = false;
    for (const source of sources) {
      const before = this.last.get(source.id);
      const now = source.status.state;
      if (now === 'connected' && (before === 'reconnecting' || before === 'error')) back = true;
      this.last.set(source.id, now);
    }
    if (back) this.onReconnected();
  }
}
