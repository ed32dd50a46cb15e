package schema

// Severity of a finding. Warnings never change the exit code.
type Severity string

// Severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Finding is one failing instance of a rule: one column of
// requests.balance, one row of requests.row_total, one cell of values.valid.
type Finding struct {
	File      string              `json:"file"`
	Rule      RuleID              `json:"rule"`
	Severity  Severity            `json:"severity"`
	Keys      []string            `json:"keys"`       // every key in the equation
	BlankKeys []string            `json:"blank_keys"` // keys whose cells hold no number
	Expected  *float64            `json:"expected"`   // what the checked cell should hold
	Found     *float64            `json:"found"`      // what is printed
	Message   string              `json:"message"`    // Chinese, for people
	Location  map[string]Location `json:"location"`   // where each key sits
	// OtherFile names the second report of a cross-report finding
	// (continuity.*); empty otherwise.
	OtherFile string `json:"other_file,omitempty"`
	// Quote is the sentence a narrative.* finding compares with the table.
	Quote string `json:"quote,omitempty"`
}
