package clean

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/sitrep/sitrep"
)

// Limits that keep HTML extraction bounded on hostile or broken pages.
const (
	// MaxHTMLBytes is the largest HTML page cleanHTML accepts (10 MiB). Larger pages are rejected
	// with ErrHTMLTooLarge before parsing.
	MaxHTMLBytes = 10 << 20
	// maxHTMLDepth is the deepest element nesting passed to the extractor. Deeper subtrees are
	// flattened into their text, which keeps recursive tree walks shallow.
	maxHTMLDepth = 100
	// maxHTMLElements is the largest number of elements handed to go-trafilatura (news pages
	// have a few thousand). Pages with more are rendered as plain body text instead, which costs
	// one linear walk: some of the extractor's passes grow faster than the page.
	maxHTMLElements = 20_000
	// maxHTMLTags bounds the '<' characters of a page that is parsed into a tree (a tree node
	// costs a few hundred bytes); pages with more are read token by token, in constant memory.
	maxHTMLTags = 150_000
	// maxHTMLText is the most text (bytes, outside scripts and styles) handed to go-trafilatura;
	// longer pages are rendered as plain body text.
	maxHTMLText = 1 << 20
	// shortExtraction is the rune count under which go-trafilatura falls back to its baseline
	// rescue (its Config.MinExtractedSize); such results are re-rendered by shortPageText.
	shortExtraction = 250
	// maxRemovedEntries bounds the boilerplate blocks listed in Article.Removed.
	maxRemovedEntries = 30
	// maxRemovedText bounds the text kept for one Removed entry, in bytes.
	maxRemovedText = 200
)

// Removal reasons and flag kinds recorded by HTML extraction.
const (
	// ReasonHTMLBoilerplate marks a block of page text that the extractor left out of the body
	// (navigation, related links, footers, comments, captions …).
	ReasonHTMLBoilerplate = "html-boilerplate"
	// ReasonHTMLMarkup marks non-text markup dropped wholesale (scripts, styles, templates …).
	ReasonHTMLMarkup = "html-markup"
	// ReasonHTMLTitle marks a leading body line that repeated the headline.
	ReasonHTMLTitle = "html-title"
	// FlagHTMLFallback is set when go-trafilatura found no main text (or failed) and the plain
	// text of the page body was used instead.
	FlagHTMLFallback = "html_fallback"
)

// ErrHTMLTooLarge is returned for HTML pages over MaxHTMLBytes.
var ErrHTMLTooLarge = errors.New("clean: html page too large")

// cleanHTML extracts main text and metadata from the HTML page in a.Raw with go-trafilatura. It
// fills a.Text (paragraphs separated by blank lines) and a.Title, and a.Published, a.Author,
// a.Outlet and a.URL from the page metadata when the article lacks them. What the extractor left
// out is summarised in a.Removed. When the extractor finds nothing (or fails), the plain text of
// the page body is used and a FlagHTMLFallback flag says so.
func (c *Cleaner) cleanHTML(ctx context.Context, a *sitrep.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(a.Raw) > MaxHTMLBytes {
		return fmt.Errorf("%w: %d bytes, limit %d bytes (%d MiB)", ErrHTMLTooLarge, len(a.Raw), MaxHTMLBytes, MaxHTMLBytes>>20)
	}
	res, err := ExtractHTML(ctx, a.Raw, HTMLOptions{Fallback: c.opts.Fallback, URL: a.URL})
	if err != nil {
		return err
	}
	a.Text = res.Text
	if a.Title == "" {
		a.Title = res.Title
	}
	if a.Published == nil && !res.Published.IsZero() {
		t := res.Published
		a.Published = &t
	}
	if a.Author == "" {
		a.Author = res.Author
	}
	if a.Outlet == "" {
		a.Outlet = res.Sitename
	}
	if a.URL == "" {
		a.URL = res.URL
	}
	a.Removed = append(a.Removed, res.Removed...)
	a.Flags = append(a.Flags, res.Flags...)
	return nil
}

