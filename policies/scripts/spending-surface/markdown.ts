/**
 * The spending surface as policies/README.md shows it, between markers the generator rewrites; a
 * test fails when the README's section differs from the shipped table.
 */
import type { SpendClass, SpendingSurface } from "../../lib/spending-surface";

export const surfaceMarkers = {
  start: "<!-- spending-surface:start (npm run generate:spending-surface) -->",
  end: "<!-- spending-surface:end -->",
} as const;

const classTitles: Record<Exclude<SpendClass, "no-model-spend">, string> = {
  "invokes-model": "Runs inference on a model",
  "reserves-capacity": "Reserves capacity",
  customizes: "Customizes a model",
};

const code = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(", ");

export function surfaceMarkdown(surface: SpendingSurface): string {
  const sources = Object.entries(surface.sources).map(([pkg, version]) => `\`${pkg}@${version}\``);
  const lines = [surfaceMarkers.start, "", `Generated from ${sources.join(", ")}. Spending actions:`, ""];
  for (const [spend, title] of Object.entries(classTitles)) {
    const actions = Object.entries(surface.actions)
      .filter(([, entry]) => entry.spend === spend)
      .map(([name]) => name);
    lines.push(`- ${title}: ${code(actions)}.`);
  }
  const quiet = Object.values(surface.actions).filter((entry) => entry.spend === "no-model-spend").length;
  lines.push(`- No model spend: ${quiet} other actions, each with its rule or reason in the table.`, "");
  lines.push("Model-naming properties, by resource type:", "");
  for (const [token, properties] of Object.entries(surface.properties)) {
    const parts = (
      [
        ["must name an application profile", "profile"],
        ["names the model it buys (tags required)", "billed-model"],
        ["not judged", "not-judged"],
      ] as const
    )
      .map(([label, judged]) => [label, properties.filter((property) => property.judged === judged)] as const)
      .filter(([, matching]) => matching.length > 0)
      .map(([label, matching]) => `${label} ${code(matching.map((property) => property.path))}`);
    lines.push(`- \`${token}\`: ${parts.join("; ")}.`);
  }
  lines.push("", "Billed by themselves (the action that creates each):", "");
  for (const [token, billed] of Object.entries(surface.billedTypes))
    lines.push(
      `- \`${token}\`: \`${billed.action}\`, ${billed.tagged ? "tagged" : "takes no tags: attributed through the profile it names"}.`,
    );
  lines.push("", surfaceMarkers.end);
  return lines.join("\n");
}

/** The README with its section replaced (or appended before the next heading after "The spending surface"). */
export function withSurfaceSection(readme: string, section: string): string {
  const start = readme.indexOf(surfaceMarkers.start);
  const end = readme.indexOf(surfaceMarkers.end);
  if (start < 0 || end < start)
    throw new Error(`policies/README.md has no ${surfaceMarkers.start} ... ${surfaceMarkers.end} section`);
  return readme.slice(0, start) + section + readme.slice(end + surfaceMarkers.end.length);
}
