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
// per term and a decode per candidate, which made it dominate ingest. Writes go to the durable
// store first, so the cache never holds what was not committed. It is safe for concurrent use.
type CachedStore struct {
	durable sitrep.ClaimStore

	mu       sync.Mutex
	claims   map[int64]*sitrep.ReportedClaim
	postings map[string][]int64 // claim ids in increasing order
}

var _ sitrep.ClaimStore = (*CachedStore)(nil)

// NewCachedStore returns a cache in front of durable, warmed with every claim list returns.
func NewCachedStore(ctx context.Context, durable sitrep.ClaimStore, list Lister) (*CachedStore, error) {
	s := &CachedStore{durable: durable, claims: map[int64]*sitrep.ReportedClaim{}, postings: map[string][]int64{}}
	if list == nil {
		return s, nil
	}
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
}

// ClaimCandidates returns up to limit claims sharing the most terms, best first; each term
// contributes its memPostingsPerTerm most recent claims.
func (s *CachedStore) ClaimCandidates(ctx context.Context, terms []string, limit int) ([]*sitrep.ReportedClaim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return rankCandidates(s.postings, s.claims, terms, limit), nil
}

// SaveClaims writes to the durable store, then updates the cache with the ids it assigned.
func (s *CachedStore) SaveClaims(ctx context.Context, claims []*sitrep.ReportedClaim, reports []sitrep.ClaimReportOf) error {
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
	type scored struct {
		id int64
		n  int
	}
	all := make([]scored, 0, len(score))
	for id, n := range score {
		all = append(all, scored{id, n})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].id > all[j].id
	})
	if len(all) > limit {
		all = all[:limit]
	}
	out := make([]*sitrep.ReportedClaim, 0, len(all))
	for _, sc := range all {
		if c := claims[sc.id]; c != nil {
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
