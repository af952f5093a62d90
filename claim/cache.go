package claim

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/sitrep/sitrep"
)

// Lister lists stored claims with their terms; CachedStore reads them once to warm its index.
type Lister interface {
	FindClaims(ctx context.Context, filter sitrep.ClaimFilter) ([]*sitrep.ReportedClaim, int, error)
}

// CachedStore is a sitrep.ClaimStore that answers candidate searches from an in-memory inverted
// index of claim terms and writes through to a durable store. Candidate retrieval is the
// matcher's hot path (one search per claim of every article); asking SQLite for it costs a query
// per term and a decode per candidate, which made it dominate ingest.
//
// Outside a batch, writes go to the durable store first, so the cache never holds what was not
// committed. Between BeginBatch and Flush, SaveClaims only updates the cache (assigning new
// claim ids itself, after the largest id it holds) and buffers the write; Flush writes the whole
// batch in one durable SaveClaims call (one transaction in SQLite) and, when that fails, puts
// the cache back as it was before BeginBatch. Batching needs the cache to be the only writer of
// the durable store's claims (as the cache itself already assumes: it never sees claims others
// write); sitrep's ingest runs one tracker per database. It is safe
// for concurrent use; one batch is open at a time.
type CachedStore struct {
	durable sitrep.ClaimStore

	mu       sync.Mutex
	claims   map[int64]*sitrep.ReportedClaim
	postings map[string][]int64 // claim ids in increasing order
	maxID    int64              // largest claim id held

	canBatch bool // warmed from the durable store, so maxID is its largest claim id
	batching bool
	startMax int64                           // maxID when the batch began
	undo     map[int64]*sitrep.ReportedClaim // cached claim before the batch touched it; nil when new
	order    []int64                         // ids the batch touched, first touch first
	pending  []pendingReport
}

// pendingReport is a report buffered by a batch: the report, the claim as the matcher passed
// it (orig) and a copy of that claim as it stood when the article was saved (snap), which the
// durable store compares with the report's effect to pick the claim's status report.
type pendingReport struct {
	orig, snap *sitrep.ReportedClaim
	report     *sitrep.ClaimReport
}

// Batcher is a ClaimStore that can buffer the writes of many articles and commit them at once
// (see CachedStore). Matcher.RecordBatch uses it when its store implements it.
type Batcher interface {
	// BeginBatch starts buffering SaveClaims calls.
	BeginBatch()
	// Flush writes everything buffered since BeginBatch at once and stops buffering.
	Flush(ctx context.Context) error
}

var _ Batcher = (*CachedStore)(nil)

var _ sitrep.ClaimStore = (*CachedStore)(nil)

