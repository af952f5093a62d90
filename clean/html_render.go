package clean

import (
	"errors"
	"fmt"
	"hash/maphash"
	nurl "net/url"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sitrep/sitrep"
)

// docStats is what prepareDoc learned about a parsed page.
type docStats struct {
	// elements is the number of element nodes left in the tree, textBytes the size of its text.
	elements, textBytes int
	// dropped summarises the markup removed ("script×12, style×3"), or "" when none.
	dropped string
}

// droppedTags are elements whose content is never text of the page. They are removed from the
// tree before extraction so that no script or style can reach the text.
var droppedTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Canvas: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Frameset: true, atom.Frame: true, atom.Applet: true,
}

// prunedTags are page-furniture elements removed before extraction: go-trafilatura discards
// them anyway, and removing them early spares every later pass over the tree.
var prunedTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Button: true, atom.Select: true, atom.Input: true, atom.Textarea: true,
	atom.Audio: true, atom.Video: true, atom.Picture: true, atom.Source: true, atom.Map: true,
	atom.Label: true, atom.Datalist: true, atom.Dialog: true, atom.Menu: true,
}

// isHidden reports whether n is hidden from readers by its attributes (hidden, aria-hidden,
// display:none): browsers do not show it, and neither do the extractors' own rules.
func isHidden(n *html.Node) bool {
	for _, at := range n.Attr {
		switch at.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(at.Val), "true") {
				return true
			}
		case "style":
			if strings.Contains(strings.ReplaceAll(strings.ToLower(at.Val), " ", ""), "display:none") {
				return true
			}
		}
	}
	return false
}

// keepScript reports whether a <script> element carries metadata the extractor reads (JSON-LD).
func keepScript(n *html.Node) bool {
	if n.DataAtom != atom.Script {
		return false
	}
	for _, at := range n.Attr {
		if strings.EqualFold(at.Key, "type") && strings.Contains(strings.ToLower(at.Val), "ld+json") {
			return true
		}
	}
	return false
}

// prepareDoc removes non-text markup (scripts except JSON-LD, styles, embedded objects, HTML
// comments), page furniture (prunedTags) and hidden elements, flattens subtrees nested deeper than maxHTMLDepth into their text, and counts the
// elements left. It walks the tree without recursion, so any depth is safe.
func prepareDoc(doc *html.Node) docStats {
	type item struct {
		n     *html.Node
		depth int
	}
	counts := map[string]int{}
	var st docStats
	stack := []item{{doc, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := it.n.FirstChild; c != nil; {
			next := c.NextSibling
			switch {
			case c.Type == html.CommentNode:
				it.n.RemoveChild(c)
			case c.Type == html.ElementNode && (droppedTags[c.DataAtom] || c.Data == "svg" || c.Data == "math" || prunedTags[c.DataAtom]) && !keepScript(c):
				counts[c.Data]++
				it.n.RemoveChild(c)
			case c.Type == html.ElementNode && isHidden(c):
				counts["hidden"]++
				it.n.RemoveChild(c)
			case c.Type == html.TextNode:
				st.textBytes += len(c.Data)
			case c.Type == html.ElementNode:
				st.elements++
				if it.depth+1 >= maxHTMLDepth && c.FirstChild != nil {
					st.textBytes += flatten(c)
					counts["deep-nesting"]++
				} else {
					stack = append(stack, item{c, it.depth + 1})
				}
			}
			c = next
		}
	}
	if len(counts) > 0 {
		keys := make([]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s×%d", k, counts[k]))
		}
		st.dropped = "markup removed: " + strings.Join(parts, ", ")
	}
	return st
}

// flatten replaces the children of n by one text node holding their text (scripts and styles
// excluded) and returns the text's length. It walks without recursion.
func flatten(n *html.Node) int {
	var b strings.Builder
	stack := []*html.Node{}
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		stack = append(stack, c)
	}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			if droppedTags[c.DataAtom] {
				continue
			}
			if isBlock(c) {
				b.WriteByte('\n')
			}
			for k := c.LastChild; k != nil; k = k.PrevSibling {
				stack = append(stack, k)
			}
		}
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		c = next
	}
	n.AppendChild(&html.Node{Type: html.TextNode, Data: b.String()})
	return b.Len()
}

