#!/usr/bin/env bash
# tools/ci/offline-check.sh OUTDIR STACK...
#
# The PR's offline check: `npm run check` of each stack (markdown), one report file per stack in
# OUTDIR (STACK.md, in the order given, listed in OUTDIR/stacks; the uncut JSON report in
# OUTDIR/full/STACK.json), and the job summary. A stack whose
# check stopped before writing a report gets the check's own last words instead of nothing. Sets the
# step output `failed=true` when any stack exits non-zero; the caller fails the job after keeping
# the reports, so that the comment shows the verdict that failed it.
#
# The job summary takes each stack's section whole, or, past 60,000 bytes, a note instead: a step
# summary is limited to 1 MiB, and cutting a report could break its Mermaid diagram. The renderer
# keeps each stack's report under 30,000 characters, so the note is a fallback.
set -uo pipefail
outdir="$1"; shift
mkdir -p "$outdir"
: > "$outdir/stacks"
failed=false
summary_cap=60000
for stack in "$@"; do
  if [ ! -f "Pulumi.$stack.yaml" ]; then
    echo "::notice title=offline check ($stack)::no Pulumi.$stack.yaml in this commit: not checked"
    continue
  fi
  echo "$stack" >> "$outdir/stacks"
  status=0
  npm run --silent check -- --stack "$stack" --format markdown --out "$outdir/$stack.md" \
    2> "$outdir/$stack.stderr" || status=$?
  cat "$outdir/$stack.stderr" >&2
  if [ ! -s "$outdir/$stack.md" ]; then
    {
      echo "### Bedrock cost governance: \`$stack\` ❌ the check did not run (exit $status)"
      echo
      echo '```text'
      tail -n 40 "$outdir/$stack.stderr" | sed 's/```/` ` `/g'
      echo '```'
    } > "$outdir/$stack.md"
  fi
  # The markdown is cut to fit a PR comment; the JSON report is never cut: the artifact's full/ holds it.
  if [ "$status" -eq 0 ] || [ "$status" -eq 1 ] || [ "$status" -eq 3 ]; then
    mkdir -p "$outdir/full"
    npm run --silent check -- --stack "$stack" --format json --out "$outdir/full/$stack.json" 2> /dev/null || true
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
# For preview-comment.yml, which checks it against the PR's head before posting.
[ -z "${PR_NUMBER:-}" ] || echo "$PR_NUMBER" > "$outdir/pr-number"
[ -z "${GITHUB_OUTPUT:-}" ] || echo "failed=$failed" >> "$GITHUB_OUTPUT"
