// Package batch audits an archive of reports unattended: it finds every file
// under folders and zip archives, parses each distinct file once through a
// pool of workers, writes the dataset (reports.jsonl, reports.csv,
// cells.csv, findings.csv, summary.json) so that a killed run resumes where
// it stopped, and checks each agency's reports across years.
package batch
