/**
 * One month of Bedrock billing for the `prod` stack (Pulumi.prod.yaml: shared-ai 777788889999,
 * claims-ai 012345678901) and the fixture tenants alpha (budget 1000), beta (500) and gamma (200).
 * Every rule of the report has a line item here; the expected figures are worked out by hand below.
 */
export interface LineItem {
  account: string;
  service: string;
  usageType: string;
  tenant?: string;
  environment?: string;
  profile?: string;
  resourceId?: string;
  /** Unblended cost. */
  usd: number;
  /** Net unblended cost (after negotiated discounts); `usd` when not given; null for a blank cell. */
  netUsd?: number | null;
  /** Savings Plan effective cost of a SavingsPlanCoveredUsage line (CUR 2.0 only). */
  savingsPlanEffectiveUsd?: number;
  /** `YYYY-MM-DD` of the usage. */
  day: string;
  /** CUR 2.0 `line_item_line_item_type` (Cost Explorer RECORD_TYPE); Usage when not given. */
  lineType?: string;
  /** `YYYY-MM` of the billing period it is invoiced in; the usage day's month when not given. */
  billingPeriod?: string;
}

export const sharedAi = "777788889999";
export const claimsAi = "012345678901";
export const outsideAccount = "999999999999";
export const haikuEdition = "Claude 3 Haiku (Amazon Bedrock Edition)";
export const sonnetEdition = "Claude 3.5 Sonnet (Amazon Bedrock Edition)";
export const alphaChatArn = `arn:aws:bedrock:us-east-1:${sharedAi}:application-inference-profile/a1b2c3d4e5f6`;
export const alphaOtherArn = `arn:aws:bedrock:us-east-1:${sharedAi}:application-inference-profile/zz9yy8xx7ww6`;

const prod = { environment: "prod" };
export const novemberItems: LineItem[] = [
  // alpha: Bedrock's own line item plus a Marketplace edition (Anthropic): 300.25 + 450.50 = 750.75.
  {
    account: sharedAi,
    service: "Amazon Bedrock",
    usageType: "USE1-NovaLite-input-tokens",
    tenant: "alpha",
    ...prod,
    profile: "chat",
    resourceId: alphaChatArn,
    usd: 300.25,
    day: "2026-11-03",
  },
  {
    account: sharedAi,
    service: haikuEdition,
    usageType: "USE1-MP:USE1_InputTokenCount-Units",
    tenant: "alpha",
    ...prod,
    resourceId: alphaOtherArn,
    usd: 450.5,
    day: "2026-11-20",
  },
  // beta: over its 500 budget.
  {
    account: sharedAi,
    service: "Amazon Bedrock",
    usageType: "USE1-NovaMicro-input-tokens",
    tenant: "beta",
    ...prod,
    usd: 620,
    day: "2026-11-10",
  },
  // gamma: 120 in prod; 80 tagged dev in the same account is another environment's.
  {
    account: claimsAi,
    service: "Claude Sonnet 4 (Amazon Bedrock Edition)",
    usageType: "USW2-MP:USW2_OutputTokenCount-Units",
    tenant: "gamma",
    ...prod,
    usd: 120,
    day: "2026-11-11",
  },
  {
    account: claimsAi,
    service: "Amazon Bedrock",
    usageType: "USW2-NovaLite-input-tokens",
    tenant: "gamma",
    environment: "dev",
    usd: 80,
    day: "2026-11-12",
  },
  // Untagged: 200 in shared-ai, 150 + 50 for one service and usage type in claims-ai.
  {
    account: sharedAi,
    service: "Amazon Bedrock",
    usageType: "USE1-NovaLite-output-tokens",
    usd: 200,
    day: "2026-11-05",
  },
  {
    account: claimsAi,
    service: sonnetEdition,
    usageType: "USW2-MP:USW2_OutputTokenCount-Units",
    usd: 150,
    day: "2026-11-06",
  },
  {
    account: claimsAi,
    service: sonnetEdition,
    usageType: "USW2-MP:USW2_OutputTokenCount-Units",
    usd: 50,
    day: "2026-11-07",
  },
  // A tenant tag no tenant file has.
  {
    account: sharedAi,
    service: "Amazon Bedrock",
    usageType: "USE1-NovaLite-input-tokens",
    tenant: "ghost",
    ...prod,
    usd: 33.33,
    day: "2026-11-08",
  },
  // Out of scope: another account, another service, another month.
  {
    account: outsideAccount,
    service: "Amazon Bedrock",
    usageType: "USE1-NovaLite-input-tokens",
    tenant: "alpha",
    ...prod,
    usd: 999,
    day: "2026-11-09",
  },
  {
    account: sharedAi,
    service: "Amazon Elastic Compute Cloud - Compute",
    usageType: "USE1-BoxUsage:m5.large",
    tenant: "alpha",
    ...prod,
    usd: 5000,
    day: "2026-11-09",
  },
  {
    account: sharedAi,
    service: "Amazon Bedrock",
    usageType: "USE1-NovaLite-input-tokens",
    tenant: "alpha",
    ...prod,
    usd: 777,
    day: "2026-10-31",
  },
];

export const expected = {
  totalBedrockUsd: 300.25 + 450.5 + 620 + 120 + 80 + 200 + 150 + 50 + 33.33,
  alpha: 750.75,
  beta: 620,
  gamma: 120,
  unattributed: 400,
  otherEnvironments: 80,
  ghost: 33.33,
};
