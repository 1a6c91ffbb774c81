// CSV for `herald export --format csv`: a header row, then one row per message with exactly the fields of the
// JSON Lines export, quoted as RFC 4180 says (a field holding a comma, a double quote, CR or LF is enclosed in
// double quotes, its quotes doubled; records end with CRLF).
import { EXPORT_FIELDS, type ExportRow } from '../core/store/rows.ts';

export const CSV_HEADER = csvRecord([...EXPORT_FIELDS]);

export function csvRow(row: ExportRow): string {
  return csvRecord(EXPORT_FIELDS.map((field) => row[field]));
}

function csvRecord(values: readonly ExportRow[keyof ExportRow][]): string {
  return values.map(csvField).join(',') + '\r\n';
}

function csvField(value: ExportRow[keyof ExportRow]): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
