import { budgetNotifications as policy } from "../rules/budget-notifications";
import { type ResourceSpec, UNKNOWN } from "./helpers/policy-args";
import { resourcePolicyChecks } from "./helpers/policy-checks";

const { expectNoViolations, expectViolation, expectNotApplicable } = resourcePolicyChecks(policy);

const actual = {
  comparisonOperator: "GREATER_THAN",
  threshold: 50,
  thresholdType: "PERCENTAGE",
  notificationType: "ACTUAL",
  subscriberEmailAddresses: ["finops@example.com"],
  subscriberSnsTopicArns: ["arn:aws:sns:us-east-1:111122223333:claims-bedrock-alerts-dev"],
};
const forecasted = { ...actual, threshold: 100, notificationType: "FORECASTED" };

/** The budget our program creates for a tenant. */
function getHappyPathArgs(overrides: Record<string, unknown> = {}): ResourceSpec {
  return {
    type: "aws:budgets/budget:Budget",
    name: "claims-budget",
    props: {
      name: "bedrock-claims-dev",
      budgetType: "COST",
      limitAmount: "1000",
      limitUnit: "USD",
      timeUnit: "MONTHLY",
      costFilters: [{ name: "TagKeyValue", values: ["user:tenant$claims"] }],
      notifications: [actual, forecasted],
      ...overrides,
    },
  };
}

function nativeBudget(limit: unknown, notifications: unknown[]): ResourceSpec {
  return {
    type: "aws-native:budgets:Budget",
    name: "claims-budget",
    props: {
      budget: {
        budgetType: "COST",
        timeUnit: "MONTHLY",
        budgetLimit: limit,
        costFilters: { TagKeyValue: ["user:tenant$claims"] },
      },
      notificationsWithSubscribers: notifications,
    },
  };
}
const nativeActual = {
  notification: {
    comparisonOperator: "GREATER_THAN",
    notificationType: "ACTUAL",
    threshold: 80,
    thresholdType: "PERCENTAGE",
  },
  subscribers: [{ address: "finops@example.com", subscriptionType: "EMAIL" }],
};

describe("#budget-notifications", () => {
  it("passes the program's tenant budget", async () => {
    await expectNoViolations(getHappyPathArgs());
  });

  it("passes an ACTUAL notification at exactly 100% with only an SNS subscriber", async () => {
    await expectNoViolations(
      getHappyPathArgs({ notifications: [{ ...actual, threshold: 100, subscriberEmailAddresses: [] }] }),
    );
  });

  it("passes an ABSOLUTE_VALUE notification at or below the limit, and fails one above it", async () => {
    await expectNoViolations(
      getHappyPathArgs({ notifications: [{ ...actual, thresholdType: "ABSOLUTE_VALUE", threshold: 900 }] }),
    );
    await expectViolation(
      getHappyPathArgs({
        notifications: [{ ...actual, thresholdType: "ABSOLUTE_VALUE", threshold: 1500 }],
      }),
      "no ACTUAL notification at or below 100%",
    );
  });

  it("passes planned limits that are all positive USD amounts", async () => {
    const plannedLimits = [
      { amount: "100", unit: "USD", startTime: "2025-01-01_00:00" },
      { amount: "120", unit: "USD", startTime: "2025-02-01_00:00" },
    ];
    await expectNoViolations(
      getHappyPathArgs({ limitAmount: undefined, limitUnit: undefined, plannedLimits }),
    );
  });

  it("fails a limit that is zero, negative or not a number, naming the budget", async () => {
    for (const limitAmount of ["0", "-5", "lots", 0]) {
      await expectViolation(
        getHappyPathArgs({ limitAmount }),
        /COST budget "claims-budget" has a limit that is not a positive amount/,
      );
    }
  });

  it("fails a limit in another currency, and a budget with no limit", async () => {
    await expectViolation(getHappyPathArgs({ limitUnit: "EUR" }), 'has a limit in "EUR", not USD');
    await expectViolation(getHappyPathArgs({ limitAmount: undefined, limitUnit: undefined }), "has no limit");
  });

  it("fails a budget whose only notifications are FORECASTED", async () => {
    await expectViolation(
      getHappyPathArgs({ notifications: [forecasted] }),
      "has no ACTUAL notification at or below 100% of its limit",
    );
  });

  it("fails a budget with no notifications at all", async () => {
    await expectViolation(getHappyPathArgs({ notifications: undefined }), "has no ACTUAL notification");
  });

  it("fails an ACTUAL notification above 100%, and one comparing LESS_THAN", async () => {
    await expectViolation(
      getHappyPathArgs({ notifications: [{ ...actual, threshold: 120 }] }),
      "has no ACTUAL notification at or below 100%",
    );
    await expectViolation(
      getHappyPathArgs({ notifications: [{ ...actual, comparisonOperator: "LESS_THAN" }] }),
      "has no ACTUAL notification",
    );
  });

  it("fails an ACTUAL notification nobody is subscribed to", async () => {
    await expectViolation(
      getHappyPathArgs({
        notifications: [{ ...actual, subscriberEmailAddresses: [], subscriberSnsTopicArns: undefined }],
      }),
      "has no subscriber (email or SNS) on its ACTUAL notifications",
    );
  });

  it("reads maxThresholdPercent and currency from config", async () => {
    await expectViolation(getHappyPathArgs(), "at or below 40%", { config: { maxThresholdPercent: 40 } });
    await expectNoViolations(getHappyPathArgs({ limitUnit: "EUR" }), { config: { currency: "EUR" } });
  });

  it("passes an aws-native budget and fails one without a subscriber", async () => {
    await expectNoViolations(nativeBudget({ amount: 1000, unit: "USD" }, [nativeActual]));
    await expectViolation(
      nativeBudget({ amount: 1000, unit: "USD" }, [{ ...nativeActual, subscribers: [] }]),
      "has no subscriber",
    );
    await expectViolation(nativeBudget({ amount: 0, unit: "USD" }, [nativeActual]), "not a positive amount");
  });

  it("does not guess while the limit, the notifications or the subscribers are unknown", async () => {
    await expectNoViolations(getHappyPathArgs({ limitAmount: UNKNOWN }));
    await expectNoViolations(getHappyPathArgs({ notifications: UNKNOWN }));
    await expectNoViolations(
      getHappyPathArgs({
        notifications: [{ ...actual, subscriberEmailAddresses: UNKNOWN, subscriberSnsTopicArns: [] }],
      }),
    );
    await expectNoViolations(
      getHappyPathArgs({
        notifications: [{ ...actual, subscriberEmailAddresses: [], subscriberSnsTopicArns: [UNKNOWN] }],
      }),
    );
    await expectNoViolations(getHappyPathArgs({ budgetType: UNKNOWN, limitAmount: "0" }));
  });

  it("is not applicable to USAGE budgets or other resource types", async () => {
    await expectNotApplicable(getHappyPathArgs({ budgetType: "USAGE", limitUnit: "GB" }));
    await expectNotApplicable({ type: "aws:budgets/budgetAction:BudgetAction", props: {} });
  });
});
