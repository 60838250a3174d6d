/**
 * The model-naming properties the spending surface (lib/spending-surface.ts) judges `profile`, read
 * from a resource's inputs by their generated paths (`promptOverrideConfiguration.promptConfigurations[].foundationModel`).
 * A `[]` step, or a list where the provider has an object, is followed into every element, so a
 * list given in either shape is read; the walk visits a bounded number of values.
 */
import { spendingSurface } from "./spending-surface";
import { UNKNOWN, isRecord, isUnknown } from "./values";

/** Type token → each profile-naming path, as its steps. */
const profilePaths = new Map<string, string[][]>();
for (const [token, properties] of Object.entries(spendingSurface.properties)) {
  const paths = properties
    .filter((property) => property.judged === "profile")
    .map((property) => property.path.split(".").map((step) => step.replace(/\[\]$/, "")));
  if (paths.length > 0) profilePaths.set(token, paths);
}

/** Types with a property that must name an application profile. */
export const profileNamingTypes: readonly string[] = [...profilePaths.keys()];

/** At most this many values are visited per resource: far beyond any deployable definition. */
const maxVisited = 100_000;

export interface PropertyValue {
  /** `promptOverrideConfiguration.promptConfigurations[1].foundationModel`. */
  where: string;
  /** The string, or UNKNOWN when preview does not know it yet. */
  value: string | typeof UNKNOWN;
}

/** Every value at the type's profile-naming paths (strings and values unknown during preview). */
export function profilePropertyValues(type: string, props: unknown): PropertyValue[] {
  const found: PropertyValue[] = [];
  let visited = 0;
  for (const steps of profilePaths.get(type) ?? []) {
    const stack: Array<{ value: unknown; depth: number; where: string }> = [
      { value: props, depth: 0, where: "" },
    ];
    while (stack.length > 0 && visited++ < maxVisited) {
      const { value, depth, where } = stack.pop()!;
      if (isUnknown(value)) {
        const rest = steps.slice(depth).join(".");
        found.push({ where: where && rest ? `${where}.${rest}` : where || rest, value: UNKNOWN });
      } else if (Array.isArray(value)) {
        for (let index = value.length - 1; index >= 0; index--)
          stack.push({ value: value[index], depth, where: `${where}[${index}]` });
      } else if (depth === steps.length) {
        if (typeof value === "string") found.push({ where, value });
      } else if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, steps[depth])) {
        const step = steps[depth];
        stack.push({ value: value[step], depth: depth + 1, where: where ? `${where}.${step}` : step });
      }
    }
  }
  return found;
}
