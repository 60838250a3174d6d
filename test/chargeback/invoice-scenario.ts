import { type LineItem, claimsAi, novemberItems, sharedAi, sonnetEdition } from "./scenario";

/**
 * November's usage (scenario.ts) plus what an invoice also carries and a usage-only report must
 * keep apart: tax, a credit, a refund invoiced in December for November usage, an EDP discount
 * line, and an enterprise discount on alpha's usage (net below unblended). Worked by hand below.
 */
export const invoiceItems: LineItem[] = [
  ...novemberItems,
  {
    account: sharedAi,
    service: "Amazon Bedrock",
    usageType: "",
    usd: 115,
    day: "2026-11-30",
    lineType: "Tax",
  },
  {
    account: claimsAi,
    service: sonnetEdition,
    usageType: "",
    usd: -102.5,
    day: "2026-11-15",
    lineType: "Credit",
  },
  {
    account: sharedAi,
    service: "Amazon Bedrock",
    usageType: "USE1-NovaLite-input-tokens",
    usd: -34,
    day: "2026-11-20",
    lineType: "Refund",
    billingPeriod: "2026-12",
  },
  {
    account: sharedAi,
    service: "Amazon Bedrock",
    usageType: "USE1-NovaLite-input-tokens",
    usd: -29.15,
    day: "2026-11-01",
    lineType: "EdpDiscount",
  },
  // December usage billed in December.
  {
    account: sharedAi,
    service: "Amazon Bedrock",
    usageType: "USE1-NovaLite-input-tokens",
    tenant: "alpha",
    environment: "prod",
    usd: 10,
    day: "2026-12-02",
  },
];

/** alpha's Bedrock line item at 300.25 unblended is 270.23 net of a 10% enterprise discount. */
export const discounted = invoiceItems.map((item) =>
  item.usd === 300.25 ? { ...item, netUsd: 270.225 } : item,
);

export const novemberInvoice = {
  usage: 2004.08,
  adjustments: { Tax: 115, Credit: -102.5, EdpDiscount: -29.15 },
  adjustmentsUsd: 115 - 102.5 - 29.15,
  invoice: 2004.08 + 115 - 102.5 - 29.15,
  unattributed: 400,
};
