#!/usr/bin/env bash
# tools/ci/pulumi-run.sh preview|up STACK STACK_REF
#
# Runs the real `pulumi preview` or `pulumi up` of one stack, always with the policy pack, shows the
# output live, writes its report section to pulumi-report/STACK.md (and the job summary), and exits
# with the command's own exit code, after the report is written. `up` is only ever run by a job that
# ran `preview` first (npm run lint:workflows enforces it); `up` previews again itself (no
# --skip-preview), so the pack judges the exact update it applies.
set -uo pipefail
command="$1" stack="$2" stack_ref="$3"
case "$command" in
  preview) args=(preview) ;;
  up) args=(up --yes) ;;
  *) echo "pulumi-run.sh: expected preview or up, got $command" >&2; exit 2 ;;
esac
mkdir -p pulumi-report
# `npm test` type-checked the program already: the real run transpiles it only. Pulumi's Node.js
# runner reads this variable (node_modules/@pulumi/pulumi/cmd/run/run.js: "If the
# PULUMI_NODEJS_TRANSPILE_ONLY env variable is set, we use that to determine the value of
# transpileOnly"). The policy pack still type-checks on start: cmd/run-policy-pack registers ts-node
# with `typeCheck: true` whatever the environment says.
export PULUMI_NODEJS_TRANSPILE_ONLY="${PULUMI_NODEJS_TRANSPILE_ONLY:-true}"
log="${RUNNER_TEMP:-/tmp}/pulumi-$command-$stack.txt"
pulumi "${args[@]}" --stack "$stack_ref" --policy-pack policies --non-interactive --color never \
  ${PULUMI_MESSAGE:+--message "$PULUMI_MESSAGE"} 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
npx tsx tools/ci/pulumi-report.ts --stack "$stack" --command "$command" --exit "$status" \
  --in "$log" --out "pulumi-report/$stack.md"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "pulumi-report/$stack.md" >> "$GITHUB_STEP_SUMMARY"; fi
[ "$status" -eq 0 ] || echo "::error title=pulumi $command ($stack)::exit $status: see the job summary"
exit "$status"
