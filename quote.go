package sitrep

// Quote kinds.
const (
	QuoteDirect   = "direct"
	QuoteIndirect = "indirect"
)

// Source kinds.
const (
	SourceNamed     = "named"
	SourceAnonymous = "anonymous"
	SourceMedia     = "media"
)

// Hedges, from weakest to strongest commitment. Empty means a plain attributed statement.
const (
	HedgeReported   = "reported"
	HedgeAlleged    = "alleged"
	HedgeUnverified = "unverified"
	HedgeDenied     = "denied"
	HedgeConfirmed  = "confirmed"
)

// Source is who a quote or claim is attributed to. Description keeps the words an anonymous source
// is described with ("a senior Israeli official").
type Source struct {
	Text        string `json:"text"`
	ActorID     string `json:"actor_id,omitempty"`
	Kind        string `json:"kind"`
	Description string `json:"description,omitempty"`
	Start       int    `json:"start,omitempty"`
	End         int    `json:"end,omitempty"`
}

// Quote is an attribution: the content span (Start, End) said by Speaker, signalled by Cue, passed
// on through Via (outermost first: the outlets and sources between the article and the speaker).
type Quote struct {
	Text    string   `json:"text"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Kind    string   `json:"kind"`
	Speaker Source   `json:"speaker"`
	Cue     string   `json:"cue"`
	Via     []Source `json:"via"`
	Hedge   string   `json:"hedge"`
	// Parent is the index of the quote this one is nested in, or -1.
	Parent int `json:"parent"`
}

// Claim is a normalised attributed proposition, the unit that is matched across articles.
// QuoteIndex points into Article.Quotes. Stance is "assert", "deny", "confirm" or "question".
type Claim struct {
	ID         string   `json:"id"`
	QuoteIndex int      `json:"quote_index"`
	Speaker    Source   `json:"speaker"`
	Via        []Source `json:"via"`
	Content    string   `json:"content"`
	Stance     string   `json:"stance"`
	Hedge      string   `json:"hedge"`
	Date       string   `json:"date"`
}
