#!/usr/bin/env bash
# Runs every fuzz target of the repository (each func FuzzXxx in a *_test.go)
# for DURATION each, one after another, and stops with status 1 if any
# fails. Go writes a failing input to the package's testdata/fuzz/FuzzXxx/,
# where it stays as a seed once committed.
#
#   scripts/fuzz.sh 2m            # every target, two minutes each
#   scripts/fuzz.sh 30s ./extract/pdf/sfnt   # only the targets under a path
#   scripts/fuzz.sh 5m . FuzzExtract         # only targets of that name
#
# With SAVE=N (e.g. SAVE=20), the N smallest inputs the fuzzer found
# interesting for each target are copied from Go's cache into the package's
# testdata/fuzz/FuzzXxx/, to be committed as corpus. FUZZ_PARALLEL sets the
# number of fuzzing workers (default 1: the machine is shared);
# FUZZ_MINIMIZE how long to shrink each new input (default 100 runs, not Go's
# 60s, during which nothing else is tried).
#
# A target whose only failure is Go 1.26's own "context deadline exceeded"
# at the end of -fuzztime (go.dev/issue/75804), with no failing input
# written, counts as passed and is listed as a deadline race.
set -euo pipefail

dur=${1:?usage: scripts/fuzz.sh DURATION [PATH]}
root=${2:-.}
only=${3:-}
cd "$(dirname "$0")/.."
cache=$(go env GOCACHE)/fuzz
module=$(go list -m)

# files counts the files in a folder, 0 when there is none.
files() { if [[ -d $1 ]]; then find "$1" -type f | wc -l; else echo 0; fi; }

failed=()
raced=()
passed=0
while IFS= read -r file; do
	dir=$(dirname "$file")
	for name in $(sed -nE 's/^func (Fuzz[A-Za-z0-9_]+)\(.*/\1/p' "$file"); do
		[[ -z "$only" || "$name" == "$only" ]] || continue
		echo "=== $dir $name for $dur"
		start=$(date +%s)
		seeds="$dir/testdata/fuzz/$name"
		before=$(files "$seeds")
		log=$(mktemp)
		if go test -run='^$' -fuzz="^${name}\$" -fuzztime="$dur" -fuzzminimizetime="${FUZZ_MINIMIZE:-100x}" -parallel="${FUZZ_PARALLEL:-1}" "./$dir" 2>&1 | tee "$log"; [[ ${PIPESTATUS[0]} -eq 0 ]]; then
			echo "--- ok $dir $name ($(( $(date +%s) - start ))s)"
			passed=$((passed + 1))
		elif grep -q '^    context deadline exceeded$' "$log" && [[ $(files "$seeds") -eq $before ]]; then
			# Go 1.26's fuzz coordinator can report its own -fuzztime
			# deadline as a failure (go.dev/issue/75804, fixed in Go
			# 1.27): no input failed and none was written, so the run
			# counts as passed, and says so.
			echo "--- ok $dir $name ($(( $(date +%s) - start ))s; the coordinator's deadline race, no failing input)"
			passed=$((passed + 1))
			raced+=("$dir $name")
		else
			echo "--- FAIL $dir $name"
			failed+=("$dir $name")
		fi
		rm -f "$log"
		found="$cache/$module/${dir#./}/$name"
		if [[ -n "${SAVE:-}" && -d "$found" ]]; then
			mkdir -p "$dir/testdata/fuzz/$name"
			# Smallest first; read whole, as a pipe into head would end ls
			# with SIGPIPE, which pipefail makes fatal.
			mapfile -t inputs < <(ls -S -r "$found")
			for f in "${inputs[@]:0:$SAVE}"; do
				cp "$found/$f" "$dir/testdata/fuzz/$name/"
			done
		fi
	done
done < <(grep -rl --include='*_test.go' '^func Fuzz' "$root" | sort)

((${#raced[@]})) && printf 'deadline race, no failing input: %s\n' "${raced[@]}"
((${#failed[@]})) && printf 'failed target: %s\n' "${failed[@]}"
echo "fuzz: $passed passed, ${#failed[@]} failed"
((${#failed[@]} == 0))
