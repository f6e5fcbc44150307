export const FEEDBACK_FIELDS = ['content', 'category', 'contact'] as const;

/** "body.content" / "content" / "/content" → the form field it is about, if any. */
export function fieldOfPath(path: string): (typeof FEEDBACK_FIELDS)[number] | null {
  const field = path
    .replace(/^\/+/, '')
    .split(/[./]/)
    .filter((p) => p && p !== 'body')[0];
  return (FEEDBACK_FIELDS as readonly string[]).includes(field ?? '')
    ? (field as (typeof FEEDBACK_FIELDS)[number])
    : null;
}
