/** The sentences `bedrock-invoke-through-profiles` reports (also stored, per AWS managed policy, in its table). */
import { type Bypass, profileConditionKey } from "./invoke-grants";
import type { Minting } from "./profile-minting";
import type { Statement } from "./iam";
import { enumerate, plural } from "./text";

function statementName(statement: Statement): string {
  return statement.sid
    ? `statement ${statement.number} (${JSON.stringify(statement.sid.slice(0, 40))})`
    : `statement ${statement.number}`;
}

const andMore = (count: number): string =>
  count > 1 ? ` (and ${count - 1} more ${plural(count - 1, "statement")})` : "";

export function describeBypasses(bypasses: readonly Bypass[]): string {
  const [first] = bypasses;
  const why = first.conditionProblem
    ? `; ${first.conditionProblem}`
    : first.target === "any resource"
      ? " (no application profile can attribute that endpoint's spend)"
      : ` without a ${profileConditionKey} condition`;
  return `lets callers invoke models around their application inference profiles: ${statementName(first.statement)}${andMore(bypasses.length)} allows ${enumerate(first.actions)} on ${first.target}${why}`;
}

export function describeMinting(minting: readonly Minting[]): string {
  const [first] = minting;
  return `lets callers create inference profiles without the mandatory cost tags: ${statementName(first.statement)}${andMore(minting.length)} allows bedrock:CreateInferenceProfile without an aws:RequestTag condition requiring ${enumerate(first.untagged)}`;
}
