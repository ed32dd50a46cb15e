// Package batch audits an archive of reports unattended: it finds every file
// under folders and archives (zip, tar, tar.gz; told by content), parses
// each distinct file once through a pool of workers, skips the files that
// hold no report (status "skipped": counted in summary.json and done.jsonl,
// no rows), writes the dataset so that a killed run resumes where it
// stopped, and checks each agency's reports across years (one agency under
// all its names: package agency).
//
// The output folder, beyond output-format.md:
//
//   - reports.jsonl: one report per input file but the skipped ones, in
//     path order. A file whose
//     content (sha256) an earlier file already had is not parsed: its row has
//     status "duplicate", "duplicate_of" and error_message naming that earlier
//     file, and the first copy's format, agency, year and template.
//   - reports.csv, cells.csv: as `xxgk parse --format csv` and its long form.
//   - findings.csv: the findings of each file after its rows, then the
//     cross-report findings (continuity.*, other_file set) of all files.
//   - summary.json: counts by status, error code, format, report year and
//     rule; the agencies × years table of reports present, with each
//     agency's missing years; the exit code.
//   - audit.html: the audit page (package audit) over every report, for
//     people: reports by status, filters, tables with failing cells marked.
//   - reports.parquet, cells.parquet, findings.parquet, xxgk.xlsx (package
//     dataset) and agencies.csv (each agency name and its agency_id):
//     rewritten whole at the end of each run, from reports.jsonl.
//   - done.jsonl: one line per file whose rows are complete, with the sizes
//     of the four outputs after them. A run reads it to skip done files and
//     to cut off what a killed run left half written.
//
// Files are written in path order whatever order the workers finish in, so
// a resumed run gives the bytes of one uninterrupted run. The shards of
// --shard each check continuity within themselves, and a content found in
// several shards is parsed in each; Merge joins their folders into the
// bytes of one run over all their inputs.
package batch
