import type { ReactNode } from 'react';
import { splitMatches } from '../lib/highlight';

export function Highlight({ text, query }: { text: string; query: string }): ReactNode {
  return splitMatches(text, query).map((part, i) =>
    part.match ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: parts of a fixed string
      <mark key={i} className="match">
        {part.text}
      </mark>
    ) : (
      part.text
    ),
  );
}
