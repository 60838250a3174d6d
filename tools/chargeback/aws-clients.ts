import { CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { SourceError, awsErrorLine } from "./source-error";

/**
 * Cost Explorer's API has one endpoint, in us-east-1, answering for the whole organisation when
 * called from the management (payer) account.
 */
export const costExplorerRegion = "us-east-1";

/**
 * The Cost Explorer client: the SDK's default credential chain, or the stack's `billing.roleArn`
 * assumed first. Endpoints are the SDK's business: SDK v3 itself reads `AWS_ENDPOINT_URL_COST_EXPLORER`
 * then `AWS_ENDPOINT_URL` (service id "Cost Explorer", @smithy/core `getEndpointUrlConfig`), as the
 * CLI does; throttling is retried by its standard retry strategy.
 */
export async function costExplorerClient(options: { assumeRoleArn?: string }): Promise<CostExplorerClient> {
  if (!options.assumeRoleArn) return new CostExplorerClient({ region: costExplorerRegion });
  const sts = new STSClient({ region: costExplorerRegion });
  try {
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: options.assumeRoleArn, RoleSessionName: "bedrock-chargeback" }),
    );
    if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey)
      throw new SourceError(`sts:AssumeRole ${options.assumeRoleArn} returned no credentials`);
    return new CostExplorerClient({
      region: costExplorerRegion,
      credentials: {
        accessKeyId: Credentials.AccessKeyId,
        secretAccessKey: Credentials.SecretAccessKey,
        sessionToken: Credentials.SessionToken,
      },
    });
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`sts:AssumeRole ${options.assumeRoleArn}: ${awsErrorLine(error)}`);
  } finally {
    sts.destroy();
  }
}