// blockTags are elements that start a new paragraph in rendered text. Besides HTML's block
// elements it holds the XML-like tags go-trafilatura converts to ("head" for headings, "list",
// "item", "quote", "row").
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"caption": true, "center": true, "dd": true, "details": true, "dialog": true, "div": true,
	"dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"head": true, "header": true, "hgroup": true, "hr": true, "li": true, "main": true,
	"nav": true, "ol": true, "p": true, "pre": true, "section": true, "summary": true,
	"table": true, "tbody": true, "tfoot": true, "thead": true, "tr": true, "ul": true,
	"list": true, "item": true, "quote": true, "row": true, "doc": true, "html": true,
	"legend": true, "menu": true, "option": true, "textarea": true,
}

func isBlock(n *html.Node) bool { return n.Type == html.ElementNode && blockTags[n.Data] }

// chromeTags are skipped when rendering a whole page body as a fallback: they hold navigation,
// forms and page furniture, not the article.
var chromeTags = map[string]bool{
	"nav": true, "header": true, "footer": true, "aside": true, "form": true, "button": true,
	"select": true, "option": true, "textarea": true, "input": true, "menu": true, "dialog": true,
}

// renderBlocks renders the text under n as paragraphs separated by "\n\n": block elements
// start new paragraphs, <br> (and go-trafilatura's <lb>) starts a new line, and runs of white
// space collapse to one space (except inside <pre>). Non-text markup is skipped, and when n is
// a whole page body, so is page chrome (navigation, header, footer, forms).
func renderBlocks(n *html.Node) string {
	if n == nil {
		return ""
	}
	r := blockRenderer{skipChrome: n.DataAtom == atom.Body}
	r.walk(n, 0)
	r.flush()
	return strings.Join(r.paras, "\n\n")
}

type blockRenderer struct {
	skipChrome bool
	cur        strings.Builder
	paras      []string
	pre        int
	// link is the number of enclosing <a> elements; linkBytes and textBytes count the current
	// paragraph's text inside links and in all, and linkShare holds, per paragraph, the share of
	// its text inside links.
	link                 int
	linkBytes, textBytes int
	linkShare            []float64
	// space records white space seen since the last word; lineStart that the current line
	// is empty; dirty that the paragraph needs line clean-up (line breaks, preformatted text).
	space, lineStart, dirty bool
}

// maxRenderDepth bounds the renderer's recursion; prepareDoc already flattens deeper trees.
const maxRenderDepth = 2 * maxHTMLDepth

func (r *blockRenderer) walk(n *html.Node, depth int) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	if n.Type == html.ElementNode {
		if droppedTags[n.DataAtom] || n.DataAtom == atom.Title || n.DataAtom == atom.Meta || n.DataAtom == atom.Link {
			return
		}
		if n.DataAtom == atom.Head && n.Parent != nil && n.Parent.DataAtom == atom.Html {
			return // the document <head>, not go-trafilatura's heading tag
		}
		if r.skipChrome && chromeTags[n.Data] {
			return
		}
		switch n.Data {
		case "br", "lb":
			r.newline()
			return
		case "td", "th", "cell":
			r.space = true
		}
	}
	if depth > maxRenderDepth {
		return
	}
	block := isBlock(n)
	if block {
		r.flush()
	}
	if n.Data == "pre" {
		r.pre++
	}
	if n.DataAtom == atom.A {
		r.link++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, depth+1)
	}
	if n.DataAtom == atom.A {
		r.link--
	}
	if n.Data == "pre" {
		r.pre--
	}
	if block {
		r.flush()
	}
}

