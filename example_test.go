package xxgk_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"xxgk"
)

// Parse one report and print what it says about requests received.
func ExampleParse() {
	data, err := os.ReadFile("fixtures/continuity/jishan_2023.txt")
	if err != nil {
		log.Fatal(err)
	}
	r := xxgk.Parse(context.Background(), "jishan_2023.txt", data)
	total, _ := r.Cell("requests.new_received.total")
	fmt.Println(r.Status, r.Agency, r.Year, r.Template)
	fmt.Println("本年新收申请:", total.Value)
	// Output:
	// ok 稷山县人民政府 2023 2021
	// 本年新收申请: 12
}

// Check a report whose table does not add up: the error names the rule, the
// keys of the equation, what the total should be and what is printed.
func ExampleCheck() {
	data, err := os.ReadFile("fixtures/continuity/jishan_2023.txt")
	if err != nil {
		log.Fatal(err)
	}
	r := xxgk.Parse(context.Background(), "jishan_2023.txt", data)
	for i, c := range r.Cells {
		if c.Key == "review.total" {
			r.Cells[i].Value = c.Value.(float64) + 1 // as if the agency had misprinted it
		}
	}
	for _, f := range xxgk.Check(r) {
		fmt.Println(f.Severity, f.Rule, *f.Expected, *f.Found)
	}
	// Output:
	// error appeals.group_total 1 2
}

// Parse files from unknown sources in worker processes: a hostile file
// cannot crash or exhaust the program, and each report comes back in the
// order of the paths.
func ExampleParser() {
	p, err := xxgk.NewParser(xxgk.Options{Workers: 2})
	if err != nil {
		log.Fatal(err)
	}
	defer p.Close()
	paths := []string{"fixtures/continuity/jishan_2022.txt", "no/such/file.pdf", "fixtures/continuity/jishan_2023.txt"}
	for r := range p.ParseFiles(context.Background(), paths) {
		fmt.Println(r.File, r.Status, r.ErrorCode, r.Year)
	}
	// Output:
	// fixtures/continuity/jishan_2022.txt ok  2022
	// no/such/file.pdf failed unreadable 0
	// fixtures/continuity/jishan_2023.txt ok  2023
}

// Audit a folder of reports into an output folder, with the cross-year
// rules over every agency's reports.
func ExampleBatch() {
	out, err := os.MkdirTemp("", "xxgk-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(out)
	res, err := xxgk.Batch(context.Background(), xxgk.BatchOptions{
		Paths: []string{"fixtures/continuity"}, Out: out,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Summary.Files, "reports,", res.Summary.Statuses["ok"], "ok")
	for _, f := range res.Continuity {
		fmt.Println(f.Severity, f.Rule, f.Keys[0])
	}
	// Output:
	// 4 reports, 4 ok
	// error continuity.carry requests.carried_over.natural_person
	// error continuity.carry requests.carried_over.total
	// warning continuity.in_force active.normative_documents.in_force
}
