import type { Metric } from "@aws-sdk/client-cost-explorer";
import { SourceError } from "./source-error";

/**
 * Which cost a report counts. `net` (the default) is what the invoice charges after discounts:
 * CUR 2.0 `line_item_net_unblended_cost`, FOCUS `BilledCost` ("the basis for invoicing, inclusive of
 * all reduced rates and discounts", AWS FOCUS 1.0 columns page), Cost Explorer `NetUnblendedCost`.
 * `unblended` is before negotiated discounts (CUR `line_item_unblended_cost`, Cost Explorer
 * `UnblendedCost`: what AWS Budgets' `UnblendedCost` metric counts). `amortized` and `net-amortized`
 * spread commitments (Savings Plans, reservations) over the usage they cover (Cost Explorer
 * `AmortizedCost` / `NetAmortizedCost`, FOCUS `EffectiveCost`).
 */
export const costBases = ["net", "unblended", "amortized", "net-amortized"] as const;
export type CostBasis = (typeof costBases)[number];

/** Cost Explorer's metric for each basis (GetCostAndUsage `Metrics`; botocore ce `Metric` enum in forecast form). */
export const costExplorerMetric: Record<CostBasis, { usage: string; forecast: Metric }> = {
  net: { usage: "NetUnblendedCost", forecast: "NET_UNBLENDED_COST" },
  unblended: { usage: "UnblendedCost", forecast: "UNBLENDED_COST" },
  amortized: { usage: "AmortizedCost", forecast: "AMORTIZED_COST" },
  "net-amortized": { usage: "NetAmortizedCost", forecast: "NET_AMORTIZED_COST" },
};

export interface CostExpression {
  /** SQL for the line item's cost on this basis. */
  sql: string;
  /** Said in the report when the export cannot give the basis exactly. */
  note?: string;
}

type Has = (column: string) => boolean;
const col = (name: string) => `"${name}"`;
const num = (expression: string) => `TRY_CAST(${expression} AS DOUBLE)`;

/**
 * CUR 2.0. `line_item_net_unblended_cost` "is included in your report only when your account has a
 * discount in the applicable billing period" (table dictionary): without it, net equals unblended.
 * Amortized cost is the formula of AWS's Cloud Intelligence Dashboards (aws-samples/aws-cudos-framework-deployment,
 * cid/builtin/core/data/queries/cid/summary_view_curv2.sql, `amortized_cost`): covered usage at its
 * effective cost, a Savings Plan's recurring fee at its unused commitment, a reservation's fee at its
 * unused part, negations, upfront fees and reservation fees at zero (they are spread into the covered
 * usage), every other line at its unblended cost. Net amortized takes the dictionary's `_net_`
 * twins of those columns where there is one. A branch whose columns the export lacks is left out
 * (that line then counts at its plain cost).
 */
export function cur2Cost(basis: CostBasis, has: Has): CostExpression {
  const net = basis === "net" || basis === "net-amortized";
  const hasNet = has("line_item_net_unblended_cost");
  const unblended = num(col("line_item_unblended_cost"));
  // A blank net cost (CSV) falls back to the unblended one rather than counting the line as zero.
  const plain =
    net && hasNet ? `coalesce(${num(col("line_item_net_unblended_cost"))}, ${unblended})` : unblended;
  const note =
    net && !hasNet
      ? "the export has no line_item_net_unblended_cost column (AWS adds it only for a period with discounts): net cost equals unblended cost here"
      : undefined;
  if (basis === "net" || basis === "unblended") return { sql: plain, ...(note ? { note } : {}) };
  const twin = (column: string, netColumn: string) => (net ? netColumn : column);
  const branches: Array<[string, string[], (columns: string[]) => string]> = [
    [
      "SavingsPlanCoveredUsage",
      [twin("savings_plan_savings_plan_effective_cost", "savings_plan_net_savings_plan_effective_cost")],
      ([cost]) => num(col(cost)),
    ],
    [
      "SavingsPlanRecurringFee",
      ["savings_plan_total_commitment_to_date", "savings_plan_used_commitment"],
      ([total, used]) => `${num(col(total))} - ${num(col(used))}`,
    ],
    ["SavingsPlanNegation", [], () => "0"],
    ["SavingsPlanUpfrontFee", [], () => "0"],
    [
      "DiscountedUsage",
      [twin("reservation_effective_cost", "reservation_net_effective_cost")],
      ([cost]) => num(col(cost)),
    ],
    [
      "RIFee",
      [
        twin(
          "reservation_unused_amortized_upfront_fee_for_billing_period",
          "reservation_net_unused_amortized_upfront_fee_for_billing_period",
        ),
        twin("reservation_unused_recurring_fee", "reservation_net_unused_recurring_fee"),
      ],
      ([upfront, recurring]) => `${num(col(upfront))} + ${num(col(recurring))}`,
    ],
  ];
  const type = col("line_item_line_item_type");
  const cases = branches
    .filter(([, columns]) => columns.every(has))
    .map(([name, columns, sql]) => `WHEN ${type} = ${quote(name)} THEN ${sql(columns)}`);
  if (has("reservation_reservation_a_r_n"))
    cases.push(`WHEN ${type} = 'Fee' AND ${col("reservation_reservation_a_r_n")} <> '' THEN 0`);
  const sql = has("line_item_line_item_type") ? `CASE ${cases.join(" ")} ELSE ${plain} END` : plain;
  return { sql, ...(note ? { note } : {}) };
}

/**
 * FOCUS. `BilledCost` is net of discounts and `EffectiveCost` amortises commitments net of
 * discounts (FOCUS spec, billedcost.md and effectivecost.md); FOCUS has no column for cost before
 * negotiated discounts, so `unblended` and `amortized` are refused rather than approximated.
 */
export function focusCost(basis: CostBasis, file: string): CostExpression {
  if (basis === "net") return { sql: num(col("BilledCost")) };
  if (basis === "net-amortized") return { sql: num(col("EffectiveCost")) };
  throw new SourceError(
    `--cost-basis ${basis}: ${file} is a FOCUS export, which has no cost before negotiated discounts (BilledCost is net, EffectiveCost net amortized); use --cost-basis net or net-amortized, or a CUR 2.0 export`,
  );
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