// text appends the text node s to the current paragraph. Runs of white space become one space,
// and a space is written only where the source had white space, so that inline markup inside a
// word ("wor<b>ld</b>") does not split it.
func (r *blockRenderer) text(s string) {
	if r.pre > 0 {
		r.cur.WriteString(s)
		r.dirty = true
		return
	}
	for i := 0; i < len(s); {
		if n := spaceLen(s[i:]); n > 0 {
			r.space = true
			i += n
			continue
		}
		j := i
		for j < len(s) {
			if spaceLen(s[j:]) > 0 {
				break
			}
			_, size := utf8.DecodeRuneInString(s[j:])
			j += size
		}
		if r.space && r.cur.Len() > 0 && !r.lineStart {
			r.cur.WriteByte(' ')
		}
		r.cur.WriteString(s[i:j])
		r.textBytes += j - i
		if r.link > 0 {
			r.linkBytes += j - i
		}
		r.space, r.lineStart = false, false
		i = j
	}
}

// spaceLen returns the byte length of the white-space rune opening s, or 0.
func spaceLen(s string) int {
	c := s[0]
	if c < utf8.RuneSelf {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(s)
	if isSpaceRune(r) {
		return size
	}
	return 0
}

func (r *blockRenderer) newline() {
	r.cur.WriteByte('\n')
	r.lineStart, r.space, r.dirty = true, false, true
}

// flush ends the current paragraph. Text written by text() is already spaced; paragraphs with
// line breaks or preformatted text have their lines trimmed and empty lines dropped.
func (r *blockRenderer) flush() {
	r.space, r.lineStart = false, false
	if r.cur.Len() == 0 {
		r.dirty = false
		return
	}
	raw := r.cur.String()
	r.cur.Reset()
	share := 0.0
	if r.textBytes > 0 {
		share = float64(r.linkBytes) / float64(r.textBytes)
	}
	r.linkBytes, r.textBytes = 0, 0
	if !r.dirty {
		r.paras = append(r.paras, raw)
		r.linkShare = append(r.linkShare, share)
		return
	}
	r.dirty = false
	var lines []string
	for _, ln := range strings.Split(raw, "\n") {
		if ln = collapseSpace(ln); ln != "" {
			lines = append(lines, ln)
		}
	}
	if len(lines) > 0 {
		r.paras = append(r.paras, strings.Join(lines, "\n"))
		r.linkShare = append(r.linkShare, share)
	}
}

func isSpaceRune(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' }

// collapseSpace trims s and collapses runs of white space to one space.
func collapseSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpaceRune), " ")
}

// normaliseParagraphs turns newline-separated text into paragraphs separated by "\n\n".
func normaliseParagraphs(s string) string {
	var paras []string
	for _, ln := range strings.Split(s, "\n") {
		if ln = collapseSpace(ln); ln != "" {
			paras = append(paras, ln)
		}
	}
	return strings.Join(paras, "\n\n")
}

// findBody returns the <body> element of doc, or doc itself when there is none.
func findBody(doc *html.Node) *html.Node {
	if b := findElement(doc, atom.Body); b != nil {
		return b
	}
	return doc
}

// docTitle returns the text of the page's <title>.
func docTitle(doc *html.Node) string {
	t := findElement(doc, atom.Title)
	if t == nil {
		return ""
	}
	var b strings.Builder
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// findElement returns the first element with atom a in document order (breadth-limited to the
// top levels, where <html>, <head>, <body> and <title> live).
func findElement(doc *html.Node, a atom.Atom) *html.Node {
	queue := []*html.Node{doc}
	for depth := 0; depth < 4 && len(queue) > 0; depth++ {
		var next []*html.Node
		for _, n := range queue {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == a {
					return c
				}
				if c.Type == html.ElementNode || c.Type == html.DocumentNode {
					next = append(next, c)
				}
			}
		}
		queue = next
	}
	return nil
}

// parseURL parses an absolute http(s) URL.
func parseURL(s string) (*nurl.URL, error) {
	u, err := nurl.ParseRequestURI(strings.TrimSpace(s))
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errors.New("not an http(s) URL")
	}
	return u, nil
}

// renderPage renders every text block of the page body (chrome included), with the share of
// each block's text that sits inside links.
func renderPage(page *html.Node) *blockRenderer {
	r := &blockRenderer{}
	if page != nil {
		r.walk(page, 0)
		r.flush()
	}
	return r
}

