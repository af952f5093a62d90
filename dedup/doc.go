// Package dedup finds near-duplicates and syndicated copies among articles: wire copies and light
// rewrites (a new headline, a trimmed ending, an added paragraph) are linked to the earliest copy,
// the origin, with a similarity figure.
//
// Each article is reduced to the set of its word shingles (ShingleSize consecutive lower-cased
// words) and summarised by a MinHash signature of NumHashes values. Locality-sensitive hashing
// (the signature cut into Bands bands, each hashed into a bucket) finds candidates in time that
// does not depend on the number of articles held; each candidate is verified on the whole
// signature. The estimated Jaccard similarity J and the two set sizes give the estimated
// containment of the shorter article in the longer one, which is what "the same text, trimmed or
// extended" means; an article is a copy when containment reaches Options.Containment and J
// reaches Options.MinJaccard. Copies form groups; the origin of a group is its earliest article
// by publication time, then ingest order, so the result does not depend on arrival order.
//
// The index can be persisted without the texts: Changes returns a Record (signature, size,
// publication time, ingest order, group origin) for every article added or relinked since the
// last call, and Restore puts records back without comparing them. The shingle hash is fixed, so
// a restored signature matches one computed later; Scheme identifies the rules that made it.
// Each LSH bucket keeps only its MaxBucket most recent articles, so a text republished thousands
// of times costs each new copy what any article costs.
package dedup
