package quote

// Test hooks for the analysis helpers in the external test package.

// PredSpan is a scored system attribution in rune offsets.
type PredSpan struct {
	Content, Source Piece
	Direct          bool
}

// Overlap exposes overlap.
func Overlap(a, b []Piece) int { return overlap(a, b) }

// Predictions returns the top-level attributions Evaluate scores for one document.
func Predictions(ex *Extractor, d EvalDoc) []PredSpan {
	var out []PredSpan
	for _, p := range predictions(ex, d) {
		out = append(out, PredSpan{Piece{p.content[0].Start, p.content[len(p.content)-1].End}, p.source, p.direct})
	}
	return out
}
