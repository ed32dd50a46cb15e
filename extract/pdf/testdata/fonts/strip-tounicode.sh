#!/bin/sh
# Makes, from the corpus WPS report (WPS subset fonts have no cmap table, so
# a font without ToUnicode cannot be decoded at all):
#   hongzequ-no-tounicode.pdf  every /ToUnicode removed, as an old toolchain
#                              would have written it: undecodable_text, no values;
#   hongzequ-digits-no-tounicode.pdf  only the Times New Roman font's removed,
#                              the one that prints table 1's numbers: those
#                              cells must come out unread, never as wrong numbers.
# Needs qpdf. Run from this folder: sh strip-tounicode.sh
set -eu
src=../../../../../shared/corpus/jiangsu_huaian_hongzequ_2024.pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
qpdf --qdf --object-streams=disable "$src" "$tmp/qdf.pdf"

sed -E 's#/ToUnicode [0-9]+ 0 R##' "$tmp/qdf.pdf" > "$tmp/all.pdf"
fix-qdf "$tmp/all.pdf" > "$tmp/all-fixed.pdf"
qpdf --deterministic-id --compress-streams=y --object-streams=generate "$tmp/all-fixed.pdf" hongzequ-no-tounicode.pdf

# Drop the /ToUnicode line of the font dictionary whose /BaseFont is the
# Times New Roman subset (the dictionary's keys are sorted: it follows).
awk '/\/BaseFont \/[A-Z]+\+TimesNewRomanPSMT/ { times = 1 }
     times && /\/ToUnicode [0-9]+ 0 R/ { times = 0; next }
     /^>>/ { times = 0 }
     { print }' "$tmp/qdf.pdf" > "$tmp/digits.pdf"
fix-qdf "$tmp/digits.pdf" > "$tmp/digits-fixed.pdf"
qpdf --deterministic-id --compress-streams=y --object-streams=generate "$tmp/digits-fixed.pdf" hongzequ-digits-no-tounicode.pdf
