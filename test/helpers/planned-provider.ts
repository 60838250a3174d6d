import type { PlannedResource } from "../../tools/check/plan/planned-resource";

/** An AWS provider as the program plans one (per account), for tests of the Analyzer requests. */
export const providerUrn = "urn:pulumi:dev::p::pulumi:providers:aws::account-claims";
export const providerResource: PlannedResource = {
  urn: providerUrn,
  type: "pulumi:providers:aws",
  name: "account-claims",
  inputs: { region: "eu-west-1", allowedAccountIds: '["111122223333"]' },
  protect: false,
  dependencies: [],
  propertyDependencies: {},
  custom: true,
};