// HTMLOptions tune ExtractHTML.
type HTMLOptions struct {
	// Fallback lets go-trafilatura compare its result with go-readability and go-domdistiller
	// and take theirs when better (slower, more robust).
	Fallback bool
	// URL is the page's address, when known; it helps resolve relative links and site names.
	URL string
	// Focus is go-trafilatura's extraction focus (balanced, favour recall or precision).
	Focus trafilatura.ExtractionFocus
	// Logger receives debug messages; nil discards them.
	Logger *slog.Logger
}

// HTMLResult is what ExtractHTML found in a page.
type HTMLResult struct {
	// Text is the main text, paragraphs separated by "\n\n".
	Text string
	// Title, Author, Sitename, URL and Published come from the page metadata (meta tags,
	// JSON-LD, OpenGraph, <title>); empty or zero when absent.
	Title     string
	Author    string
	Sitename  string
	URL       string
	Published time.Time
	// Language is go-trafilatura's guess at the body's language ("" when unknown). Clean does
	// not use it: DetectLanguage decides Article.Language for both input paths.
	Language string
	// Removed summarises what was left out (bounded: a few dozen entries, each truncated).
	Removed []sitrep.Removal
	// Flags records how the text was obtained when the main extractor was not used.
	Flags []sitrep.Flag
}

