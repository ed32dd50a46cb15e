#!/usr/bin/env bash
# bench.sh [RUNS] — xxgk against MuPDF and poppler on the same pages.
#
# Joins the fixture PDFs (fixtures/pdf) into one file, then times, RUNS times
# each (default 7), in turn so that the machine's load falls alike on all:
#   xxgk check     parse + tables + match + rules (worker process included)
#   mutool draw -F txt   MuPDF's text dump
#   pdftotext -layout    poppler's layout text dump
# and prints the median CPU (user+sys, children included) and wall seconds of
# each, and xxgk's ratios to the others. Needs qpdf, mupdf-tools and
# poppler-utils (apt-get install qpdf mupdf-tools poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
for tool in qpdf mutool pdftotext /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing (apt-get install qpdf mupdf-tools poppler-utils time)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t pdfs < <(ls fixtures/pdf/*.pdf)
qpdf --empty --pages "${pdfs[@]}" -- "$work/joined.pdf" 2>/dev/null || [ -s "$work/joined.pdf" ]
pages=$(qpdf --show-npages "$work/joined.pdf")
go build -o "$work/xxgk" ./cmd/xxgk

declare -A cpu wall
measure() { # name command...
  local name=$1; shift
  /usr/bin/time -f '%U %S %e' -o "$work/t" "$@" >/dev/null 2>"$work/err" || {
    # check exits 1 on error findings: the joined file is not one report.
    local rc=$?; [ "$name" = xxgk ] && [ $rc -le 1 ] || { cat "$work/err" >&2; exit 2; }
  }
  read -r u s e < <(tail -n 1 "$work/t")
  cpu[$name]+="$(echo "$u + $s" | bc) "
  wall[$name]+="$e "
}
for ((i = 0; i < runs; i++)); do
  measure xxgk "$work/xxgk" check --format json "$work/joined.pdf"
  measure mutool mutool draw -q -F txt -o /dev/null "$work/joined.pdf"
  measure pdftotext pdftotext -layout "$work/joined.pdf" /dev/null
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%d PDFs joined: %d pages, %s; %d runs each\n' "${#pdfs[@]}" "$pages" "$(du -h "$work/joined.pdf" | cut -f1)" "$runs"
printf '%-10s %10s %10s\n' tool 'cpu s' 'wall s'
for t in xxgk mutool pdftotext; do
  printf '%-10s %10s %10s\n' "$t" "$(echo "${cpu[$t]}" | median)" "$(echo "${wall[$t]}" | median)"
done
x=$(echo "${cpu[xxgk]}" | median)
printf 'xxgk cpu / mutool: %.2f×   xxgk cpu / pdftotext: %.2f×\n' \
  "$(echo "$x / $(echo "${cpu[mutool]}" | median)" | bc -l)" \
  "$(echo "$x / $(echo "${cpu[pdftotext]}" | median)" | bc -l)"
