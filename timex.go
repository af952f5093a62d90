package sitrep

// TIMEX3 types.
const (
	TimexDate     = "DATE"
	TimexTime     = "TIME"
	TimexDuration = "DURATION"
	TimexSet      = "SET"
	// TimexEvent marks a named past event used as a time reference ("the 12-day war").
	TimexEvent = "EVENT"
)

// TimeExpr is a temporal expression in TIMEX3 style. Value is the normalised value ("2024-10-10",
// "2024-10", "2024-W41", "P3D", "PXD", "FUTURE_REF", "PAST_REF"); Mod is a TIMEX3 modifier
// ("START", "MID", "END", "APPROX", "LESS_THAN"); Anchor says what the value was computed from
// ("published", "text", "none").
type TimeExpr struct {
	Text   string `json:"text"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Type   string `json:"type"`
	Value  string `json:"value"`
	Mod    string `json:"mod,omitempty"`
	Anchor string `json:"anchor,omitempty"`
}