// ExtractHTML extracts the main text and metadata of the HTML page src. It rejects pages over
// MaxHTMLBytes, never panics (a panic becomes an error), and keeps work bounded: pages with very
// many tags are read token by token without building a tree, very deep nesting is flattened, and
// pages with very many elements or very much text skip the extractor for a linear plain-text
// rendering (flagged FlagHTMLFallback).
func ExtractHTML(ctx context.Context, src string, opts HTMLOptions) (res *HTMLResult, err error) {
	if len(src) > MaxHTMLBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d bytes (%d MiB)", ErrHTMLTooLarge, len(src), MaxHTMLBytes, MaxHTMLBytes>>20)
	}
	if !utf8.ValidString(src) {
		src = strings.ToValidUTF8(src, "\uFFFD")
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("clean: html extraction panicked: %v", r)
		}
	}()

	if n := strings.Count(src, "<"); n > maxHTMLTags {
		// Building a tree of this many nodes would cost far more memory than the page; the
		// text is read token by token instead.
		text, title := tokenText(src)
		res = &HTMLResult{Text: text, Title: collapseSpace(title)}
		res.Flags = append(res.Flags, sitrep.Flag{Kind: FlagHTMLFallback, Detail: fmt.Sprintf("page has %d tags or more (limit %d): tag-stripped text used", n, maxHTMLTags)})
		return res, ctx.Err()
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// The parser refuses pathological pages (elements nested hundreds deep). Their text is
		// still read, token by token.
		text, title := tokenText(src)
		res = &HTMLResult{Text: text, Title: collapseSpace(title)}
		res.Flags = append(res.Flags, sitrep.Flag{Kind: FlagHTMLFallback, Detail: "page not parsed (" + truncate(err.Error(), 120) + "): tag-stripped text used"})
		return res, ctx.Err()
	}
	res = &HTMLResult{}
	stats := prepareDoc(doc)
	if stats.dropped != "" {
		res.Removed = append(res.Removed, sitrep.Removal{Text: stats.dropped, Reason: ReasonHTMLMarkup})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	var body string
	var reason string
	switch {
	case stats.elements > maxHTMLElements:
		reason = fmt.Sprintf("page has %d elements (limit %d): plain body text used", stats.elements, maxHTMLElements)
	case stats.textBytes > maxHTMLText:
		reason = fmt.Sprintf("page has %d bytes of text (limit %d): plain body text used", stats.textBytes, maxHTMLText)
	default:
		ext, xerr := runTrafilatura(doc, opts)
		switch {
		case xerr != nil:
			reason = "extractor found no main text: plain body text used (" + truncate(xerr.Error(), 120) + ")"
		default:
			body = renderBlocks(ext.ContentNode)
			if strings.TrimSpace(body) == "" {
				body = normaliseParagraphs(ext.ContentText)
			}
			if short := utf8.RuneCountInString(body) < shortExtraction; short || !strings.Contains(body, "\n\n") {
				// go-trafilatura's rescue for pages where it found little (its "baseline") returns
				// one paragraph with the page's paragraphs glued together ("end.Next"). Render the
				// same parts of the page with their breaks instead: when the rescue was used (same
				// text once white space is ignored), or when the result is short anyway.
				alt := shortPageText(doc)
				if squashSpace(alt) == squashSpace(body) || short && len(strings.Fields(alt)) >= len(strings.Fields(body)) {
					body = alt
				}
			}
			md := ext.Metadata
			res.Title = collapseSpace(md.Title)
			res.Author = collapseSpace(md.Author)
			res.Sitename = collapseSpace(md.Sitename)
			res.URL = strings.TrimSpace(md.URL)
			res.Language = md.Language
			if !md.Date.IsZero() {
				res.Published = md.Date
			}
			if strings.TrimSpace(body) == "" {
				reason = "extractor returned an empty body: plain body text used"
			}
		}
	}
	if reason != "" {
		logger.Debug("html fallback", slog.String("reason", reason))
		body = renderBlocks(findBody(doc))
		res.Flags = append(res.Flags, sitrep.Flag{Kind: FlagHTMLFallback, Detail: reason})
		if res.Title == "" {
			res.Title = collapseSpace(docTitle(doc))
		}
	}
	body, dropped := dropLeadingTitle(body, res.Title)
	if dropped != "" {
		res.Removed = append(res.Removed, sitrep.Removal{Text: truncate(dropped, maxRemovedText), Reason: ReasonHTMLTitle})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	page := renderPage(findBody(doc))
	body, _ = dropLinkParagraphs(page, body)
	res.Text = body
	res.Removed = append(res.Removed, removedBlocks(page, body, res.Title)...)
	return res, nil
}

// runTrafilatura runs go-trafilatura on doc. A panic inside the extractor is turned into an error
// so that the caller can fall back to plain text.
func runTrafilatura(doc *html.Node, opts HTMLOptions) (ext *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			ext, err = nil, fmt.Errorf("extractor panicked: %v", r)
		}
	}()
	topts := trafilatura.Options{
		EnableFallback:  opts.Fallback,
		ExcludeComments: true,
		ExcludeTables:   false,
		// Dates: meta tags, JSON-LD and time elements, with the time of day when given; the
		// extensive free-text search is skipped (slow, and rarely right on news pages).
		HtmlDateOptions: &htmldate.Options{ExtractTime: true, UseOriginalDate: true, SkipExtensiveSearch: true},
		Focus:           opts.Focus,
	}
	if opts.URL != "" {
		if u, perr := parseURL(opts.URL); perr == nil {
			topts.OriginalURL = u
		}
	}
	ext, err = trafilatura.ExtractDocument(doc, topts)
	if err != nil {
		return nil, err
	}
	if ext == nil {
		return nil, errors.New("extractor returned no result")
	}
	return ext, nil
}

// dropLeadingTitle removes the first paragraph of body when it repeats the title (extractors
// sometimes keep the <h1>), returning the new body and the dropped paragraph.
func dropLeadingTitle(body, title string) (string, string) {
	if title == "" || body == "" {
		return body, ""
	}
	first, rest, _ := strings.Cut(body, "\n\n")
	if !strings.EqualFold(collapseSpace(first), collapseSpace(title)) {
		return body, ""
	}
	return rest, first
}

// truncate shortens s to at most n bytes on a rune boundary, marking the cut with "…".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// SetFocus sets o.Focus from its name: "balanced", "recall" or "precision".
func (o *HTMLOptions) SetFocus(name string) error {
	switch name {
	case "balanced", "":
		o.Focus = trafilatura.Balanced
	case "recall":
		o.Focus = trafilatura.FavorRecall
	case "precision":
		o.Focus = trafilatura.FavorPrecision
	default:
		return fmt.Errorf("clean: unknown extraction focus %q (want balanced, recall or precision)", name)
	}
	return nil
}
