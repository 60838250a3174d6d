/**
 * The settings a workload reads its model from: Lambda environment variables, ECS container
 * environments (classic `containerDefinitions` is a JSON string) and SSM String/StringList
 * parameters, in their classic and native shapes.
 */
import { types } from "./resource-types";
import { type JsonRecord, UNKNOWN, at, decodeJson, isRecord, list, text } from "./values";

export interface Setting {
  /** Where the value sits, for the message: `environment variable MODEL_ID`. */
  where: string;
  value: string;
}

export interface SettingMatches {
  /** The first `limit` settings whose (known) value `test` accepts. */
  matches: Setting[];
  /** How many more matched past the limit. */
  more: number;
}

/** SSM parameters hold at most 8 KB (advanced tier); a longer value cannot deploy and is not read further. */
const maxParameterCharacters = 64 * 1024;

/**
 * Settings of the workload whose known string value `test` accepts (unknown values are left out:
 * not guessed). Only matches are described, so a resource with thousands of settings costs one
 * test per value.
 */
export function findSettings(
  type: string,
  props: JsonRecord,
  test: (value: string) => boolean,
  limit = 10,
): SettingMatches {
  const found: SettingMatches = { matches: [], more: 0 };
  const consider = (value: unknown, where: () => string) => {
    if (typeof value !== "string" || !test(value)) return;
    if (found.matches.length < limit) found.matches.push({ where: where(), value });
    else found.more++;
  };
  switch (type) {
    case types.lambdaFunction:
    case types.nativeLambdaFunction: {
      const variables = at(props, "environment", "variables");
      if (isRecord(variables))
        for (const name of Object.keys(variables))
          consider(text(variables[name]), () => `environment variable ${name}`);
      break;
    }
    case types.ecsTaskDefinition:
    case types.nativeEcsTaskDefinition: {
      const decoded = decodeJson(at(props, "containerDefinitions"));
      const containers = decoded === UNKNOWN || "error" in decoded ? undefined : list(decoded.value);
      for (const container of containers === UNKNOWN ? [] : (containers ?? [])) {
        const containerName = text(at(container, "name"));
        const environment = list(at(container, "environment"));
        for (const entry of environment === UNKNOWN ? [] : (environment ?? [])) {
          consider(text(at(entry, "value")), () => {
            const name = text(at(entry, "name"));
            return `environment variable ${typeof name === "string" ? name : "(unnamed)"}${typeof containerName === "string" ? ` of container ${containerName}` : ""}`;
          });
        }
      }
      break;
    }
    case types.ssmParameter:
    case types.nativeSsmParameter: {
      const parameterType = text(at(props, "type"));
      if (parameterType !== "String" && parameterType !== "StringList") break; // SecureString and unknown types are not read
      const value = text(at(props, "value"));
      const insecureValue = text(at(props, "insecureValue"));
      const raw =
        typeof value === "string" ? value : typeof insecureValue === "string" ? insecureValue : undefined;
      if (raw === undefined) break;
      const bounded = raw.slice(0, maxParameterCharacters);
      for (const entry of parameterType === "StringList" ? bounded.split(",") : [bounded])
        consider(entry, () => "value");
      break;
    }
  }
  return found;
}
