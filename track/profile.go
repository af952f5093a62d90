package track

import (
	"strings"
	"unicode"

	"github.com/sitrep/sitrep"
)

// maxQueryText bounds the article text scanned for query words.
const maxQueryText = 256 << 10

// matcher is a compiled profile.
type matcher struct {
	p *sitrep.Profile
	// actors: every group must match; a group matches when any of its prefixes does.
	actors [][]string
	// plover are PLOVER types; cameo are CAMEO code prefixes (digits).
	plover map[string]bool
	cameo  []string
	query  query
}

// query is a parsed FTS-style query: every clause must match; a clause is a list of
// alternatives (joined by OR), each a word, a word prefix ("escalat*") or a phrase.
type query struct {
	clauses  [][]string
	excluded []string
}

func (q query) empty() bool { return len(q.clauses) == 0 && len(q.excluded) == 0 }

// compile prepares p for matching.
func compile(p *sitrep.Profile) *matcher {
	m := &matcher{p: p, plover: map[string]bool{}}
	for _, a := range p.Actors {
		var group []string
		for _, alt := range strings.Split(a, "|") {
			if alt = strings.ToUpper(strings.TrimSpace(alt)); alt != "" {
				group = append(group, alt)
			}
		}
		if len(group) > 0 {
			m.actors = append(m.actors, group)
		}
	}
	for _, e := range p.Events {
		e = strings.ToUpper(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		if e[0] >= '0' && e[0] <= '9' {
			m.cameo = append(m.cameo, e)
		} else {
			m.plover[e] = true
		}
	}
	m.query = parseQuery(p.Query)
	return m
}

// parseQuery parses words, "quoted phrases", OR between alternatives and -word or NOT word
// exclusions. Terms are normalised like the article text (lower case, letters and digits).
func parseQuery(s string) query {
	var q query
	var toks []string
	for len(s) > 0 && len(toks) < 64 {
		s = strings.TrimLeft(s, " \t\r\n")
		if s == "" {
			break
		}
		neg := false
		if s[0] == '-' {
			neg, s = true, s[1:]
		}
		var tok string
		if strings.HasPrefix(s, `"`) {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				tok, s = s[1:], ""
			} else {
				tok, s = s[1:end+1], s[end+2:]
			}
			tok = `"` + normPhrase(tok)
		} else {
			end := strings.IndexAny(s, " \t\r\n")
			if end < 0 {
				end = len(s)
			}
			tok, s = s[:end], s[end:]
			if tok == "OR" || tok == "NOT" || tok == "AND" {
				toks = append(toks, tok)
				continue
			}
			star := strings.HasSuffix(tok, "*")
			tok = normPhrase(tok)
			if strings.Contains(tok, " ") {
				tok = `"` + tok
			} else if star && tok != "" {
				tok += "*"
			}
		}
		if tok == "" || tok == `"` {
			continue
		}
		if neg {
			tok = "-" + tok
		}
		toks = append(toks, tok)
	}
	or, not := false, false
	for _, t := range toks {
		switch t {
		case "OR":
			or = len(q.clauses) > 0
			continue
		case "NOT":
			not = true
			continue
		case "AND":
			continue
		}
		if strings.HasPrefix(t, "-") || not {
			q.excluded = append(q.excluded, strings.TrimPrefix(t, "-"))
			not, or = false, false
			continue
		}
		if or {
			q.clauses[len(q.clauses)-1] = append(q.clauses[len(q.clauses)-1], t)
			or = false
			continue
		}
		q.clauses = append(q.clauses, []string{t})
	}
	return q
}

// normPhrase lower-cases s and keeps words of letters and digits separated by single spaces.
func normPhrase(s string) string {
	return strings.Join(words(s, 64), " ")
}

// words splits s into lower-case words of letters and digits, at most max of them.
func words(s string, max int) []string {
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
			if len(out) >= max {
				return out
			}
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// facts is what profiles are matched against, computed once per article.
type facts struct {
	codes  []string // actor codes (and countries) in the article
	plover map[string]bool
	cameo  []string
	// text is built lazily: the article's words in a set, and joined for phrase search.
	a      *sitrep.Article
	wset   map[string]bool
	joined string
}

func articleFacts(a *sitrep.Article) *facts {
	f := &facts{a: a, plover: map[string]bool{}}
	seen := map[string]bool{}
	add := func(c string) {
		c = strings.ToUpper(strings.TrimSpace(c))
		if c != "" && !seen[c] && len(f.codes) < 512 {
			seen[c] = true
			f.codes = append(f.codes, c)
		}
	}
	for _, ac := range a.Actors {
		add(ac.Code)
		add(ac.Country)
	}
	for _, e := range a.Events {
		add(e.Source.Code)
		add(e.Target.Code)
		if e.PLOVER != "" {
			f.plover[strings.ToUpper(e.PLOVER)] = true
		}
		if e.CAMEO != "" && len(f.cameo) < 256 {
			f.cameo = append(f.cameo, e.CAMEO)
		}
	}
	return f
}

func (f *facts) text() {
	if f.wset != nil {
		return
	}
	s := f.a.Title + "\n" + f.a.Text
	if len(s) > maxQueryText {
		s = s[:maxQueryText]
	}
	ws := words(s, maxQueryText/2)
	f.wset = make(map[string]bool, len(ws))
	for _, w := range ws {
		f.wset[w] = true
	}
	f.joined = " " + strings.Join(ws, " ") + " "
}

func (f *facts) hasTerm(t string) bool {
	f.text()
	switch {
	case strings.HasPrefix(t, `"`):
		return strings.Contains(f.joined, " "+t[1:]+" ")
	case strings.HasSuffix(t, "*"):
		return strings.Contains(f.joined, " "+strings.TrimSuffix(t, "*"))
	}
	return f.wset[t]
}

// match reports whether the article described by f satisfies every criterion of the profile.
func (m *matcher) match(f *facts) bool {
	for _, group := range m.actors {
		ok := false
		for _, prefix := range group {
			for _, c := range f.codes {
				if strings.HasPrefix(c, prefix) {
					ok = true
					break
				}
			}
			if ok {
				break
			}
		}
		if !ok {
			return false
		}
	}
	if len(m.plover) > 0 || len(m.cameo) > 0 {
		ok := false
		for t := range f.plover {
			if m.plover[t] {
				ok = true
				break
			}
		}
		for _, c := range f.cameo {
			for _, root := range m.cameo {
				if strings.HasPrefix(c, root) {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	if m.query.empty() {
		return true
	}
	for _, clause := range m.query.clauses {
		ok := false
		for _, t := range clause {
			if f.hasTerm(t) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, t := range m.query.excluded {
		if f.hasTerm(t) {
			return false
		}
	}
	return true
}

// Matches reports whether article a satisfies every criterion profile p sets: each actor group
// (alternatives joined by "|") has a code in the article starting with it, one of the event
// types occurs, and the query matches the title and text.
func Matches(p *sitrep.Profile, a *sitrep.Article) bool {
	return compile(p).match(articleFacts(a))
}
