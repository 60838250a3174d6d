#!/usr/bin/env bash
# tools/ci/offline-check.sh OUTDIR STACK...
#
# The PR's offline check: one `npm run check` of each stack writes every format the workflows use
# (issue 24: one check per stack): OUTDIR/STACK.md for the comment and the job summary, the uncut JSON
# report in OUTDIR/full/STACK.json, SARIF for code scanning in OUTDIR/sarif/STACK.sarif, and GitHub
# annotations (printed, so that the runner shows each finding on its line). A stack whose check stopped
# before writing a report gets the check's own last words instead of nothing. Sets the step output
# `failed=true` when any stack exits non-zero; the caller fails the job after keeping the reports, so
# that the comment shows the verdict that failed it.
#
# With BASE_DIR (a checkout of the PR's base commit with its own dependencies installed), each stack
# is first checked there, with the base's own code, to OUTDIR/base/STACK.json, and the PR's report
# opens with the diff against it (`--compare`). OUTDIR/stacks lists the stacks the PR changes first.
#
# The job summary takes each stack's section whole, or, past 60,000 bytes, a note instead: a step
# summary is limited to 1 MiB, and cutting a report could break its Mermaid diagram. The renderer
# keeps each stack's report under 30,000 characters, so the note is a fallback.
set -uo pipefail
outdir="$(mkdir -p "$1" && cd "$1" && pwd)"; shift
mkdir -p "$outdir/full" "$outdir/sarif"
failed=false
summary_cap=60000
checked=()
for stack in "$@"; do
  if [ ! -f "Pulumi.$stack.yaml" ]; then
    echo "::notice title=offline check ($stack)::no Pulumi.$stack.yaml in this commit: not checked"
    continue
  fi
  checked+=("$stack")
  compare=()
  if [ -n "${BASE_DIR:-}" ] && [ -f "$BASE_DIR/Pulumi.$stack.yaml" ]; then
    mkdir -p "$outdir/base"
    # `--format json --out FILE`: flags every version of the check has. A base that cannot be checked
    # leaves no report, and the PR's check runs without a diff (its stderr says why).
    (cd "$BASE_DIR" && npm run --silent check -- --stack "$stack" --format json --out "$outdir/base/$stack.json") \
      > /dev/null 2> "$outdir/base/$stack.stderr" || true
    [ -s "$outdir/base/$stack.json" ] && compare=(--compare "$outdir/base/$stack.json")
  fi
  status=0
  npm run --silent check -- --stack "$stack" "${compare[@]}" --format markdown --out "$outdir/$stack.md" \
    --out "json=$outdir/full/$stack.json" --out "sarif=$outdir/sarif/$stack.sarif" \
    --out "github=$outdir/$stack.annotations" > /dev/null 2> "$outdir/$stack.stderr" || status=$?
  cat "$outdir/$stack.stderr" >&2
  [ ! -f "$outdir/$stack.annotations" ] || cat "$outdir/$stack.annotations"
  if [ ! -s "$outdir/$stack.md" ]; then
    {
      echo "### Bedrock cost governance: \`$stack\` ❌ the check did not run (exit $status)"
      echo
      echo '```text'
      tail -n 40 "$outdir/$stack.stderr" | sed 's/```/` ` `/g'
      echo '```'
    } > "$outdir/$stack.md"
  fi
  echo "::notice title=offline check ($stack)::exit $status"
  [ "$status" -eq 0 ] || failed=true
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    size=$(wc -c < "$outdir/$stack.md")
    if [ "$size" -le "$summary_cap" ]; then
      { cat "$outdir/$stack.md"; echo; } >> "$GITHUB_STEP_SUMMARY"
    else
      printf '### `%s`: report of %s bytes, too large for the summary: it is in the offline-check-report artifact (exit %s)\n\n' \
        "$stack" "$size" "$status" >> "$GITHUB_STEP_SUMMARY"
    fi
  fi
done
# Stacks the PR changes first (their diff is not empty), then the others, each group in the order given.
node "$(dirname "$0")/changed-stacks-first.cjs" "$outdir/full" "${checked[@]}" > "$outdir/stacks"
# For preview-comment.yml, which checks it against the PR's head before posting.
[ -z "${PR_NUMBER:-}" ] || echo "$PR_NUMBER" > "$outdir/pr-number"
[ -z "${GITHUB_OUTPUT:-}" ] || echo "failed=$failed" >> "$GITHUB_OUTPUT"
