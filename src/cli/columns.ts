/** The width to wrap to on `stream`: the terminal's columns, 80 when it is not a terminal (a pipe, a file). */
export function columnsOf(stream: { isTTY?: boolean; columns?: number }): number {
  return stream.isTTY === true && stream.columns ? stream.columns : 80;
}
