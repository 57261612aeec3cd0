/** A byte-order mark, so that Excel reads the file as UTF-8 and shows the Japanese. */
const BOM = '\uFEFF';

/**
 * A cell quoted as RFC 4180 says; one that a spreadsheet would read as a formula (=, +, -, @, tab, CR) starts with
 * an apostrophe, since a resident's question must never run as one.
 */
function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CRLF line ends and a BOM: what Excel in Japan opens without asking. */
export const toCsv = (rows: (string | number)[][]): string =>
  BOM + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
