/**
 * `npm run gen:aws-rules -- <models-dir>`: regenerates `src/data/aws-rules.json`
 * from botocore service models (a directory of `<service>.json` and `SOURCE.json`, such as the
 * team's shared `aws-api-models`). For every Pulumi input of `resourceApiMappings` it resolves
 * the API member it becomes and copies that member's constraints: length or value bounds,
 * pattern, enum, list size, and whether it is required. Never hand-edit the output.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { resourceApiMappings } from "../src/aws-resource-specs";
import type { AwsRules, MemberRule } from "../src/aws-rules";
import { parseCli } from "./cli-flags";

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  required?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}
interface ServiceModel {
  operations: Record<string, { input?: { shape: string } }>;
  shapes: Record<string, Shape>;
}

const outputFile = path.join(__dirname, "..", "src", "data", "aws-rules.json");

const usage = `Usage: npm run gen:aws-rules -- <botocore models directory>

Writes src/data/aws-rules.json from AWS's own API models (botocore's data directory).

Exit codes: 0 written, 2 no models directory, or a bad flag.
`;

function main(argv: string[]): number {
  const flags = parseCli("gen:aws-rules", usage, {}, { positionals: true, argv });
  if (typeof flags === "number") return flags;
  const [modelsDir, ...extra] = flags.positionals;
  if (!modelsDir || extra.length > 0) {
    process.stderr.write(usage);
    return 2;
  }
  const models = new Map<string, ServiceModel>();
  const model = (service: string): ServiceModel => {
    let loaded = models.get(service);
    if (!loaded) {
      const file = path.join(modelsDir, `${service}.json`);
      if (!fs.existsSync(file)) throw new Error(`${file}: no such model`);
      loaded = JSON.parse(fs.readFileSync(file, "utf8")) as ServiceModel;
      models.set(service, loaded);
    }
    return loaded;
  };
  const source = JSON.parse(fs.readFileSync(path.join(modelsDir, "SOURCE.json"), "utf8")) as {
    from: string;
    commit: string;
    services: Record<string, { apiVersion: string; source: string }>;
  };

  const problems: string[] = [];
  const rules: AwsRules = {
    generatedFrom: { from: source.from, commit: source.commit, services: {} },
    resources: {},
  };
  // By type token and service name: the specs are files, and the output must not follow their names.
  const mappings = Object.entries(resourceApiMappings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const services = [...new Set(mappings.map(([, mapping]) => mapping.operation.split(":")[0]))].sort();
  for (const service of services)
    rules.generatedFrom.services[service] = source.services[service]?.source ?? "unknown";
  for (const [type, mapping] of mappings) {
    const [service, operationName] = mapping.operation.split(":");
    const { operations, shapes } = model(service);
    const inputShape = operations[operationName]?.input?.shape;
    if (!inputShape) {
      problems.push(`${type}: ${mapping.operation} is not an operation of the ${service} model`);
      continue;
    }
    const members: Record<string, MemberRule> = {};
    for (const [pulumiPath, apiPath] of Object.entries(mapping.members)) {
      const resolved = resolve(shapes, inputShape, apiPath);
      if (typeof resolved === "string") problems.push(`${type}: ${pulumiPath} → ${apiPath}: ${resolved}`);
      else {
        // A member the provider fills in when the input is absent is not required of the program.
        if (mapping.filledByProvider?.includes(apiPath)) delete resolved.required;
        members[pulumiPath] = { api: `${operationName}.${apiPath}`, ...resolved };
      }
    }
    const mappedTopLevel = new Set(
      Object.values(mapping.members).map((apiPath) => apiPath.split(/[.[{]/)[0]),
    );
    for (const required of shapes[inputShape].required ?? []) {
      if (!mappedTopLevel.has(required) && !mapping.filledByProvider?.includes(required))
        problems.push(
          `${type}: required member ${operationName}.${required} has no Pulumi input in the table`,
        );
    }
    rules.resources[type] = { operation: mapping.operation, members };
  }
  if (problems.length > 0) {
    process.stderr.write(`gen:aws-rules: ${problems.length} problem(s):\n${problems.join("\n")}\n`);
    return 2;
  }
  fs.writeFileSync(outputFile, `${JSON.stringify(rules, null, 1)}\n`);
  process.stdout.write(
    `gen:aws-rules: wrote ${path.relative(process.cwd(), outputFile)} (${Object.keys(rules.resources).length} resource types)\n`,
  );
  return 0;
}

/** The constraints of the member at `apiPath`, or why it cannot be resolved. */
function resolve(
  shapes: Record<string, Shape>,
  root: string,
  apiPath: string,
): Omit<MemberRule, "api"> | string {
  let shapeName = root;
  let required = true;
  for (const step of apiPath.match(/[^.[\]{}]+|\[\]|\{key\}|\{value\}/g) ?? []) {
    const shape = shapes[shapeName];
    if (step === "[]") {
      if (shape.type !== "list" || !shape.member) return `${shapeName} is not a list`;
      shapeName = shape.member.shape;
      required = true; // inside an element that exists, its own required members count again
    } else if (step === "{key}" || step === "{value}") {
      if (shape.type !== "map" || !shape.key || !shape.value) return `${shapeName} is not a map`;
      shapeName = step === "{key}" ? shape.key.shape : shape.value.shape;
      required = true;
    } else {
      const member = shape.members?.[step];
      if (!member) return `${shapeName} has no member ${step}`;
      required = required && (shape.required?.includes(step) ?? false);
      shapeName = member.shape;
    }
  }
  const shape = shapes[shapeName];
  const rule: Omit<MemberRule, "api"> = { shape: shapeName, type: shape.type };
  if (required) rule.required = true;
  if (shape.min !== undefined) rule.min = shape.min;
  if (shape.max !== undefined) rule.max = shape.max;
  if (shape.enum) rule.enum = shape.enum;
  if (shape.pattern !== undefined) {
    // Java's inline case-insensitive flag has no JavaScript form: it becomes the `i` flag.
    rule.pattern = shape.pattern.replace("(?i)", "");
    const flags = (shape.pattern.includes("(?i)") ? "i" : "") + (compiles(rule.pattern, "u") ? "u" : "");
    if (!compiles(rule.pattern, flags)) return `pattern ${shape.pattern} of ${shapeName} does not compile`;
    if (flags) rule.flags = flags;
  }
  return rule;
}

function compiles(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

process.exitCode = main(process.argv.slice(2));
