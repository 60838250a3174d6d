/**
 * What a plan means to the people who read it: per account and tenant, the profiles and their
 * alarms, the budget and its thresholds, and what the guardrails themselves cost. Derived from the
 * resources alone, so a stack export of any program summarises the same way. (`PlanSummary`, not
 * `Plan`: the resources are `PlannedResource`s, and the tests' index of a run's registrations is
 * `RegisteredResources`.)
 */
import type { LeftOutTenant } from "../../../src/left-out-tenants";
import type { PlanAlarm } from "./alarm";
import type { AccountBudgetCost } from "./costs";
import type { AccountRef } from "./read-resource";

export interface PlanProfile {
  tenant: string;
  name: string;
  awsName: string;
  model: string;
  /** Geo of the system-defined cross-Region profile it copies, if any. */
  crossRegion?: string;
  /** As AWS stores it: a change replaces the profile, as a change of `awsName` or the model does. */
  description?: string;
  /** Registered with `protect: true`: the engine refuses to delete (and so to replace) it. */
  protect: boolean;
  /** The alarms tagged with this profile. */
  alarms: PlanAlarm[];
  urn: string;
}

export interface PlanBudget {
  name: string;
  monthlyUsd: number;
  alertAtPercent: number[];
  forecastAtPercent?: number;
  onExceed: "notify" | "deny";
}

export interface PlanTenant {
  name: string;
  /** The tenant's cost tags (its budget's tags, or else its profiles' less `profile` and `model`). */
  tags: Record<string, string>;
  profiles: PlanProfile[];
  budget?: PlanBudget;
  /** Every alarm of the tenant, its profiles' and `otherAlarms`. */
  alarms: number;
  /** Alarms tagged with the tenant but with none of its profiles. */
  otherAlarms: PlanAlarm[];
  /** Its alarms, plus its budget's even share of the account's budget cost. */
  governanceUsdPerMonth: number;
}

export interface PlanAccount extends AccountRef {
  tenants: PlanTenant[];
  /** The account's budgets and what they cost beyond AWS's free tier (shared by every Region of the account). */
  budgetCost?: AccountBudgetCost;
}

export interface PlanSummary {
  accounts: PlanAccount[];
  tenants: number;
  profiles: number;
  monthlyBudgetUsd: number;
  governanceUsdPerMonth: number;
  quotaWarnings: string[];
  /** Tenant files the stack does not plan, known when the check ran the program (not from a stack export). */
  leftOut: LeftOutTenant[];
}