// Link-list rule: a body paragraph that the page shows almost entirely as link text, and that is
// short, is a link to another page (related stories, "Read more: …", tag lists), not article
// text. The rule never removes more than maxLinkDrop of the body.
const (
	minLinkShare = 0.8
	maxLinkWords = 30
	maxLinkDrop  = 0.3
)

// dropLinkParagraphs removes from body the paragraphs that the page renders as short link
// blocks (see minLinkShare), returning the new body and the removed paragraphs.
func dropLinkParagraphs(page *blockRenderer, body string) (string, []string) {
	linky := map[string]bool{}
	for i, p := range page.paras {
		if page.linkShare[i] >= minLinkShare && len(strings.Fields(p)) <= maxLinkWords {
			linky[p] = true
		}
	}
	if len(linky) == 0 {
		return body, nil
	}
	paras := strings.Split(body, "\n\n")
	kept := paras[:0:0]
	var dropped []string
	droppedBytes := 0
	for _, p := range paras {
		if linky[p] {
			dropped = append(dropped, p)
			droppedBytes += len(p)
			continue
		}
		kept = append(kept, p)
	}
	if len(dropped) == 0 || float64(droppedBytes) > maxLinkDrop*float64(len(body)) {
		return body, nil
	}
	return strings.Join(kept, "\n\n"), dropped
}

// removedBlocks lists the text blocks of the page body that do not appear in the extracted text
// body (the headline, equal to title, is not listed): at most maxRemovedEntries entries, each truncated to maxRemovedText bytes, then one entry
// counting the rest. A block counts as kept when most of its word trigrams (or, for blocks of
// one or two words, all its words) occur in the text; this keeps the check linear in page size.
func removedBlocks(r *blockRenderer, body, title string) []sitrep.Removal {

	seed := maphash.MakeSeed()
	words := map[uint64]bool{}
	trigrams := map[uint64]bool{}
	var h0, h1 uint64
	n := 0
	eachWord(body, func(w string) {
		h := maphash.String(seed, w)
		words[h] = true
		if n >= 2 {
			trigrams[trigramKey(h0, h1, h)] = true
		}
		h0, h1 = h1, h
		n++
	})
	var out []sitrep.Removal
	more, moreBytes := 0, 0
	var ws []uint64
	title = collapseSpace(title)
	for _, p := range r.paras {
		if title != "" && len(p) == len(title) && strings.EqualFold(p, title) {
			continue // the headline is metadata, not boilerplate
		}
		ws = ws[:0]
		eachWord(p, func(w string) { ws = append(ws, maphash.String(seed, w)) })
		if len(ws) == 0 {
			continue
		}
		kept := true
		if len(ws) < 3 {
			for _, w := range ws {
				if !words[w] {
					kept = false
					break
				}
			}
		} else {
			hit := 0
			for i := 2; i < len(ws); i++ {
				if trigrams[trigramKey(ws[i-2], ws[i-1], ws[i])] {
					hit++
				}
			}
			kept = 2*hit >= len(ws)-2
		}
		if kept {
			continue
		}
		if len(out) < maxRemovedEntries {
			out = append(out, sitrep.Removal{Text: truncate(strings.ReplaceAll(p, "\n", " "), maxRemovedText), Reason: ReasonHTMLBoilerplate})
			continue
		}
		more++
		moreBytes += len(p)
	}
	if more > 0 {
		out = append(out, sitrep.Removal{
			Text:   fmt.Sprintf("… %d more blocks (%d bytes) not listed", more, moreBytes),
			Reason: ReasonHTMLBoilerplate,
		})
	}
	return out
}

// eachWord calls fn with each maximal run of letters and digits in s.
func eachWord(s string, fn func(w string)) {
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsNumber(r)
		if r < utf8.RuneSelf {
			word = r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			fn(s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		fn(s[start:])
	}
}

// trigramKey combines the hashes of three consecutive words into one key.
func trigramKey(a, b, c uint64) uint64 {
	return (a*0x9e3779b97f4a7c15^b)*0xbf58476d1ce4e5b9 ^ c
}
