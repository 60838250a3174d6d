/** Message formatting: every violation stays one or two short lines, whatever the size of the input. */

/** A quoted value, cut to `max` characters (inputs may hold megabytes). */
export function quote(value: string, max = 80): string {
  const shown = value.length > max ? `${value.slice(0, max - 3)}...` : value;
  return JSON.stringify(shown);
}

/** `a, b and c`, or `a, b, c and 4 more` past `max` items. */
export function enumerate(items: readonly string[], max = 5): string {
  if (items.length === 0) return "";
  if (items.length > max) return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
  if (items.length === 1) return items[0];
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}
