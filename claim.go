package sitrep

import (
	"context"
	"sort"
	"time"
)

// Claim statuses. A claim starts reported (or unverified when hedged, denied or confirmed when
// its first report says so); later reports move it on: a confirmation makes it confirmed, a
// denial denied, and a confirmation after a denial (or the reverse) contradicted.
const (
	ClaimReported     = "reported"
	ClaimUnverified   = "unverified"
	ClaimConfirmed    = "confirmed"
	ClaimDenied       = "denied"
	ClaimContradicted = "contradicted"
)

// ClaimStatuses lists every claim status, in the order a claim moves through them.
var ClaimStatuses = []string{ClaimReported, ClaimUnverified, ClaimConfirmed, ClaimDenied, ClaimContradicted}

// ReportedClaim is one claim as reported across articles: the same proposition attributed to the
// same speaker (or confirmed or denied by others) by several outlets is one ReportedClaim with
// many reports.
type ReportedClaim struct {
	ID int64 `json:"id"`
	// Key is the Claim.ID (speaker and content hash) of the first report.
	Key string `json:"key"`
	// Speaker is who first made the claim; SpeakerKey is the name used to match speakers
	// (the actor id when resolved, else the lower-cased name; "" when anonymous).
	Speaker    Source `json:"speaker"`
	SpeakerKey string `json:"speaker_key,omitempty"`
	// Content is the normalised content of the first report.
	Content string `json:"content"`
	// Status is one of the Claim* statuses.
	Status string `json:"status"`
	// StatusReport is the id of the report that last set the status.
	StatusReport int64     `json:"status_report,omitempty"`
	FirstSeen    time.Time `json:"first_seen"`
	LastSeen     time.Time `json:"last_seen"`
	// ReportCount counts the reports; Outlets lists the distinct outlets that carried one.
	ReportCount int      `json:"report_count"`
	Outlets     []string `json:"outlets"`
	// Terms are the normalised content words the claim is indexed by (for candidate retrieval).
	Terms []string `json:"-"`
	// Reports are set only by FindClaimByID, oldest first.
	Reports []*ClaimReport `json:"reports,omitempty"`
}

// ClaimReport is one article's report of a claim, with the evidence: the article, the sentence,
// the cue, and what the report did to the claim's status.
type ClaimReport struct {
	ID          int64  `json:"id"`
	ClaimID     int64  `json:"claim_id"`
	ArticleID   string `json:"article_id"`
	Outlet      string `json:"outlet,omitempty"`
	StoryID     int64  `json:"story_id,omitempty"`
	StorylineID int64  `json:"storyline_id,omitempty"`
	// ClaimKey is the Claim.ID within the article; QuoteIndex points into its Quotes.
	ClaimKey   string `json:"claim_key"`
	QuoteIndex int    `json:"quote_index"`
	Speaker    Source `json:"speaker"`
	Content    string `json:"content"`
	// Sentence is the sentence of the article carrying the report; Start and End locate it.
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Cue      string `json:"cue,omitempty"`
	Stance   string `json:"stance"`
	Hedge    string `json:"hedge,omitempty"`
	// Similarity is the content similarity with the claim (1 for the first report).
	Similarity float64 `json:"similarity"`
	// Effect is the status this report set on the claim, "" when it changed nothing.
	Effect string `json:"effect,omitempty"`
	// Reason explains the effect ("denied by Iran's foreign ministry: cue \"denied\"").
	Reason    string    `json:"reason,omitempty"`
	Published time.Time `json:"published,omitzero"`
	CreatedAt time.Time `json:"created_at,omitzero"`
}

// ClaimFilter selects claims, most recently seen first. Zero fields do not filter.
type ClaimFilter struct {
	ID          *int64
	Status      *string
	ArticleID   *string
	StorylineID *int64
	// Speaker matches the speaker key or name, case-insensitively.
	Speaker *string
	// MinReports keeps claims with at least this many reports.
	MinReports int
	Since      *time.Time
	Offset     int
	Limit      int
}

// ClaimService reads claims across articles. FindClaimByID returns ENOTFOUND if the claim does
// not exist.
type ClaimService interface {
	FindClaimByID(ctx context.Context, id int64) (*ReportedClaim, error)
	FindClaims(ctx context.Context, filter ClaimFilter) ([]*ReportedClaim, int, error)
}

// ClaimStore is what the claim matcher needs from a store: candidate claims sharing index terms
// and an atomic write of one article's matched reports.
type ClaimStore interface {
	// ClaimCandidates returns up to limit stored claims that share the most of terms with a
	// query, best first (in the order of BestCandidates), with their Terms set.
	ClaimCandidates(ctx context.Context, terms []string, limit int) ([]*ReportedClaim, error)
	// SaveClaims creates the claims with a zero ID (setting it) and updates the others, then
	// inserts the reports (setting ClaimID from Claim and their ID), in one transaction.
	SaveClaims(ctx context.Context, claims []*ReportedClaim, reports []ClaimReportOf) error
}

// ClaimReportOf pairs a report with the claim it belongs to, for ClaimStore.SaveClaims.
type ClaimReportOf struct {
	Claim  *ReportedClaim
	Report *ClaimReport
}

// ClaimChange is a status change of a claim caused by one report.
type ClaimChange struct {
	Claim  *ReportedClaim `json:"claim"`
	Report *ClaimReport   `json:"report"`
	From   string         `json:"from"`
	To     string         `json:"to"`
}

// BestCandidates orders the claim ids of shared (claim id → number of query terms it shares) as
// ClaimStore.ClaimCandidates returns them: most shared terms first, the newer claim (larger id)
// first among equals, at most limit of them.
func BestCandidates(shared map[int64]int, limit int) []int64 {
	type cand struct {
		id int64
		n  int
	}
	better := func(a, b cand) bool { return a.n > b.n || a.n == b.n && a.id > b.id }
	if limit < 0 || limit >= len(shared) {
		all := make([]cand, 0, len(shared))
		for id, n := range shared {
			all = append(all, cand{id, n})
		}
		sort.Slice(all, func(i, j int) bool { return better(all[i], all[j]) })
		ids := make([]int64, len(all))
		for i, c := range all {
			ids[i] = c.id
		}
		return ids
	}
	// The best limit by insertion into a short sorted list: limit is small (tens) and the
	// candidates many (hundreds to thousands), so this beats sorting them all.
	top := make([]cand, 0, limit+1)
	for id, n := range shared {
		c := cand{id, n}
		if len(top) == limit && (limit == 0 || !better(c, top[limit-1])) {
			continue
		}
		top = append(top, c)
		i := len(top) - 1
		for i > 0 && better(c, top[i-1]) {
			top[i] = top[i-1]
			i--
		}
		top[i] = c
		if len(top) > limit {
			top = top[:limit]
		}
	}
	ids := make([]int64, len(top))
	for i, c := range top {
		ids[i] = c.id
	}
	return ids
}
