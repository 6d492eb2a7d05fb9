/**
 * JSON Lines as the command-line tools read them: a byte-order mark at the start is ignored
 * (spreadsheet and Windows editors write one), blank lines are skipped, `\r\n` is a line end,
 * and a line that is not JSON is named by file and number.
 */
export function parseJsonLines(content: string, source: string): { value: unknown; line: number }[] {
  const rows: { value: unknown; line: number }[] = [];
  content.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((text, index) => {
    if (text.trim() === '') return;
    try {
      rows.push({ value: JSON.parse(text), line: index + 1 });
    } catch {
      throw new Error(`${source}:${index + 1}: not valid JSON`);
    }
  });
  return rows;
}
