// Fixed-width text layout for thermal paper: word wrap and "label ........ amount" columns.
// Widths count characters; every character prints one column wide in the printer's code page.

/**
 * Splits text into lines of at most `width` characters, breaking words only when they do not fit.
 * Leading spaces are an indent and repeat on every line.
 */
export function wrap(text: string, width: number): string[] {
  const indent = /^ */.exec(text)?.[0] ?? '';
  if (indent.length > 0 && indent.length < width)
    return wrap(text.slice(indent.length), width - indent.length).map((l) => `${indent}${l}`);
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    let rest = word;
    while (rest.length > width) {
      if (current) {
        lines.push(current);
        current = '';
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!current) current = rest;
    else if (current.length + 1 + rest.length <= width) current = `${current} ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

/** Left text wrapped into the space the right column leaves; the right text ends the last line. */
export function columns(left: string, right: string, width: number): string[] {
  const leftWidth = Math.max(1, width - right.length - 1);
  const leftLines = wrap(left, leftWidth);
  const last = leftLines.pop() ?? '';
  return [...leftLines, `${last.padEnd(width - right.length)}${right}`];
}

export function rule(width: number): string {
  return '-'.repeat(width);
}
