// Package claim matches claims across articles. The quote stage gives every article its claims
// (a speaker, a normalised content, a stance and a hedge); the Matcher finds, for each, the claim
// already reported by other articles that says the same thing — by content similarity over
// normalised word sets, found through an inverted index of claim terms, and by speaker where both
// are named — and records the article as one more report of it. A report that confirms, denies
// or contradicts the claim (by its stance, its hedge, or by stating the opposite polarity) moves
// the claim's status and keeps the evidence: the article, the sentence and the cue.
//
// The Matcher writes through sitrep.ClaimStore (the SQLite store implements it); MemStore is an
// in-memory implementation for tests and benchmarks. CachedStore sits in front of a durable store
// at ingest: it answers candidate searches from memory and, in Matcher.RecordBatch, buffers the
// batch's writes and commits them in one transaction, with the same results as one write per
// article.
package claim
