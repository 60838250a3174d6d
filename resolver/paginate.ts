export interface Page<T> {
  items: readonly T[] | undefined;
  nextToken: string | undefined;
}

/**
 * Follows a token-paginated AWS list call to the end. A token seen twice means
 * the service (or a mock) is looping; failing beats spinning forever.
 */
export async function collectPages<T>(
  fetchPage: (token: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    if (page.items) items.push(...page.items);
    token = page.nextToken || undefined;
    if (token !== undefined) {
      if (seen.has(token)) throw new Error(`pagination token ${token} was returned twice`);
      seen.add(token);
    }
  } while (token !== undefined);
  return items;
}
