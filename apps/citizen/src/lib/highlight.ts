/** Splits `text` around the (case-insensitive) occurrences of `query`; pure, for tests and rendering. */
export function splitMatches(text: string, query: string): Array<{ text: string; match: boolean }> {
  const q = query.trim();
  if (!q) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const needle = q.toLowerCase();
  const parts: Array<{ text: string; match: boolean }> = [];
  let from = 0;
  let at = lower.indexOf(needle, from);
  if (at === -1) {
    // No whole-query match (pinyin, typo): mark the query's Chinese characters that occur in the text.
    const chars = new Set([...q].filter((ch) => /[\u3400-\u9fff]/.test(ch)));
    if (chars.size === 0) return [{ text, match: false }];
    for (const ch of text) {
      const match = chars.has(ch);
      const last = parts[parts.length - 1];
      if (last && last.match === match) last.text += ch;
      else parts.push({ text: ch, match });
    }
    return parts;
  }
  while (at !== -1) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
    at = lower.indexOf(needle, from);
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}
