/**
 * Which line items are usage (what a tenant consumed and is charged for) and which are adjustments
 * to the invoice (tax, credits, refunds, discounts, fees). Tenants, unknown tenants, other
 * environments and the unattributed figure count usage only; adjustments are reported apart, by
 * type, so that usage + adjustments is the invoice's Bedrock total.
 *
 * - CUR 2.0 `line_item_line_item_type` (AWS Data Exports table dictionary, line item columns,
 *   https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2-line-item.html, and the
 *   legacy CUR `lineItem/LineItemType` it carries over,
 *   https://docs.aws.amazon.com/cur/latest/userguide/Lineitem-columns.html): `Usage` (on-demand),
 *   `DiscountedUsage` (covered by a Reserved Instance) and `SavingsPlanCoveredUsage` (covered by a
 *   Savings Plan) are consumption; every other type (Tax, Credit, Refund, Fee, RIFee, BundledDiscount,
 *   EdpDiscount, PrivateRateDiscount, SavingsPlanNegation, SavingsPlanRecurringFee, ...) is not.
 * - FOCUS `ChargeCategory` (FOCUS spec 1.0 and 1.2, specification/columns/chargecategory.md): allowed
 *   values Usage, Purchase, Tax, Credit, Adjustment; only `Usage` is consumption. `ChargeClass`
 *   (specification/columns/chargeclass.md) is "Correction" for a correction to a previously invoiced
 *   billing period: on a billing-period basis that is an adjustment of this invoice, not this
 *   period's usage, so it is reported as the adjustment type "Correction".
 * - Cost Explorer `RECORD_TYPE` dimension (botocore ce model, `Dimension` enum): the same values as
 *   CUR's line item type; usage is filtered with the three consumption types.
 *
 * A type this table does not know is never charged to a tenant: it stays an adjustment under its own
 * name, so the totals still reconcile, and the report says it met one.
 */
export const cur2UsageLineItemTypes = ["Usage", "DiscountedUsage", "SavingsPlanCoveredUsage"] as const;

/** The line item types the CUR dictionary lists that are not consumption (reported as adjustments). */
export const cur2AdjustmentLineItemTypes = [
  "Tax",
  "Credit",
  "Refund",
  "Fee",
  "RIFee",
  "BundledDiscount",
  "EdpDiscount",
  "PrivateRateDiscount",
  "Discount",
  "DistributorDiscount",
  "SavingsPlanNegation",
  "SavingsPlanRecurringFee",
  "SavingsPlanUpfrontFee",
] as const;

/** FOCUS `ChargeCategory` values (FOCUS 1.0 and 1.2 allowed values). */
export const focusUsageChargeCategory = "Usage";
export const focusChargeCategories = ["Usage", "Purchase", "Tax", "Credit", "Adjustment"] as const;
/** FOCUS `ChargeClass` value of a correction to a previously invoiced billing period. */
export const focusCorrectionChargeClass = "Correction";

/** Cost Explorer RECORD_TYPE values of consumption, the same names as CUR's line item types. */
export const costExplorerUsageRecordTypes: readonly string[] = cur2UsageLineItemTypes;

const known = new Set<string>([
  ...cur2UsageLineItemTypes,
  ...cur2AdjustmentLineItemTypes,
  ...focusChargeCategories,
  focusCorrectionChargeClass,
]);

/** True for a type neither table names (the report notes it; it is still an adjustment). */
export function isUnclassifiedChargeType(type: string): boolean {
  return !known.has(type);
}