// NewCachedStore returns a cache in front of durable, warmed with every claim list returns.
func NewCachedStore(ctx context.Context, durable sitrep.ClaimStore, list Lister) (*CachedStore, error) {
	s := &CachedStore{durable: durable, claims: map[int64]*sitrep.ReportedClaim{}, postings: map[string][]int64{}}
	if list == nil {
		return s, nil
	}
	s.canBatch = true
	all, _, err := list.FindClaims(ctx, sitrep.ClaimFilter{})
	if err != nil {
		return nil, fmt.Errorf("claim: warm cache: %w", err)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	for _, c := range all {
		s.put(c)
	}
	return s, nil
}

// put stores a copy of c and indexes its terms when it is new. The caller holds mu (or owns s).
func (s *CachedStore) put(c *sitrep.ReportedClaim) {
	if _, ok := s.claims[c.ID]; !ok {
		for _, t := range uniqueTerms(c.Terms) {
			s.postings[t] = append(s.postings[t], c.ID)
		}
	}
	s.claims[c.ID] = copyClaim(c)
	s.maxID = max(s.maxID, c.ID)
}

// ClaimCandidates returns up to limit claims sharing the most terms, best first; each term
// contributes its memPostingsPerTerm most recent claims.
func (s *CachedStore) ClaimCandidates(ctx context.Context, terms []string, limit int) ([]*sitrep.ReportedClaim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return rankCandidates(s.postings, s.claims, terms, limit), nil
}

// SaveClaims writes to the durable store, then updates the cache with the ids it assigned. In a
// batch (see BeginBatch) it assigns new claims their ids, updates the cache and buffers the
// write for Flush; report ids are set by Flush.
func (s *CachedStore) SaveClaims(ctx context.Context, claims []*sitrep.ReportedClaim, reports []sitrep.ClaimReportOf) error {
	s.mu.Lock()
	batching := s.batching
	s.mu.Unlock()
	if !batching {
		if err := s.durable.SaveClaims(ctx, claims, reports); err != nil {
			return err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, c := range claims {
			s.put(c)
		}
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ro := range reports {
		if ro.Claim == nil || ro.Report == nil {
			return sitrep.Errorf(sitrep.EINVALID, "Claim report needs a claim.")
		}
	}
	for _, c := range claims {
		if c.ID == 0 {
			c.ID = s.maxID + 1
		}
		if _, ok := s.undo[c.ID]; !ok {
			var prev *sitrep.ReportedClaim
			if old := s.claims[c.ID]; old != nil {
				prev = copyClaim(old)
			}
			s.undo[c.ID] = prev
			s.order = append(s.order, c.ID)
		}
		s.put(c)
	}
	snaps := map[*sitrep.ReportedClaim]*sitrep.ReportedClaim{}
	for _, ro := range reports {
		if ro.Claim.ID == 0 || s.claims[ro.Claim.ID] == nil {
			return sitrep.Errorf(sitrep.EINVALID, "Claim report needs a saved claim.")
		}
		snap := snaps[ro.Claim]
		if snap == nil {
			snap = copyClaim(ro.Claim)
			snaps[ro.Claim] = snap
		}
		ro.Report.ClaimID = ro.Claim.ID
		s.pending = append(s.pending, pendingReport{orig: ro.Claim, snap: snap, report: ro.Report})
	}
	return nil
}

// BeginBatch starts buffering SaveClaims calls until Flush. It does nothing in a batch, or when
// the cache was not warmed from the durable store (NewCachedStore with a nil Lister): it could
// then not tell which ids are free, and keeps writing through.
func (s *CachedStore) BeginBatch() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.batching || !s.canBatch {
		return
	}
	s.batching = true
	s.startMax = s.maxID
	s.undo = map[int64]*sitrep.ReportedClaim{}
	s.order, s.pending = nil, nil
}

// Flush writes the claims the batch touched, as they stand now, and its reports in order, in
// one durable SaveClaims call, then ends the batch. The reports get their ids and each claim
// its status report as writing them one article at a time would have given. When the write
// fails, the cache is put back as it was at BeginBatch and the error returned. Outside a batch
// Flush does nothing.
func (s *CachedStore) Flush(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.batching {
		return nil
	}
	order, pending, undo := s.order, s.pending, s.undo
	s.batching, s.order, s.pending, s.undo = false, nil, nil, nil
	if len(order) == 0 && len(pending) == 0 {
		return nil
	}
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	claims := make([]*sitrep.ReportedClaim, len(order))
	for i, id := range order {
		claims[i] = copyClaim(s.claims[id])
	}
	reports := make([]sitrep.ClaimReportOf, len(pending))
	for i, p := range pending {
		reports[i] = sitrep.ClaimReportOf{Claim: p.snap, Report: p.report}
	}
	if err := s.durable.SaveClaims(ctx, claims, reports); err != nil {
		s.rollback(order, undo)
		return err
	}
	for _, c := range claims { // the durable store may have filled defaults (first seen)
		s.claims[c.ID] = c
	}
	for _, p := range pending {
		if p.report.ID != 0 && p.snap.StatusReport == p.report.ID {
			s.claims[p.snap.ID].StatusReport = p.report.ID
			p.orig.StatusReport = p.report.ID
		}
	}
	return nil
}

// rollback puts back the claims a failed batch touched and drops those it created. The caller
// holds mu.
func (s *CachedStore) rollback(order []int64, undo map[int64]*sitrep.ReportedClaim) {
	for _, id := range order {
		if prev := undo[id]; prev != nil {
			s.claims[id] = prev
		} else {
			delete(s.claims, id)
		}
	}
	// New claims got ids above startMax, appended at the end of their terms' postings.
	for t, p := range s.postings {
		n := len(p)
		for n > 0 && p[n-1] > s.startMax {
			n--
		}
		switch {
		case n == 0:
			delete(s.postings, t)
		case n < len(p):
			s.postings[t] = p[:n]
		}
	}
	s.maxID = s.startMax
}

// rankCandidates scores claims by how many of terms they share, using at most the last
// memPostingsPerTerm postings of each term, and returns copies of the best limit, best first
// (ties: most recent first).
func rankCandidates(postings map[string][]int64, claims map[int64]*sitrep.ReportedClaim, terms []string, limit int) []*sitrep.ReportedClaim {
	score := map[int64]int{}
	for _, t := range terms {
		p := postings[t]
		if len(p) > memPostingsPerTerm {
			p = p[len(p)-memPostingsPerTerm:]
		}
		for _, id := range p {
			score[id]++
		}
	}
	best := sitrep.BestCandidates(score, limit)
	out := make([]*sitrep.ReportedClaim, 0, len(best))
	for _, id := range best {
		if c := claims[id]; c != nil {
			out = append(out, copyClaim(c))
		}
	}
	return out
}

func uniqueTerms(ts []string) []string {
	seen := make(map[string]bool, len(ts))
	out := ts[:0:0]
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
