// The template evaluator reads what discovery configs write, and refuses (with a reason) what it cannot read.
import { describe, expect, it } from 'vitest';
import {
  evaluateTemplate,
  payloadVariables,
  renderTemplate,
  TemplateError,
} from '../../../../src/main/core/devices/template.ts';

const read = (template: string, payload: string) => evaluateTemplate(template, payloadVariables(payload));

describe('evaluateTemplate', () => {
  it('reads the payload and JSON paths', () => {
    expect(read('{{ value }}', 'ON')).toBe('ON');
    expect(read('{{value_json.temperature}}', '{"temperature": 21.5}')).toBe(21.5);
    expect(read("{{ value_json['state'] }}", '{"state": "OFF"}')).toBe('OFF');
    expect(read('{{ value_json["a b"] }}', '{"a b": 1}')).toBe(1);
    expect(read('{{ value_json.outer.inner[1].x }}', '{"outer": {"inner": [{}, {"x": "deep"}]}}')).toBe('deep');
  });

  it('applies float, int, round, string and default', () => {
    expect(read('{{ value | float }}', ' 3.25 ')).toBe(3.25);
    expect(read('{{ value_json.t | float | round(1) }}', '{"t": "21.46"}')).toBe(21.5);
    expect(read('{{ value_json.t | round }}', '{"t": 21.6}')).toBe(22);
    expect(read('{{ value_json.h | int }}', '{"h": 55.9}')).toBe(55);
    expect(read('{{ value_json.n | string }}', '{"n": 7}')).toBe('7');
    expect(read('{{ value_json.missing | default("none") }}', '{}')).toBe('none');
    expect(read('{{ value | float(0) }}', 'abc')).toBe(0);
  });

  it('renders text around expressions', () => {
    expect(renderTemplate('{"seconds": {{ value }}}', { value: 60, valueJson: () => undefined })).toBe(
      '{"seconds": 60}',
    );
    expect(read('level {{ value_json.l }}%', '{"l": 4}')).toBe('level 4%');
  });

  it('gives a command template the variables HA names (a colour, a position), and no others', () => {
    const colour = { value: '255,0,0', valueJson: () => undefined, names: { red: 255, green: 0, blue: 0 } };
    expect(renderTemplate('{{ red }}-{{ green }}-{{ blue }} ({{ value }})', colour)).toBe('255-0-0 (255,0,0)');
    expect(() => renderTemplate('{{ hue }}', colour)).toThrow('unsupported "hue"');
  });

  it("formats as HA's documented colour template does (Python's %-formatting)", () => {
    const colour = { value: '', valueJson: () => undefined, names: { red: 255, green: 8, blue: 0 } };
    expect(renderTemplate("{{ '%02x%02x%02x' | format(red, green, blue) }}", colour)).toBe('ff0800');
    expect(renderTemplate("#{{ '%02X%02X%02X' | format(red, green, blue) }}", colour)).toBe('#FF0800');
    const v = (value: unknown) => ({ value, valueJson: () => undefined });
    expect(renderTemplate("{{ '%.1f' | format(value) }}", v(21.46))).toBe('21.5');
    expect(renderTemplate("{{ '%5d|%-4s|%+d|%%' | format(value, 'ab', 3) }}", v(42))).toBe('   42|ab  |+3|%');
    expect(renderTemplate("{{ '%03d' | format(value) }}", v(-7))).toBe('-07');
    expect(() => renderTemplate("{{ '%d %d' | format(value) }}", v(1))).toThrow('not enough values');
    expect(() => renderTemplate("{{ '%d' | format(value) }}", v('x'))).toThrow('is not a number');
  });

  it('refuses what it cannot evaluate, saying why', () => {
    expect(() => read('{{ value_json.t }}', 'not json')).toThrow('the payload is not JSON');
    expect(() => read('{{ value_json.t }}', '{}')).toThrow(TemplateError);
    expect(() => read('{{ value | float }}', 'abc')).toThrow('is not a number');
    expect(() => read('{{ value | from_json }}', '1')).toThrow('the filter "from_json" is not supported');
    expect(() => read('{% if value %}on{% endif %}', '1')).toThrow('statements');
    expect(() => read('{{ value * 2 }}', '1')).toThrow(TemplateError);
    expect(() => read('{{ __import__("os") }}', '1')).toThrow(TemplateError);
    expect(() => read('{{ value', '1')).toThrow('"{{" without "}}"');
  });
});
