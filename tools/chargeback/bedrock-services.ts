/**
 * Which line items are Bedrock spend.
 *
 * - Amazon Bedrock's own line items carry the service name "Amazon Bedrock" (Cost Explorer's SERVICE
 *   dimension, CUR's `product['product_name']`, FOCUS `ServiceName`) and the code `AmazonBedrock`
 *   (CUR `line_item_product_code`, FOCUS `x_ServiceCode`).
 * - Third-party models served by Bedrock (Anthropic, Meta, Mistral, Cohere, ...) are sold through AWS
 *   Marketplace, one service per model, named "<Model> (Amazon Bedrock Edition)", for example
 *   "Claude 3 Haiku (Amazon Bedrock Edition)" with usage types like `USE1-MP:USE1_InputTokenCount-Units`
 *   (seen in the AWS Price List `servicename` attribute and in Cost Explorer's SERVICE values; public
 *   cost tools match the suffix because the set grows with every model AWS lists). A filter on
 *   "Amazon Bedrock" alone misses all of that, which is most Claude spend.
 */
export const bedrockServiceName = "Amazon Bedrock";
export const bedrockServiceCode = "AmazonBedrock";
export const marketplaceEditionSuffix = "(Amazon Bedrock Edition)";

export function isBedrockService(service: string): boolean {
  const name = service.trim();
  return (
    name === bedrockServiceName || name === bedrockServiceCode || name.endsWith(marketplaceEditionSuffix)
  );
}

/**
 * The same rule as one anchored regular expression over the service name (surrounding blanks
 * allowed), so a query extracts the name once per line item: a predicate naming it three times
 * made DuckDB read the `product` map three times per row.
 */
export const bedrockServicePattern = `^\\s*(${bedrockServiceName}|${bedrockServiceCode}|.*${marketplaceEditionSuffix.replace(/[()]/g, "\\$&")})\\s*$`;
