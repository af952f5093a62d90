package claim

import (
	"context"
	"sort"
	"strings"
	"sync"

	"github.com/sitrep/sitrep"
)

// MemStore is an in-memory sitrep.ClaimStore and sitrep.ClaimService with an inverted index of
// claim terms, for tests and benchmarks. It is safe for concurrent use.
type MemStore struct {
	mu       sync.Mutex
	claims   map[int64]*sitrep.ReportedClaim
	reports  map[int64][]*sitrep.ClaimReport
	postings map[string][]int64
	nextID   int64
	nextRep  int64
}

var (
	_ sitrep.ClaimStore   = (*MemStore)(nil)
	_ sitrep.ClaimService = (*MemStore)(nil)
)

// memPostingsPerTerm bounds the claims (most recent) a term contributes to a candidate search.
const memPostingsPerTerm = 256

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{claims: map[int64]*sitrep.ReportedClaim{}, reports: map[int64][]*sitrep.ClaimReport{},
		postings: map[string][]int64{}}
}

// ClaimCandidates returns up to limit claims sharing the most terms, best first (copies).
func (s *MemStore) ClaimCandidates(ctx context.Context, terms []string, limit int) ([]*sitrep.ReportedClaim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return rankCandidates(s.postings, s.claims, terms, limit), nil
}

// SaveClaims stores new claims (a zero ID, or an ID not stored yet) and updates, then the reports.
func (s *MemStore) SaveClaims(ctx context.Context, claims []*sitrep.ReportedClaim, reports []sitrep.ClaimReportOf) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range claims {
		if c.ID == 0 {
			s.nextID++
			c.ID = s.nextID
		}
		if _, ok := s.claims[c.ID]; !ok {
			// New (or saved with an id assigned by the caller, as CachedStore does in a batch).
			for _, t := range c.Terms {
				s.postings[t] = append(s.postings[t], c.ID)
			}
			s.nextID = max(s.nextID, c.ID)
		}
		s.claims[c.ID] = copyClaim(c)
	}
	for _, ro := range reports {
		s.nextRep++
		ro.Report.ID, ro.Report.ClaimID = s.nextRep, ro.Claim.ID
		r := *ro.Report
		s.reports[ro.Claim.ID] = append(s.reports[ro.Claim.ID], &r)
		if r.Effect != "" && r.Effect == ro.Claim.Status {
			s.claims[ro.Claim.ID].StatusReport = r.ID
			ro.Claim.StatusReport = r.ID
		}
	}
	return nil
}

// FindClaimByID returns the claim with its reports, or ENOTFOUND.
func (s *MemStore) FindClaimByID(ctx context.Context, id int64) (*sitrep.ReportedClaim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.claims[id]
	if !ok {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Claim not found.")
	}
	out := copyClaim(c)
	for _, r := range s.reports[id] {
		cp := *r
		out.Reports = append(out.Reports, &cp)
	}
	return out, nil
}

// FindClaims returns the claims matching filter, most recently seen first.
func (s *MemStore) FindClaims(ctx context.Context, f sitrep.ClaimFilter) ([]*sitrep.ReportedClaim, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*sitrep.ReportedClaim
	for id, c := range s.claims {
		if f.ID != nil && *f.ID != id || f.Status != nil && *f.Status != c.Status ||
			f.MinReports > 0 && c.ReportCount < f.MinReports || f.Since != nil && c.LastSeen.Before(*f.Since) {
			continue
		}
		if f.Speaker != nil && !strings.EqualFold(*f.Speaker, c.SpeakerKey) && !strings.EqualFold(*f.Speaker, c.Speaker.Text) {
			continue
		}
		if f.ArticleID != nil || f.StorylineID != nil {
			hit := false
			for _, r := range s.reports[id] {
				if (f.ArticleID == nil || r.ArticleID == *f.ArticleID) && (f.StorylineID == nil || r.StorylineID == *f.StorylineID) {
					hit = true
					break
				}
			}
			if !hit {
				continue
			}
		}
		out = append(out, copyClaim(c))
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].LastSeen.Equal(out[j].LastSeen) {
			return out[i].LastSeen.After(out[j].LastSeen)
		}
		return out[i].ID > out[j].ID
	})
	n := len(out)
	if f.Offset > 0 {
		out = out[min(f.Offset, len(out)):]
	}
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, n, nil
}

func copyClaim(c *sitrep.ReportedClaim) *sitrep.ReportedClaim {
	cp := *c
	cp.Outlets = append([]string(nil), c.Outlets...)
	cp.Terms = append([]string(nil), c.Terms...)
	cp.Reports = nil
	return &cp
}
