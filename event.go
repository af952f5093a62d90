package sitrep

// Event modes.
const (
	ModeAsserted     = "asserted"
	ModePlanned      = "planned"
	ModeThreatened   = "threatened"
	ModeHypothetical = "hypothetical"
	ModeNegated      = "negated"
	ModeReported     = "reported"
)

// EventActor is the source or target of an event.
type EventActor struct {
	ActorID string `json:"actor_id"`
	Code    string `json:"code"`
	Text    string `json:"text"`
	Start   int    `json:"start,omitempty"`
	End     int    `json:"end,omitempty"`
}

// Event is one coded action: Source did Action to Target, in the sentence [Start, End).
// CAMEO is the full CAMEO code ("0311"), PLOVER the PLOVER type ("REQUEST"). Date is the event's
// date (YYYY-MM-DD or coarser); DateSource says where it came from ("text" or "published").
type Event struct {
	Start      int        `json:"start"`
	End        int        `json:"end"`
	Source     EventActor `json:"source"`
	Target     EventActor `json:"target"`
	CAMEO      string     `json:"cameo"`
	PLOVER     string     `json:"plover"`
	Mode       string     `json:"mode"`
	Context    []string   `json:"context"`
	Goldstein  float64    `json:"goldstein"`
	QuadClass  int        `json:"quad_class"`
	Date       string     `json:"date"`
	DateSource string     `json:"date_source"`
	Trigger    string     `json:"trigger"`
	// Rule names the dictionary entry that fired, for explanation.
	Rule string `json:"rule,omitempty"`
}

// Happened reports whether the event is counted as having taken place.
func (e Event) Happened() bool {
	return e.Mode == ModeAsserted || e.Mode == ModeReported || e.Mode == ""
}
