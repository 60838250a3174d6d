import * as fs from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";
import * as pulumi from "@pulumi/pulumi";

/**
 * The SDK floor: a bare program registering the same resources (type and name, from the
 * check's report) under the same mocks, with nothing else: no tenant files, no validation, no
 * Outputs beyond the SDK's own, no policy pack. It yields as often as the real program does
 * (once per tenant), so the floor is the SDK at its best, not a program that piles everything up.
 */
interface FloorResource {
  type: string;
  name: string;
}

class BareResource extends pulumi.CustomResource {}

export = async () => {
  const resources = JSON.parse(fs.readFileSync(process.env.SDK_FLOOR_RESOURCES!, "utf8")) as FloorResource[];
  const perTurn = Number(process.env.SDK_FLOOR_PER_TURN ?? 23);
  for (let index = 0; index < resources.length; index++) {
    const { type, name } = resources[index];
    if (type.startsWith("pulumi:")) continue;
    new BareResource(type, `${name}-${index}`, { name });
    if (index % perTurn === perTurn - 1) await nextTurn();
  }
};
