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

/** Settings with known string values; unknown ones are left out (not guessed). Bounded by `max`. */
export function workloadSettings(type: string, props: JsonRecord, max = 10_000): Setting[] {
  switch (type) {
    case types.lambdaFunction:
    case types.nativeLambdaFunction:
      return variables(at(props, "environment", "variables"), "environment variable", max);
    case types.ecsTaskDefinition:
    case types.nativeEcsTaskDefinition:
      return containerEnvironments(at(props, "containerDefinitions"), max);
    case types.ssmParameter:
    case types.nativeSsmParameter:
      return parameterValues(props);
    default:
      return [];
  }
}

function variables(map: unknown, label: string, max: number): Setting[] {
  if (!isRecord(map)) return [];
  const settings: Setting[] = [];
  for (const name of Object.keys(map).slice(0, max)) {
    const value = text(map[name]);
    if (typeof value === "string") settings.push({ where: `${label} ${name}`, value });
  }
  return settings;
}

function containerEnvironments(value: unknown, max: number): Setting[] {
  const decoded = decodeJson(value);
  if (decoded === UNKNOWN || "error" in decoded) return [];
  const containers = list(decoded.value);
  if (containers === UNKNOWN || containers === undefined) return [];
  const settings: Setting[] = [];
  for (const container of containers) {
    const containerName = text(at(container, "name"));
    const environment = list(at(container, "environment"));
    if (environment === UNKNOWN || environment === undefined) continue;
    for (const entry of environment) {
      if (settings.length >= max) return settings;
      const name = text(at(entry, "name"));
      const entryValue = text(at(entry, "value"));
      if (typeof entryValue !== "string") continue;
      const container = typeof containerName === "string" ? ` of container ${containerName}` : "";
      settings.push({
        where: `environment variable ${typeof name === "string" ? name : "(unnamed)"}${container}`,
        value: entryValue,
      });
    }
  }
  return settings;
}

function parameterValues(props: JsonRecord): Setting[] {
  const parameterType = text(at(props, "type"));
  if (parameterType !== "String" && parameterType !== "StringList") return []; // SecureString and unknown types are not read
  const value = text(at(props, "value"));
  const insecureValue = text(at(props, "insecureValue"));
  const raw =
    typeof value === "string" ? value : typeof insecureValue === "string" ? insecureValue : undefined;
  if (raw === undefined) return [];
  const entries = parameterType === "StringList" ? raw.split(",") : [raw];
  return entries.slice(0, 10_000).map((entry) => ({ where: "value", value: entry }));
}
