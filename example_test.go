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
