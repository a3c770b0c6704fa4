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

/** The article or transcript a line of the extra sets comes from: their ids are `<article>:<line>`. */
export function articleOf(d: LabelledSentence): string {
  return d.id.split(':')[0]!;
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

/**
 * The extra sets' format (data/checkworthiness/extra/README.md): a header row, then `id<TAB>text<TAB>label<TAB>…`, no
 * quoting; label 1 = check-worthy.
 */
export function parseLabelledTsv(contents: string): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  for (const line of contents.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const [id, text, label] = line.split('\t');
    if (id === undefined || text === undefined || (label !== '0' && label !== '1')) throw new Error(`not a labelled row: ${line.slice(0, 80)}`);
    out.push({ id, text, label: label === '1' ? 1 : 0 });
  }
  return out;
}

/** A tweet as running text: links, "via @account" and the @ and # marks go (an article has none of them). */
export function tweetAsText(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\bvia @\w+/gi, ' ')
    .replace(/[@#](\w)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** PolitiFact's house style "Says (that) …" with the speaker dropped: the statement itself, capitalised. */
export function statementAsText(text: string): string {
  const m = /^Says (?:that )?(.+)$/s.exec(text.trim());
  if (!m) return text.trim();
  return m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1);
}
