package clean_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
)

// FuzzCleanText feeds arbitrary bytes to the flattened-text path: it must not panic, must return
// valid UTF-8 without control characters, and every flag must lie inside Text.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{
		pageRaw,
		"Washington D.C. – met at the White House on , with the U.S. And Israel.",
		"Itâ€™s â€œfineâ€\x9d cafÃ© caf\xe9 \xff\xfe Iran’s ∫ which \u00a0\u200b e\u0301",
		"U.S. Has U.S. To U.S. Talks with talks U.S. In the event",
		"\r\n\r\n\t\x00\x1b[0m ( ) $ million . , ,",
		"“He said,\" she said \"no”",
		strings.Repeat("WORD ", 300),
	} {
		f.Add(s)
	}
	c := clean.New(clean.DefaultOptions())
	f.Fuzz(func(t *testing.T, raw string) {
		a := &sitrep.Article{Raw: raw, RawFormat: "text"}
		if err := c.Clean(context.Background(), a); err != nil {
			t.Fatalf("Clean: %v", err)
		}
		for name, s := range map[string]string{"Text": a.Text, "Title": a.Title, "Dateline": a.Dateline} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s not valid UTF-8: %q", name, s)
			}
			for _, r := range s {
				if r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f {
					t.Fatalf("%s has control %U: %q", name, r, s)
				}
			}
		}
		for _, fl := range a.Flags {
			if fl.Start < 0 || fl.Start > fl.End || fl.End > len(a.Text) {
				t.Fatalf("flag %+v outside text of %d bytes", fl, len(a.Text))
			}
			if !utf8.ValidString(a.Text[fl.Start:fl.End]) {
				t.Fatalf("flag %+v splits a character", fl)
			}
		}
	})
}

// A 50 MB single line of garbage is cleaned in bounded time and memory.
func TestCleanTextHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	var b strings.Builder
	chunk := "lorem \xff ipsum U.S. And â€™ dolor ∫ sit , amet "
	for b.Len() < 50<<20 {
		b.WriteString(chunk)
	}
	a := &sitrep.Article{Raw: b.String(), RawFormat: "text"}
	if err := clean.New(clean.DefaultOptions()).Clean(context.Background(), a); err != nil {
		t.Fatalf("Clean: %v", err)
	}
	if len(a.Repairs) > 600 {
		t.Fatalf("repairs=%d, want bounded", len(a.Repairs))
	}
	for _, r := range a.Removed {
		if len(r.Text) > 2100 {
			t.Fatalf("removal text of %d bytes, want bounded", len(r.Text))
		}
	}
}
