import * as fs from "node:fs";
import { z } from "zod";
import { type InputError, zodIssuesToErrors } from "../../../src/validation";
import type { CheckReport } from "./check-report";
import { jsonReport } from "./render-json";
import { diffReports } from "./report-diff";

/**
 * What the diff reads of a JSON report (`--format json`, render-json.ts): the base commit's, given
 * with `--compare`, and this run's, turned into the same shape. Only the fields the diff compares;
 * everything else the JSON holds is ignored, so a base report written by an older check still reads.
 * Fields added to the JSON after a base was written (`description`, `tags`) are optional here: where
 * the base lacks one, the diff does not compare it (it cannot tell a change from an older report).
 */
const profileSchema = z.object({
  name: z.string(),
  awsName: z.string(),
  model: z.string(),
  crossRegion: z.string().optional(),
  description: z.string().optional(),
  protect: z.boolean(),
  urn: z.string(),
});

const tenantSchema = z.object({
  name: z.string(),
  tags: z.record(z.string(), z.string()).optional(),
  profiles: z.array(profileSchema),
  budget: z
    .object({ monthlyUsd: z.number(), onExceed: z.enum(["notify", "deny"]) })
    .optional()
    .nullable(),
  governanceUsdPerMonth: z.number(),
});

const violationSchema = z.object({
  policyName: z.string(),
  enforcementLevel: z.string(),
  message: z.string(),
  urn: z.string().nullable(),
});

export const comparableReportSchema = z.object({
  stack: z.string(),
  verdict: z.string(),
  plan: z
    .object({ accounts: z.array(z.object({ label: z.string(), tenants: z.array(tenantSchema) })) })
    .nullable(),
  violations: z.array(violationSchema),
  summary: z.object({ monthlyBudgetUsd: z.number(), governanceUsdPerMonth: z.number() }),
});

export type ComparableReport = z.infer<typeof comparableReportSchema>;
export type ComparableTenant = z.infer<typeof tenantSchema>;
export type ComparableProfile = z.infer<typeof profileSchema>;
export type ComparableViolation = z.infer<typeof violationSchema>;

/** The base report of `--compare FILE`, or the errors that make it unusable (exit 2, named by file and field). */
export function readBaseReport(file: string): { base: ComparableReport } | { errors: InputError[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    return { errors: [{ file, path: "", message: `cannot read the base report: ${reason}` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      errors: [
        {
          file,
          path: "",
          message: `is not JSON (write it with \`npm run check -- --format json --out FILE\`): ${(error as Error).message}`,
        },
      ],
    };
  }
  const parsed = comparableReportSchema.safeParse(json);
  if (!parsed.success) return { errors: zodIssuesToErrors(file, parsed.error.issues) };
  return { base: parsed.data };
}

/**
 * This run's report with its diff against `base`. A run that judged nothing (bad input) has no plan
 * to compare: it is returned as it is.
 */
export function withDiff(report: CheckReport, base: ComparableReport): CheckReport {
  if (report.errors.length > 0) return report;
  return { ...report, diff: diffReports(base, comparableReportSchema.parse(jsonReport(report))) };
}
