import * as assert from "node:assert/strict";
import type { ChargebackReport } from "../../tools/chargeback/report";
import { claimsAi, expected, sharedAi, sonnetEdition } from "./scenario";

/** Equal to a millionth of a cent: sums of floating-point dollars are not exact. */
export function close(actual: number | undefined, wanted: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - wanted) < 1e-6, `expected ${wanted}, got ${actual}`);
}

/** The figures every source must give for `novemberItems`, whichever way it reads them. */
export function assertScenarioFigures(report: ChargebackReport): void {
  close(report.totalBedrockUsd, expected.totalBedrockUsd);
  const spend = Object.fromEntries(report.tenants.map((tenant) => [tenant.tenant, tenant.bedrockUsd]));
  close(spend.alpha, expected.alpha);
  close(spend.beta, expected.beta);
  close(spend.gamma, expected.gamma);
  close(report.unattributed.usd, expected.unattributed);
  close(report.unattributed.share, expected.unattributed / expected.totalBedrockUsd);
  close(report.otherEnvironmentsUsd, expected.otherEnvironments);
  assert.deepEqual(
    report.unknownTenants.map((entry) => entry.tenant),
    ["ghost"],
  );
  close(report.unknownTenants[0].bedrockUsd, expected.ghost);
  assert.deepEqual(
    report.unattributed.top.map((entry) => [entry.account, entry.service, entry.usageType, entry.usd]),
    [
      [claimsAi, sonnetEdition, "USW2-MP:USW2_OutputTokenCount-Units", 200],
      [sharedAi, "Amazon Bedrock", "USE1-NovaLite-output-tokens", 200],
    ],
  );
}
