package claim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// Options tune the Matcher.
type Options struct {
	// Threshold is the content similarity (see Similarity) from which two contents are the same
	// claim.
	Threshold float64
	// MaxCandidates bounds the stored claims compared with each new one.
	MaxCandidates int
	// MaxClaimsPerArticle bounds the claims recorded per article.
	MaxClaimsPerArticle int
	// MinTerms is the fewest content words a claim needs to be matched across articles; shorter
	// contents ("yes", "we will") are kept as claims of their own.
	MinTerms int
	// FlipSimilarity is the Dice similarity from which a report of opposite polarity ("did not
	// strike") counts as contradicting the claim.
	FlipSimilarity float64
	Logger         *slog.Logger
}

// DefaultOptions returns the options sitrep runs with.
func DefaultOptions() Options {
	return Options{Threshold: 0.6, MaxCandidates: 32, MaxClaimsPerArticle: 200, MinTerms: 3, FlipSimilarity: 0.85}
}

// Matcher records the claims of articles as reports of claims across articles.
type Matcher struct {
	store  sitrep.ClaimStore
	opts   Options
	logger *slog.Logger
}

// New returns a Matcher writing through store.
func New(store sitrep.ClaimStore, opts Options) *Matcher {
	d := DefaultOptions()
	if opts.Threshold <= 0 {
		opts.Threshold = d.Threshold
	}
	if opts.MaxCandidates <= 0 {
		opts.MaxCandidates = d.MaxCandidates
	}
	if opts.MaxClaimsPerArticle <= 0 {
		opts.MaxClaimsPerArticle = d.MaxClaimsPerArticle
	}
	if opts.MinTerms <= 0 {
		opts.MinTerms = d.MinTerms
	}
	if opts.FlipSimilarity <= 0 {
		opts.FlipSimilarity = d.FlipSimilarity
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Matcher{store: store, opts: opts, logger: logger.With("component", "claim")}
}

// RecordBatch records the claims of each article in turn (see Record) and returns all the status
// changes. When the store is a Batcher (a CachedStore), the batch's writes are committed at
// once at the end; the results are the same as recording the articles one by one. On an error
// the articles recorded before it are still committed.
func (m *Matcher) RecordBatch(ctx context.Context, batch []*sitrep.Article) ([]sitrep.ClaimChange, error) {
	b, batching := m.store.(Batcher)
	if batching {
		b.BeginBatch()
	}
	var out []sitrep.ClaimChange
	for _, a := range batch {
		ch, err := m.Record(ctx, a)
		if err != nil {
			if batching {
				if ferr := b.Flush(context.WithoutCancel(ctx)); ferr != nil {
					err = errors.Join(err, fmt.Errorf("claim: flush: %w", ferr))
				}
			}
			return out, err
		}
		out = append(out, ch...)
	}
	if batching {
		// The matching is done: commit it even if ctx is cancelled now (one bounded write),
		// as writing per article would have.
		if err := b.Flush(context.WithoutCancel(ctx)); err != nil {
			return nil, fmt.Errorf("claim: flush: %w", err)
		}
	}
	return out, nil
}

// Record matches each claim of a with the stored claims, adds a report to the best match (or
// creates a new claim), updates statuses, saves everything in one store write, and returns the
// status changes a's reports caused. Record an article once: a second call adds its reports
// again to the counts (the store keeps one report row).
func (m *Matcher) Record(ctx context.Context, a *sitrep.Article) ([]sitrep.ClaimChange, error) {
	if a == nil || len(a.Claims) == 0 {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	seen := pubTime(a)
	var (
		changes []sitrep.ClaimChange
		touched []*sitrep.ReportedClaim
		isNew   = map[*sitrep.ReportedClaim]bool{}
		// reported marks the claims this article has already reported.
		reported = map[*sitrep.ReportedClaim]bool{}
		reports  []sitrep.ClaimReportOf
		local    []*sitrep.ReportedClaim // claims created or matched by this article
	)
	touch := func(c *sitrep.ReportedClaim) {
		for _, t := range touched {
			if t == c {
				return
			}
		}
		touched = append(touched, c)
	}
	claims := a.Claims
	if len(claims) > m.opts.MaxClaimsPerArticle {
		claims = claims[:m.opts.MaxClaimsPerArticle]
	}
	for _, cl := range claims {
		w := Normalize(cl.Content)
		rep := m.report(a, cl, seen)
		var best *sitrep.ReportedClaim
		bestSim := 0.0
		flipped := false
		if len(w.Terms) >= m.opts.MinTerms {
			cands, err := m.store.ClaimCandidates(ctx, queryTerms(w.Terms), m.opts.MaxCandidates)
			if err != nil {
				return nil, fmt.Errorf("claim: candidates: %w", err)
			}
			cands = mergeCandidates(local, cands)
			for _, c := range cands {
				if !speakersCompatible(c.SpeakerKey, SpeakerKey(cl.Speaker), cl.Stance) {
					continue
				}
				terms := c.Terms
				if len(terms) == 0 {
					terms = Normalize(c.Content).Terms
				}
				sim := Similarity(w.Terms, terms)
				if sim >= m.opts.Threshold && sim > bestSim {
					cw := Normalize(c.Content)
					best, bestSim = c, sim
					// The opposite statement counts against the claim only when the two say
					// nearly the same words and neither is a "not X but Y" contrast.
					flipped = cw.Negated != w.Negated && !cw.Contrast && !w.Contrast &&
						Dice(w.Terms, cw.Terms) >= m.opts.FlipSimilarity
				}
			}
		}
		if best == nil {
			status, reason := initialStatus(cl)
			c := &sitrep.ReportedClaim{
				Key: cl.ID, Speaker: cl.Speaker, SpeakerKey: SpeakerKey(cl.Speaker), Content: cl.Content,
				Status: status, FirstSeen: seen, LastSeen: seen, ReportCount: 1, Terms: w.Terms,
			}
			if a.Outlet != "" {
				c.Outlets = []string{a.Outlet}
			}
			rep.Similarity = 1
			if status != sitrep.ClaimReported {
				rep.Effect, rep.Reason = status, reason
			}
			isNew[c] = true
			reported[c] = true
			local = append(local, c)
			touch(c)
			reports = append(reports, sitrep.ClaimReportOf{Claim: c, Report: rep})
			continue
		}
		rep.Similarity = round3(bestSim)
		from := best.Status
		to, reason := nextStatus(from, cl, flipped)
		if reported[best] && to == from {
			// The article already reported this claim (a nested or repeated quote): one report
			// per article, unless this one changes the status.
			continue
		}
		reported[best] = true
		best.ReportCount++
		if seen.After(best.LastSeen) {
			best.LastSeen = seen
		}
		if seen.Before(best.FirstSeen) {
			best.FirstSeen = seen
		}
		if a.Outlet != "" && !contains(best.Outlets, a.Outlet) {
			best.Outlets = append(best.Outlets, a.Outlet)
		}
		if to != from {
			best.Status = to
			rep.Effect, rep.Reason = to, reason
			if !isNew[best] {
				changes = append(changes, sitrep.ClaimChange{Claim: best, Report: rep, From: from, To: to})
			}
		}
		if !containsClaim(local, best) {
			local = append(local, best)
		}
		touch(best)
		reports = append(reports, sitrep.ClaimReportOf{Claim: best, Report: rep})
	}
	if err := m.store.SaveClaims(ctx, touched, reports); err != nil {
		return nil, fmt.Errorf("claim: save: %w", err)
	}
	for _, ch := range changes {
		m.logger.Debug("claim status", "claim", ch.Claim.ID, "from", ch.From, "to", ch.To, "article", a.ID)
	}
	return changes, nil
}

// report builds the report of claim cl in article a, with its evidence sentence.
func (m *Matcher) report(a *sitrep.Article, cl sitrep.Claim, seen time.Time) *sitrep.ClaimReport {
	r := &sitrep.ClaimReport{
		ArticleID: a.ID, Outlet: a.Outlet, StoryID: a.StoryID, StorylineID: a.StorylineID,
		ClaimKey: cl.ID, QuoteIndex: cl.QuoteIndex, Speaker: cl.Speaker, Content: cl.Content,
		Stance: cl.Stance, Hedge: cl.Hedge, Published: seen,
	}
	if cl.QuoteIndex >= 0 && cl.QuoteIndex < len(a.Quotes) {
		q := a.Quotes[cl.QuoteIndex]
		r.Cue = q.Cue
		lo, hi := q.Start, q.End
		if q.Speaker.End > 0 {
			lo, hi = min(lo, q.Speaker.Start), max(hi, q.Speaker.End)
		}
		r.Start, r.End = Sentence(a.Text, lo, hi)
		r.Sentence = a.Text[r.Start:r.End]
	}
	return r
}

// maxSentence bounds the evidence sentence, in bytes on each side of the quote.
const maxSentence = 400

// Sentence widens [start, end) of text to the sentence around it: back to the previous sentence
// end or line break and on to the next, at most maxSentence bytes each way. Offsets out of range
// give an empty span.
func Sentence(text string, start, end int) (int, int) {
	if start < 0 || end > len(text) || start > end {
		return 0, 0
	}
	lo := start
	for lo > 0 && start-lo < maxSentence {
		c := text[lo-1]
		if c == '\n' || ((c == '.' || c == '!' || c == '?') && lo < len(text) && text[lo] == ' ') {
			break
		}
		lo--
	}
	hi := end
	for hi < len(text) && hi-end < maxSentence {
		c := text[hi]
		if c == '\n' {
			break
		}
		hi++
		if (c == '.' || c == '!' || c == '?') && (hi == len(text) || text[hi] == ' ' || text[hi] == '\n') {
			break
		}
	}
	for lo < hi && (text[lo] == ' ' || text[lo] >= 0x80 && text[lo] < 0xC0) {
		lo++
	}
	for hi > lo && hi < len(text) && text[hi] >= 0x80 && text[hi] < 0xC0 {
		hi++
	}
	return lo, hi
}

// SpeakerKey is the name a speaker is matched by: the actor id when resolved, else the
// lower-cased name; "" for anonymous sources, who match anyone.
func SpeakerKey(s sitrep.Source) string {
	if s.ActorID != "" {
		return s.ActorID
	}
	if s.Kind == sitrep.SourceAnonymous {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(s.Text))
}

// speakersCompatible reports whether a report by speaker b with the given stance may be a report
// of a claim made by a. A confirmation or denial may come from anyone; an assertion must come
// from the same speaker when both are named.
func speakersCompatible(a, b, stance string) bool {
	if stance == "confirm" || stance == "deny" {
		return true
	}
	return a == "" || b == "" || a == b
}

// signal is what a report says about a claim: confirm, deny or nothing.
func signal(cl sitrep.Claim, flipped bool) string {
	s := ""
	switch {
	case cl.Stance == "confirm" || cl.Hedge == sitrep.HedgeConfirmed:
		s = "confirm"
	case cl.Stance == "deny" || cl.Hedge == sitrep.HedgeDenied:
		s = "deny"
	}
	if flipped {
		// The report states the opposite: asserting it denies the claim, denying it confirms.
		switch s {
		case "confirm", "":
			s = "deny"
		case "deny":
			s = "confirm"
		}
	}
	return s
}

// initialStatus is the status of a claim from its first report, with the reason.
func initialStatus(cl sitrep.Claim) (string, string) {
	switch signal(cl, false) {
	case "confirm":
		return sitrep.ClaimConfirmed, "confirmed by " + who(cl.Speaker)
	case "deny":
		return sitrep.ClaimDenied, "denied by " + who(cl.Speaker)
	}
	if cl.Stance == "question" || cl.Hedge == sitrep.HedgeAlleged || cl.Hedge == sitrep.HedgeUnverified {
		return sitrep.ClaimUnverified, "reported as " + firstNonEmpty(cl.Hedge, "a question")
	}
	return sitrep.ClaimReported, ""
}

// nextStatus is the status of a claim in status from after a report of cl (flipped when the
// report states the opposite polarity), with the reason.
func nextStatus(from string, cl sitrep.Claim, flipped bool) (string, string) {
	sig := signal(cl, flipped)
	how := ""
	if flipped {
		how = " (opposite statement)"
	}
	switch sig {
	case "confirm":
		switch from {
		case sitrep.ClaimReported, sitrep.ClaimUnverified:
			return sitrep.ClaimConfirmed, "confirmed by " + who(cl.Speaker) + how
		case sitrep.ClaimDenied:
			return sitrep.ClaimContradicted, "confirmed by " + who(cl.Speaker) + how + " after a denial"
		}
	case "deny":
		switch from {
		case sitrep.ClaimReported, sitrep.ClaimUnverified:
			return sitrep.ClaimDenied, "denied by " + who(cl.Speaker) + how
		case sitrep.ClaimConfirmed:
			return sitrep.ClaimContradicted, "denied by " + who(cl.Speaker) + how + " after a confirmation"
		}
	}
	return from, ""
}

func who(s sitrep.Source) string {
	if s.Text != "" {
		return s.Text
	}
	if s.Description != "" {
		return s.Description
	}
	return "an unnamed source"
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func pubTime(a *sitrep.Article) time.Time {
	if a.Published != nil {
		return a.Published.UTC()
	}
	if !a.IngestedAt.IsZero() {
		return a.IngestedAt.UTC()
	}
	return time.Time{}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func containsClaim(l []*sitrep.ReportedClaim, c *sitrep.ReportedClaim) bool {
	for _, x := range l {
		if x == c {
			return true
		}
	}
	return false
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// mergeCandidates returns the claims this article already touched (current in memory) followed by
// the stored candidates that are not among them.
func mergeCandidates(local, stored []*sitrep.ReportedClaim) []*sitrep.ReportedClaim {
	out := append([]*sitrep.ReportedClaim{}, local...)
	for _, c := range stored {
		dup := false
		for _, l := range local {
			if l.ID != 0 && l.ID == c.ID {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}

// maxQueryTerms bounds the terms a candidate search looks up.
const maxQueryTerms = 12

// queryTerms picks the terms a candidate search looks up: the longest ones, longer words being
// on the whole rarer and more telling.
func queryTerms(terms []string) []string {
	if len(terms) <= maxQueryTerms {
		return terms
	}
	q := append([]string(nil), terms...)
	sort.SliceStable(q, func(i, j int) bool { return len(q[i]) > len(q[j]) })
	return q[:maxQueryTerms]
}
