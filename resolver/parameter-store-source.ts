import { GetParametersByPathCommand, type Parameter, type SSMClient } from "@aws-sdk/client-ssm";
import { isApplicationInferenceProfileArn } from "./arn";
import { parameterLayout, parameterRoot } from "./contracts";
import { InvalidSelectorError } from "./errors";
import { collectPages } from "./paginate";
import { matchesSelector } from "./selector";
import type { ProfileRecord, ProfileSource } from "./source";

/** The prefix the program writes under (contracts.ts, the program's own). */
export const DEFAULT_PARAMETER_ROOT = parameterRoot;

/** What the segments under the root mean: `<root>/<environment>/<tenant>/<profile>` (contracts.ts). */
const LAYOUT = parameterLayout;
const LAYOUT_KEYS: ReadonlySet<string> = new Set(LAYOUT);

export interface ParameterStoreSourceOptions {
  client: SSMClient;
  /**
   * The subtree this source may read: the root itself or a path below it such
   * as `/bedrock-cost-governance/prod`, which also keeps a service from ever
   * seeing another environment's profiles. Defaults to `root`.
   */
  path?: string;
  /** The prefix the core stack writes under. */
  root?: string;
}

/**
 * Reads the parameters the core stack writes, one per profile, whose value is
 * the profile ARN. Tags are taken from the name's segments instead of calling
 * ListTagsForResource once per parameter, so only environment, tenant and
 * profile can be selected on; a selector with any other key is rejected
 * rather than silently matching nothing.
 */
export function parameterStoreSource({
  client,
  path,
  root = DEFAULT_PARAMETER_ROOT,
}: ParameterStoreSourceOptions): ProfileSource {
  const rootSegments = pathSegments(root, "root");
  const scopeSegments = pathSegments(path ?? root, "path");
  const underRoot = rootSegments.every((segment, i) => scopeSegments[i] === segment);
  // Stop one level above the profile: GetParametersByPath lists what is below a path, never the parameter at it.
  const deepestListablePath = rootSegments.length + LAYOUT.length - 1;
  if (!underRoot || scopeSegments.length > deepestListablePath) {
    throw new TypeError(`path ${path} must be ${root} or at most ${LAYOUT.length - 1} levels below it`);
  }

  return {
    async lookup(selector) {
      const unsupported = Object.keys(selector).filter((key) => !LAYOUT_KEYS.has(key));
      if (unsupported.length > 0) {
        throw new InvalidSelectorError(
          selector,
          `the parameter store source can only match ${LAYOUT.join(", ")}; use tagSource to match ${unsupported.join(", ")}`,
        );
      }
      const parameters = await collectPages<Parameter>(async (NextToken) => {
        const page = await client.send(
          new GetParametersByPathCommand({ Path: narrowestPath(selector), Recursive: true, NextToken }),
        );
        return { items: page.Parameters, nextToken: page.NextToken };
      });
      return parameters.flatMap((parameter) => {
        const record = toRecord(parameter);
        return record && matchesSelector(record.tags, selector) ? [record] : [];
      });
    },
  };

  // Descending into the selector's environment and tenant turns a scan of every
  // tenant's parameters (10 per page, a throttled API) into one or two calls.
  function narrowestPath(selector: Record<string, string>): string {
    const segments = [...scopeSegments];
    while (segments.length < deepestListablePath) {
      const value = selector[LAYOUT[segments.length - rootSegments.length]];
      if (value === undefined || value.includes("/")) break;
      segments.push(value);
    }
    return "/" + segments.join("/");
  }

  function toRecord({ Name, Value }: Parameter): ProfileRecord | undefined {
    if (!Name?.startsWith("/") || !isApplicationInferenceProfileArn(Value)) return undefined;
    const relative = pathSegments(Name, "parameter name").slice(rootSegments.length);
    if (relative.length !== LAYOUT.length) return undefined;
    const tags: Record<string, string> = {};
    LAYOUT.forEach((key, i) => (tags[key] = relative[i]));
    return { arn: Value, tags };
  }
}

function pathSegments(value: string, what: string): string[] {
  if (!value.startsWith("/")) throw new TypeError(`${what} ${value} must start with "/"`);
  return value.split("/").filter((segment) => segment !== "");
}
