import { attribute, stackAccountIds } from "../../tools/chargeback/attribution";
import { type DataExportQuery, readDataExports } from "../../tools/chargeback/data-export";
import { billingMonth } from "../../tools/chargeback/month";
import { prodStack } from "./stack";

const stack = prodStack();
const accounts = [...stackAccountIds(stack.config)];

/** One month's report from export files, by the rules of the report (the CLI's path without its flags). */
export async function reportFrom(
  files: string[],
  byProfile = false,
  extra: Partial<Pick<DataExportQuery, "costBasis" | "periodBasis" | "exportName">> & { month?: string } = {},
) {
  const month = billingMonth(extra.month ?? "2026-11", new Date("2027-01-02T00:00:00Z"));
  const costBasis = extra.costBasis ?? "net";
  const periodBasis = extra.periodBasis ?? "billing";
  const spend = await readDataExports({
    files,
    months: [month],
    accounts,
    byProfile,
    costBasis,
    periodBasis,
    ...(extra.exportName ? { exportName: extra.exportName } : {}),
  });
  return attribute({
    stack: "prod",
    month: month.month,
    complete: true,
    config: stack.config,
    tenants: stack.tenants,
    spend,
    byProfile,
    costBasis,
    periodBasis,
  });
}
