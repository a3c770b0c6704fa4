/** Just enough RFC 4180 for the dashboard: split an export into records (quoted fields may hold commas, quotes, newlines). */

export interface CsvRecord {
  fields: string[];
  /** The record exactly as it was in the file, without its line break. */
  raw: string;
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') fields.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      fields.push(field);
      records.push({ fields, raw: text.slice(start, i) });
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields = [];
      field = '';
      start = i + 1;
    } else field += c;
  }
  if (field || fields.length) {
    fields.push(field);
    records.push({ fields, raw: text.slice(start) });
  }
  return records;
}
