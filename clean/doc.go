// Package clean turns a raw document into a clean article: the main text and metadata of an HTML
// page (through go-trafilatura), or the body of already-flattened text with page debris removed
// and typographic damage repaired. Everything it removes or changes is recorded on the article
// (Removed, Repairs, Flags) with a reason, so the result can be explained. It also detects the
// article's language.
package clean
