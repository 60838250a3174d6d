import * as fs from "node:fs";
import * as path from "node:path";
import { LineCounter, isMap, isScalar, parseDocument } from "yaml";
import type { SourcePosition } from "../../../src/tenant-field-positions";
import { type TenantSource, readTenantSource } from "../input/tenant-positions";
import { ownerOf } from "../preflight/origins";
import type { CheckReport, Violation } from "./check-report";
import { policyAnchors } from "./policy-anchors";

/** Where the author acts on a finding: a file of the repository, its line and column, and the field there. */
export interface FindingLocation {
  /** Relative to the repository (the project directory), with `/`: as code scanning and annotations want it. */
  file: string;
  line: number;
  column: number;
  /** The tenant file's field (`profiles[0].model`) or the stack config's key. */
  field: string;
  /** What to do there, in that file's terms. */
  advice: string;
}

/**
 * Each violation with where to fix it: a resource a tenant file made points at that file's field, any
 * other at the stack config's key (policy-anchors.ts). Files are read once each.
 */
export function withLocations(report: CheckReport, projectDir: string): CheckReport {
  if (report.violations.length === 0) return report;
  const tenantFiles = report.tenantFiles ?? {};
  const tenantNames = Object.keys(tenantFiles).sort((a, b) => b.length - a.length);
  const tenantSources = new Map<string, TenantSource | undefined>();
  const stackFile = `Pulumi.${report.stack}.yaml`;
  let stackKeys: Map<string, SourcePosition> | undefined;
  const locate = (violation: Violation): FindingLocation => {
    const anchor = policyAnchors[violation.policyName];
    const tenant = violation.urn ? ownerOf(violation.urn, tenantNames) : undefined;
    if (tenant && anchor && "tenantField" in anchor) {
      const file = tenantFiles[tenant];
      if (!tenantSources.has(file)) tenantSources.set(file, readTenantSource(path.resolve(file)));
      const source = tenantSources.get(file);
      if (source) {
        const profile = anchor.profileField ? profileIndex(source, tenant, violation.urn!) : undefined;
        const field =
          profile === undefined ? anchor.tenantField : `profiles[${profile}].${anchor.profileField}`;
        return { file: repoPath(projectDir, file), ...source.at(field), field, advice: anchor.advice };
      }
    }
    stackKeys ??= stackConfigKeys(path.join(projectDir, stackFile));
    const key = anchor && "stackConfigKey" in anchor ? anchor.stackConfigKey : "config";
    return {
      file: stackFile,
      ...(stackKeys.get(key) ?? stackKeys.get("config") ?? { line: 1, column: 1 }),
      field: key,
      advice: anchor?.advice ?? "see the policy's remediation",
    };
  };
  return {
    ...report,
    violations: report.violations.map((violation) => ({ ...violation, location: locate(violation) })),
  };
}

/** The profile whose resource it is: the program names a profile's children `<tenant>-<profile>…`. */
function profileIndex(source: TenantSource, tenant: string, urn: string): number | undefined {
  const name = urn.slice(urn.lastIndexOf("::") + 2);
  const candidates = source.profiles
    .map((profile, index) => ({ profile, index }))
    .filter(({ profile }) => name === `${tenant}-${profile}` || name.startsWith(`${tenant}-${profile}-`))
    .sort((a, b) => b.profile.length - a.profile.length);
  return candidates[0]?.index;
}

/** Each top-level key of `config:` in a stack file (and `config` itself), with where it is written. */
function stackConfigKeys(file: string): Map<string, SourcePosition> {
  const keys = new Map<string, SourcePosition>();
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return keys;
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const at = (offset: number | undefined) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { line, column: col };
  };
  if (!isMap(document.contents)) return keys;
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key) || pair.key.value !== "config") continue;
    keys.set("config", at(pair.key.range?.[0]));
    if (!isMap(pair.value)) continue;
    for (const entry of pair.value.items)
      if (isScalar(entry.key)) keys.set(String(entry.key.value), at(entry.key.range?.[0]));
  }
  return keys;
}

/** Tenant files are named as shown to users: relative to the working directory (src/tenant-loader.ts). */
const repoPath = (projectDir: string, file: string): string =>
  path.relative(projectDir, path.resolve(file)).split(path.sep).join("/");
