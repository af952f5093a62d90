// Package text is the one shared text-primitive layer: it splits a clean article body into
// sentences and tokens, each carrying UTF-8 byte offsets into the body, computed once and shared
// by every analysis stage (actor, timex, quote, event).
//
// Tokenisation is a hand-written single pass rather than a full UAX #29 segmenter because the
// stages need news-specific units that UAX #29 splits apart or joins wrongly: abbreviations with
// inner periods ("U.S.", "Gen."), possessive "'s" as its own token, curly quotes as quote tokens,
// and numbers with separators ("1,800", "7.4").
//
// The pass also records, at no extra memory cost, what each token's bytes contain: whether it is
// already lower-case ASCII (Token.LowerASCII) and whether it holds a hyphen (Token.HasHyphen). A
// stage that looks tokens up in lower-case dictionaries can then skip lower-casing most of them.
package text
