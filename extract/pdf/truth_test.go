package pdf_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/schema"
)

// TestTruth reads every PDF with known truth through extract.Parse and
// compares every cell with the truth, each cell's location with a page and
// a box, and the verifier's findings with the truth's.
func TestTruth(t *testing.T) {
	for id, path := range pdfFiles(t) {
		t.Run(id, func(t *testing.T) {
			truth, err := fixtures.Load(truthOf(path))
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r := extract.Parse(context.Background(), filepath.Base(path), data)
			if r.Status != schema.StatusOK {
				t.Fatalf("status %s: %s", r.Status, r.ErrorMessage)
			}
			for _, d := range fixtures.Diff(truth, r) {
				t.Error(d)
			}
			if string(r.Template) != truth.Template || r.Year != truth.Year {
				t.Errorf("template %s year %d, want %s %d", r.Template, r.Year, truth.Template, truth.Year)
			}
			for _, c := range r.Cells {
				if c.Loc.Page < 1 || c.Loc.Page > r.Pages || c.Loc.Box == nil {
					t.Errorf("%s: location %+v has no page and box", c.Key, c.Loc)
				}
			}
			findings := extract.Check(r)
			if truth.Findings != nil {
				compareFindings(t, truth.Findings, findings)
			}
			// Corpus truths list the rules that fail (errors) and those that
			// blank cells leave open (warnings).
			for severity, want := range map[schema.Severity][]string{
				schema.SeverityError:   truth.PublishedInconsistent,
				schema.SeverityWarning: truth.PublishedIncomplete,
			} {
				if got, want := failingRules(findings, severity), sorted(want); !slices.Equal(got, want) {
					t.Errorf("rules failing with %ss: %v, want %v", severity, got, want)
				}
			}
		})
	}
}

func failingRules(findings []schema.Finding, severity schema.Severity) []string {
	out := []string{}
	for _, f := range findings {
		if f.Severity == severity && !slices.Contains(out, string(f.Rule)) {
			out = append(out, string(f.Rule))
		}
	}
	sort.Strings(out)
	return out
}

// sorted returns the rule ids of truth entries ("rule: why"), sorted.
func sorted(entries []string) []string {
	out := []string{}
	for _, e := range entries {
		rule, _, _ := strings.Cut(e, ":")
		out = append(out, strings.TrimSpace(rule))
	}
	sort.Strings(out)
	return out
}

// compareFindings matches findings one to one with the truth's: same rule,
// severity, expected and found, and the checked key among the finding's.
func compareFindings(t *testing.T, want []fixtures.TruthFinding, got []schema.Finding) {
	t.Helper()
	left := slices.Clone(got)
	for _, w := range want {
		i := slices.IndexFunc(left, func(f schema.Finding) bool {
			return f.Rule == w.Rule && string(f.Severity) == w.Severity &&
				f.Expected != nil && *f.Expected == w.Expected && f.Found != nil && *f.Found == w.Found &&
				len(w.Keys) > 0 && slices.Contains(f.Keys, w.Keys[0])
		})
		if i < 0 {
			t.Errorf("missing finding %s %s %v: expected %v found %v", w.Severity, w.Rule, w.Keys, w.Expected, w.Found)
			continue
		}
		left = slices.Delete(left, i, i+1)
	}
	for _, f := range left {
		t.Errorf("unexpected finding %s %s: %s", f.Severity, f.Rule, f.Message)
	}
}
