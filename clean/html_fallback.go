package clean

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// shortPageText renders the text of a page on which the main extractor found little: the
// <article> element when it holds over 100 characters, else the page's paragraphs (<p>,
// <blockquote>, <pre>) when they do, else the whole body without its chrome.
func shortPageText(doc *html.Node) string {
	body := findBody(doc)
	if art := findDescendant(body, atom.Article); art != nil {
		if t := renderBlocks(art); utf8.RuneCountInString(t) > 100 {
			return t
		}
	}
	var paras []string
	seen := map[string]bool{}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxRenderDepth || (n.Type == html.ElementNode && (droppedTags[n.DataAtom] || chromeTags[n.Data])) {
			return
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.P || n.DataAtom == atom.Blockquote || n.DataAtom == atom.Pre) {
			if t := renderBlocks(n); t != "" && !seen[t] {
				seen[t] = true
				paras = append(paras, t)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(body, 0)
	if t := strings.Join(paras, "\n\n"); utf8.RuneCountInString(t) > 100 {
		return t
	}
	return renderBlocks(body)
}

// findDescendant returns the first element with atom a under n in document order, without
// recursion.
func findDescendant(n *html.Node, a atom.Atom) *html.Node {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c != n && c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return nil
}

// tokenText renders the text of src token by token, for pages the parser refuses: it skips
// non-text markup and page chrome, breaks paragraphs at block elements and lines at <br>, and
// returns the text with the page's <title>. It is linear in the size of src.
func tokenText(src string) (text, title string) {
	z := html.NewTokenizer(strings.NewReader(src))
	var b, tb strings.Builder
	skip := map[string]int{}
	skipping := 0
	inTitle := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return normaliseBlocks(b.String()), tb.String()
		case html.TextToken:
			switch {
			case inTitle:
				tb.Write(z.Text())
			case skipping == 0:
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "title" {
				inTitle = tt == html.StartTagToken
				continue
			}
			if droppedTags[atom.Lookup(name)] || chromeTags[tag] || tag == "svg" || tag == "math" {
				if voidTags[tag] {
					continue // no end tag follows: nothing to skip
				}
				switch tt {
				case html.StartTagToken:
					skip[tag]++
					skipping++
				case html.EndTagToken:
					if skip[tag] > 0 {
						skip[tag]--
						skipping--
					}
				}
				continue
			}
			switch {
			case tag == "br":
				b.WriteByte('\n')
			case blockTags[tag]:
				b.WriteString("\n\n")
			}
		}
	}
}

// normaliseBlocks collapses white space within lines and keeps paragraph breaks (blank lines)
// and line breaks, returning paragraphs separated by "\n\n".
func normaliseBlocks(s string) string {
	var paras []string
	for _, p := range strings.Split(s, "\n\n") {
		var lines []string
		for _, ln := range strings.Split(p, "\n") {
			if ln = collapseSpace(ln); ln != "" {
				lines = append(lines, ln)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(paras, "\n\n")
}

// voidTags are elements that never have content or an end tag.
var voidTags = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "frame": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true, "source": true,
	"track": true, "wbr": true,
}

// squashSpace returns s without any white space, to compare two renderings of the same text.
func squashSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpaceRune), "")
}
