/**
 * A generated block of a document: what stands between a start and an end marker, replaced by a
 * generator's output (the tenant field table, the benchmarks' figures). The page keeps everything
 * else as its authors wrote it.
 */
export function withDocsBlock(
  page: string,
  markers: { start: string; end: string },
  content: string,
  pageName: string,
): string {
  const from = page.indexOf(markers.start);
  const to = page.indexOf(markers.end);
  if (from < 0 || to < from)
    throw new Error(`${pageName} lacks the markers ${markers.start} … ${markers.end}`);
  return `${page.slice(0, from + markers.start.length)}\n${content}\n${page.slice(to)}`;
}
