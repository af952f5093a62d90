package timex

import (
	"fmt"
	"time"

	"github.com/sitrep/sitrep"
)

// maxEvidence bounds the evidence list of an inferred publication date.
const maxEvidence = 3

// inferPublished estimates the earliest possible publication date from the dates the text fixes
// by itself: an article cannot be older than the latest date it mentions in a past-tense (or
// untensed) sentence. Future and present sentences may name dates still to come. The latest bound is left zero (unknown): dates alone do not bound it; the
// actor stage narrows the range with office-holder evidence. Nil when no explicit date qualifies.
func (m *matcher) inferPublished() *sitrep.DateRange {
	var best time.Time
	var bestText string
	var evidence []string
	for _, h := range m.hits {
		if h.anchor != "text" || h.lower.IsZero() || h.typ == sitrep.TimexEvent {
			continue
		}
		if t := m.tenseAround(h.i, h.j); t == tenseFuture || t == tensePresent {
			continue // "the deadline is March 1, 2027": a present sentence may name a future date
		}
		if !h.lower.After(best) {
			continue
		}
		best = h.lower
		bestText = m.text[m.t[h.i].s:m.t[h.j-1].e]
		evidence = append(evidence, fmt.Sprintf("explicit date %q (%s) in a past or untensed sentence", bestText, h.val))
	}
	if best.IsZero() {
		return nil
	}
	if len(evidence) > maxEvidence {
		evidence = evidence[len(evidence)-maxEvidence:]
	}
	return &sitrep.DateRange{Earliest: best, Evidence: evidence}
}
