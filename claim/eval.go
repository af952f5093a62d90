package claim

import (
	"context"
	"sort"

	"github.com/sitrep/sitrep"
)

// Labeled is an analysed article with its gold story and topic labels.
type Labeled struct {
	Article      *sitrep.Article
	Story, Topic string
}

// MergeResult measures how claims were merged across articles. There is no gold claim
// alignment in the evaluation sets, so it measures merge precision: among the pairs of distinct
// articles that report one claim, the share that belong to the same gold story (and topic).
type MergeResult struct {
	Articles, Claims, Reports int
	// Multi counts claims reported by two or more distinct articles.
	Multi int
	// Pairs counts article pairs joined by a claim; SameStory and SameTopic those within one gold
	// story or topic.
	Pairs, SameStory, SameTopic    int
	StoryPrecision, TopicPrecision float64
	// StatusChanges counts the status changes later reports caused.
	StatusChanges int
	// Examples are up to a few multi-article claims with their reports, largest first.
	Examples []*sitrep.ReportedClaim
	// Changes are the first few status changes, with their evidence.
	Changes []sitrep.ClaimChange
}

// EvalMerges records the claims of docs, in order, into a fresh MemStore and measures the merges.
func EvalMerges(ctx context.Context, docs []Labeled, opts Options, examples int) (MergeResult, error) {
	st := NewMemStore()
	m := New(st, opts)
	var r MergeResult
	label := map[string]Labeled{}
	for _, d := range docs {
		label[d.Article.ID] = d
		ch, err := m.Record(ctx, d.Article)
		if err != nil {
			return r, err
		}
		r.StatusChanges += len(ch)
		for _, c := range ch {
			if len(r.Changes) < examples {
				r.Changes = append(r.Changes, c)
			}
		}
		r.Articles++
	}
	all, _, err := st.FindClaims(ctx, sitrep.ClaimFilter{})
	if err != nil {
		return r, err
	}
	r.Claims = len(all)
	var multi []*sitrep.ReportedClaim
	for _, c := range all {
		full, err := st.FindClaimByID(ctx, c.ID)
		if err != nil {
			return r, err
		}
		r.Reports += len(full.Reports)
		var ids []string
		seen := map[string]bool{}
		for _, rep := range full.Reports {
			if !seen[rep.ArticleID] {
				seen[rep.ArticleID] = true
				ids = append(ids, rep.ArticleID)
			}
		}
		if len(ids) < 2 {
			continue
		}
		r.Multi++
		multi = append(multi, full)
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				a, b := label[ids[i]], label[ids[j]]
				r.Pairs++
				if a.Story == b.Story {
					r.SameStory++
				}
				if a.Topic == b.Topic {
					r.SameTopic++
				}
			}
		}
	}
	if r.Pairs > 0 {
		r.StoryPrecision = float64(r.SameStory) / float64(r.Pairs)
		r.TopicPrecision = float64(r.SameTopic) / float64(r.Pairs)
	}
	sort.Slice(multi, func(i, j int) bool {
		if len(multi[i].Reports) != len(multi[j].Reports) {
			return len(multi[i].Reports) > len(multi[j].Reports)
		}
		return multi[i].ID < multi[j].ID
	})
	if len(multi) > examples {
		multi = multi[:examples]
	}
	r.Examples = multi
	return r, nil
}
