package sitrep

import (
	"math/rand"
	"slices"
	"sort"
	"testing"
)

// TestBestCandidates compares BestCandidates with sorting every candidate (most shared terms
// first, larger id first among equals) on random score maps, for limits from 0 to beyond the
// number of candidates.
func TestBestCandidates(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for trial := 0; trial < 300; trial++ {
		shared := map[int64]int{}
		for i, n := 0, rng.Intn(400); i < n; i++ {
			shared[rng.Int63n(1000)] = 1 + rng.Intn(6) // few distinct scores: many ties
		}
		want := make([]int64, 0, len(shared))
		for id := range shared {
			want = append(want, id)
		}
		sort.Slice(want, func(i, j int) bool {
			if shared[want[i]] != shared[want[j]] {
				return shared[want[i]] > shared[want[j]]
			}
			return want[i] > want[j]
		})
		for _, limit := range []int{-1, 0, 1, 5, 32, len(shared), len(shared) + 3} {
			w := want
			if limit >= 0 && len(w) > limit {
				w = w[:limit]
			}
			if got := BestCandidates(shared, limit); !slices.Equal(got, w) && !(len(got) == 0 && len(w) == 0) {
				t.Fatalf("trial %d, limit %d: got %v, want %v", trial, limit, got, w)
			}
		}
	}
}
