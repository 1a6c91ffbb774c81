// Protocol properties of a message, one row each; an object value (MQTT 5 user properties) gets rows of its
// own under its name. Everything is text.
import { useT } from '../i18n/i18n.ts';
import { formatPropertyValue, isNestedRecord, propertyLabel } from './property-format.ts';

export function PropertiesTable({ properties }: { properties: Record<string, unknown> }) {
  const t = useT();
  const entries = Object.entries(properties);
  if (entries.length === 0) return null;
  return (
    <table className="properties" data-testid="message-properties">
      <caption>{t('properties.caption')}</caption>
      <tbody>
        {entries.map(([key, value]) =>
          isNestedRecord(value) ? (
            <NestedRows key={key} name={key} record={value} />
          ) : (
            <tr key={key}>
              <th scope="row" title={key}>
                {propertyLabel(key)}
              </th>
              <td>{formatPropertyValue(key, value)}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function NestedRows({ name, record }: { name: string; record: Record<string, unknown> }) {
  const t = useT();
  const entries = Object.entries(record);
  return (
    <>
      <tr className="group">
        <th scope="rowgroup" colSpan={2} title={name}>
          {propertyLabel(name)}
          {entries.length === 0 && <span className="muted"> {t('properties.none')}</span>}
        </th>
      </tr>
      {entries.map(([key, value]) => (
        <tr key={`${name}.${key}`} className="nested">
          <th scope="row">{key}</th>
          <td>{formatPropertyValue(key, value)}</td>
        </tr>
      ))}
    </>
  );
}
