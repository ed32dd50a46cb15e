#!/bin/sh
# Makes hongzequ-no-tounicode.pdf: the corpus WPS report with every
# /ToUnicode entry removed, as an old toolchain would have written it. WPS
# subset fonts have no cmap table, so nothing can decode its text: the
# expected result is undecodable_text and no values. Needs qpdf.
# Run from this folder: sh strip-tounicode.sh
set -eu
src=../../../../../shared/corpus/jiangsu_huaian_hongzequ_2024.pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
qpdf --qdf --object-streams=disable "$src" "$tmp/qdf.pdf"
sed -E 's#/ToUnicode [0-9]+ 0 R##' "$tmp/qdf.pdf" > "$tmp/stripped.pdf"
fix-qdf "$tmp/stripped.pdf" > "$tmp/fixed.pdf"
qpdf --compress-streams=y --object-streams=generate "$tmp/fixed.pdf" hongzequ-no-tounicode.pdf
