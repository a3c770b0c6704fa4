/**
 * Parsing of the CheckThat! TSV format (`Sentence_id<TAB>Text<TAB>class_label`). Pure: takes the file's contents.
 * Records run together on one line (`...grow.<TAB>No29286<TAB>You can't...`) are split apart. The Text column uses
 * CSV-style quoting: a text with a comma or a quotation mark is wrapped in `"…"` with inner quotes doubled (`""`), so
 * half of the sentences look quoted. That wrapping is undone here — it is file format, not speech.
 */
export interface LabelledSentence {
  id: string;
  text: string;
  label: 0 | 1;
}

export function parseCheckworthyTsv(contents: string): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  const lines = contents.split(/\r?\n/);
  for (let li = 1; li < lines.length; li++) {
    const line = lines[li]!;
    if (!line.trim()) continue;
    const cells = line.split('\t');
    // Normal: [id, text, label]; run-together: [id, text, "No29286", text2, label2] → split the middle cell.
    let k = 0;
    while (k + 2 < cells.length) {
      const id = cells[k]!;
      const text = cells[k + 1]!;
      const labelCell = cells[k + 2]!;
      const m = /^(Yes|No)(\d*)$/.exec(labelCell.trim());
      if (!m) break;
      out.push({ id: id.trim(), text: unquoteCsv(text), label: m[1] === 'Yes' ? 1 : 0 });
      if (m[2]) {
        cells[k + 2] = m[2];
        k += 2;
      } else break;
    }
  }
  return out;
}

/** `"a, ""b"" c"` → `a, "b" c`; anything not wrapped in quotes is returned as it is. */
export function unquoteCsv(field: string): string {
  if (field.length >= 2 && field.startsWith('"') && field.endsWith('"')) {
    return field.slice(1, -1).replace(/""/g, '"');
  }
  return field;
}
