package batch

import (
	"sort"
	"strconv"

	"xxgk/schema"
)

// Summary is summary.json: what an output folder holds, counted.
type Summary struct {
	Files      int                      `json:"files"`
	Statuses   map[schema.Status]int    `json:"statuses"`
	ErrorCodes map[schema.ErrorCode]int `json:"error_codes"`
	Formats    map[string]int           `json:"formats"`
	// Years counts files by report year; "unknown" where none was found.
	Years map[string]int `json:"years"`
	// Rules counts findings by rule, cross-report ones included.
	Rules    map[string]RuleCount `json:"rules"`
	Presence Presence             `json:"presence"`
	// ExitCode is the batch's exit code over the whole folder: 2 some file
	// failed, 1 some error finding, else 0.
	ExitCode int `json:"exit_code"`
}

// RuleCount is the number of findings of one rule.
type RuleCount struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// Presence is the agencies × years table of which reports an archive holds,
// so that gaps show. Duplicates are left out.
type Presence struct {
	Years    []int       `json:"years"` // every year from the first to the last found
	Agencies []AgencyRow `json:"agencies"`
	// Unidentified lists files whose agency or year is unknown.
	Unidentified []string `json:"unidentified"`
}

// AgencyRow is one agency's line of the presence table.
type AgencyRow struct {
	Agency   string              `json:"agency"`    // the name as first met
	AgencyID string              `json:"agency_id"` // package agency
	Files    map[string][]string `json:"files"`     // year → files
	Gaps     []int               `json:"missing"`   // years of the table without a report
}

// Summarize counts the records of an output folder and the cross-report
// findings over them.
func Summarize(records []Record, cross []schema.Finding) Summary {
	s := Summary{
		Statuses: map[schema.Status]int{}, ErrorCodes: map[schema.ErrorCode]int{},
		Formats: map[string]int{}, Years: map[string]int{}, Rules: map[string]RuleCount{},
		Presence: Presence{Years: []int{}, Agencies: []AgencyRow{}, Unidentified: []string{}},
	}
	failed, errors := false, false
	byAgency := map[string]*AgencyRow{}
	ids := AgencyIDs(records)
	minYear, maxYear := 0, 0
	for _, r := range records {
		if r.Status == StatusSkipped {
			s.Statuses[r.Status]++ // not a report: counted, nothing more
			continue
		}
		s.Files++
		s.Statuses[r.Status]++
		if r.ErrorCode != "" {
			s.ErrorCodes[r.ErrorCode]++
		}
		if r.Format != "" {
			s.Formats[r.Format]++
		}
		year := "unknown"
		if r.Year != 0 {
			year = strconv.Itoa(r.Year)
		}
		s.Years[year]++
		for rule, n := range r.Errors {
			c := s.Rules[rule]
			c.Errors += n
			s.Rules[rule] = c
		}
		for rule, n := range r.Warnings {
			c := s.Rules[rule]
			c.Warnings += n
			s.Rules[rule] = c
		}
		failed = failed || r.Status == schema.StatusFailed
		errors = errors || r.ErrorCount() > 0
		switch {
		case r.DuplicateOf != "":
		case r.Agency == "" || r.Year == 0:
			s.Presence.Unidentified = append(s.Presence.Unidentified, r.File)
		default:
			// One agency however its name varies, as for continuity;
			// the row shows the name as first met.
			id := ids[r.Agency]
			row := byAgency[id]
			if row == nil {
				row = &AgencyRow{Agency: r.Agency, AgencyID: id, Files: map[string][]string{}}
				byAgency[id] = row
			}
			row.Files[year] = append(row.Files[year], r.File)
			if minYear == 0 || r.Year < minYear {
				minYear = r.Year
			}
			maxYear = max(maxYear, r.Year)
		}
	}
	for _, f := range cross {
		c := s.Rules[string(f.Rule)]
		if f.Severity == schema.SeverityError {
			c.Errors++
			errors = true
		} else {
			c.Warnings++
		}
		s.Rules[string(f.Rule)] = c
	}
	for y := minYear; y != 0 && y <= maxYear; y++ {
		s.Presence.Years = append(s.Presence.Years, y)
	}
	for _, row := range byAgency {
		row.Gaps = []int{}
		for _, y := range s.Presence.Years {
			if _, ok := row.Files[strconv.Itoa(y)]; !ok {
				row.Gaps = append(row.Gaps, y)
			}
		}
		s.Presence.Agencies = append(s.Presence.Agencies, *row)
	}
	sort.Slice(s.Presence.Agencies, func(i, j int) bool {
		return s.Presence.Agencies[i].Agency < s.Presence.Agencies[j].Agency
	})
	switch {
	case failed:
		s.ExitCode = 2
	case errors:
		s.ExitCode = 1
	}
	return s
}
