// "Notify me when …" on an entity: a rule on the entity's state topic whose value condition (the entity's
// value written the way its payloads say it) must hold for a while (or, for 0 minutes, has just become true:
// `for: "0s"`, once per episode), notifying at priority 4. The pipeline lets
// the rules see device state and stores what such a rule keeps, titled with the device's name.
import type { Comparison } from '../../../shared/rules/parse.ts';
import type { Rule } from '../../../shared/rules/schema.ts';
import type { AlertWatch, EntityValue } from './entity.ts';

export interface AlertTarget {
  sourceId: string;
  deviceName: string;
  entityName: string;
  watch: AlertWatch;
}

export interface AlertCondition {
  op: Comparison;
  value: EntityValue;
  forMinutes: number;
}

const OP_WORDS: Record<Comparison, string> = {
  '==': 'is',
  '!=': 'is not',
  '<': 'below',
  '<=': 'at most',
  '>': 'above',
  '>=': 'at least',
};

export function alertRule(target: AlertTarget, condition: AlertCondition): Rule {
  const { watch } = target;
  const shown = condition.value === true ? 'on' : condition.value === false ? 'off' : String(condition.value);
  const minutes = Number(condition.forMinutes.toFixed(1));
  const held = minutes > 0 ? ` for ${minutes} min` : '';
  const name = `${target.deviceName}: ${target.entityName} ${OP_WORDS[condition.op]} ${shown}${held}`;
  return {
    name: name.length > 100 ? `${name.slice(0, 99)}…` : name,
    enabled: true,
    match: {
      source: target.sourceId,
      topic: watch.topic,
      value: `${watch.path} ${condition.op} ${watch.literal(condition.value)}`,
    },
    // Whole seconds; 0 fires as the condition becomes true, once, however often the device repeats its state.
    for: `${condition.forMinutes > 0 ? Math.max(1, Math.round(condition.forMinutes * 60)) : 0}s`,
    action: 'notify',
    priority: 4,
  };
}
