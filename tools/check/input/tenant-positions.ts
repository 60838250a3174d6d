import * as fs from "node:fs";
import { evaluateTenantSource } from "../../../src/tenant-source";
import { type SourcePosition, tenantFieldPositions } from "../../../src/tenant-field-positions";

/** A tenant file read for pointing at its fields: its profiles' names and where each field is written. */
export interface TenantSource {
  profiles: string[];
  /** The field's position, or its nearest written ancestor's (`tags` when the file has none: the object). */
  at: (field: string) => SourcePosition;
}

export function readTenantSource(file: string): TenantSource | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const positions = tenantFieldPositions(text, file);
  const evaluated = evaluateTenantSource(text, file);
  const value = "value" in evaluated ? (evaluated.value as { profiles?: Array<{ name?: unknown }> }) : {};
  return {
    profiles: (Array.isArray(value?.profiles) ? value.profiles : []).map((profile) => String(profile?.name)),
    at: (field) => {
      // `profiles[1].model`, then `profiles[1]`, `profiles`, "": each step drops the last segment.
      for (let prefix = field; ;) {
        const found = positions.get(prefix);
        if (found) return found;
        const parent = prefix.replace(/(^|\.)[^.[\]]*$|\[\d+\]$/, "");
        if (parent === prefix) return { line: 1, column: 1 };
        prefix = parent;
      }
    },
  };
}
