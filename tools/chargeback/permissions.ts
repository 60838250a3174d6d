/**
 * The IAM actions the report calls with, and when. docs/chargeback.md lists them for the policy an
 * operator writes; a test checks each exists in AWS's IAM data and is in that page.
 */
export const chargebackPermissions = [
  {
    action: "ce:GetDimensionValues",
    when: "always (Cost Explorer source): the Bedrock services of the month",
  },
  {
    action: "ce:GetCostAndUsage",
    when: "always (Cost Explorer source): usage by tag, untagged usage by service, adjustments by record type",
  },
  { action: "ce:GetCostForecast", when: "a month in progress (Cost Explorer source)" },
  { action: "ce:GetCostAndUsageWithResources", when: "--by-profile (Cost Explorer source)" },
  { action: "sts:AssumeRole", when: "--assume-role, on the stack's billing.roleArn" },
  { action: "athena:GetTableMetadata", when: "--athena: the table's columns and partition keys" },
  { action: "athena:StartQueryExecution", when: "--athena: the one query of the report" },
  { action: "athena:GetQueryExecution", when: "--athena: polling the query's state" },
  { action: "athena:GetQueryResults", when: "--athena: reading the answer, page by page" },
  { action: "athena:StopQueryExecution", when: "--athena: stopping the query on timeout or Ctrl-C" },
  { action: "glue:GetDatabase", when: "--athena: Athena reads the Glue Data Catalog for the caller" },
  { action: "glue:GetTable", when: "--athena: the table's definition" },
  { action: "glue:GetPartitions", when: "--athena: the billing_period partitions" },
  { action: "s3:GetObject", when: "--athena: the export's files (and reading the query results)" },
  { action: "s3:ListBucket", when: "--athena: listing the export's partition folders" },
  { action: "s3:GetBucketLocation", when: "--athena: the export and results buckets" },
  { action: "s3:PutObject", when: "--athena: writing the query results to the output location" },
  { action: "kms:Decrypt", when: "--athena: only when the export or results bucket uses SSE-KMS" },
  { action: "kms:GenerateDataKey", when: "--athena: only when the results are encrypted with SSE-KMS" },
] as const;
