package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

func contains(f frame, k int) bool { return k >= f.c0 && k < f.c1 }

// emitLevel turns the frames of one unit into attributions, nests them, attaches the unit's
// quotations and recurses into quotations that hold quotations. parentAttr is the attribution
// index of the enclosing quotation for nested levels, or -1.
func (r *run) emitLevel(ts, te, q int, fs []frame, parentAttr int) {
	// participles end the content of the frame they continue
	for i := range fs {
		if fs[i].part && fs[i].partOf >= 0 {
			p := &fs[fs[i].partOf]
			if !p.post && contains(*p, fs[i].cue0) {
				p.c1 = r.contentEnd(p.c0, fs[i].cue0)
			}
		}
	}
	dropped := make([]bool, len(fs))
	viaOf := make([][]int, len(fs)) // frames whose source is relayed through another frame's source
	// "X acknowledged A, according to M": X speaks, via M
	for i := range fs {
		if !fs[i].post || fs[i].part || fs[i].implicit {
			continue
		}
		for j := range fs {
			if j == i || fs[j].post || fs[j].part || dropped[j] || fs[j].src0 < 0 {
				continue
			}
			if contains(fs[i], fs[j].cue0) && fs[j].src0 <= fs[i].c0+2 {
				if r.documentSource(fs[i]) && !fs[j].implicit {
					// "most voters say …, according to a new poll": the poll speaks for the
					// voters; their frame ends before the phrase and nests in it
					if fs[j].c1 > fs[i].cue0 {
						fs[j].c1 = r.contentEnd(fs[j].c0, fs[i].cue0)
					}
					break
				}
				if fs[j].implicit {
					// "it is believed …, according to Axios": Axios is the source, hedged
					fs[i].hedge = fs[j].hedge
					dropped[j] = true
					break
				}
				if fs[j].info.class == cueWant {
					// "Trump had threatened …, according to multiple sources": a deed or stance
					// reported by the sources, who are the speakers
					dropped[j] = true
					break
				}
				if fs[j].c1 > fs[i].c1 {
					fs[j].c1 = fs[i].c1
				}
				viaOf[j] = append(viaOf[j], i)
				dropped[i] = true
				break
			}
		}
	}
	// sibling clauses: "a woman asked for a photo and Clinton said, …" ends the first content
	// where the second clause's source begins
	for i := range fs {
		for j := range fs {
			fi, fj := fs[i], fs[j]
			if i == j || fi.post || fj.post || fj.part || fj.src0 < 0 || fj.src0 <= fi.cue1 || !contains(fi, fj.cue0) || !contains(fi, fj.src0) {
				continue
			}
			b := fj.src0 - 1
			if r.isWord(b) && (r.low[b] == "and" || r.low[b] == "but" || r.low[b] == "while" || r.low[b] == "whereas") || r.isPunct(b, ";") {
				fs[i].c1 = r.contentEnd(fi.c0, b)
			}
		}
	}
	for i := range fs {
		if fs[i].c1 <= fs[i].c0 {
			dropped[i] = true
		}
	}
	// nesting: a frame whose cue lies in another frame's content is nested in it
	for j := range fs {
		if dropped[j] {
			continue
		}
		best := -1
		for i := range fs {
			if i == j || dropped[i] || fs[i].part && fs[j].part {
				continue
			}
			li, lj := fs[i].c1-fs[i].c0, fs[j].c1-fs[j].c0
			larger := li > lj || li == lj && i < j // a strict order keeps nesting acyclic
			if larger && contains(fs[i], fs[j].cue0) && (best < 0 || li < fs[best].c1-fs[best].c0) {
				best = i
			}
		}
		fs[j].outer = best
	}
	// quotations of this level that open in the unit
	var quotes []int
	for qi := sort.Search(len(r.qs), func(i int) bool { return r.qs[i].open >= ts }); qi < len(r.qs) && r.qs[qi].open < te; qi++ {
		if r.qs[qi].parent == q {
			quotes = append(quotes, qi)
		}
	}
	qFrame := make(map[int]int, len(quotes))
	for _, qi := range quotes {
		qq := r.qs[qi]
		best := -1
		for i := range fs {
			if dropped[i] {
				continue
			}
			if qq.open >= fs[i].c0 && qq.end <= fs[i].c1+1 && (best < 0 || fs[i].c1-fs[i].c0 < fs[best].c1-fs[best].c0) {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		qFrame[qi] = best
		f := &fs[best]
		if f.c0 == qq.open && f.c1 >= qq.end-1 && f.quote < 0 {
			f.quote = qi
		}
	}
	// emit frames, outer ones first
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = -1
	}
	var emitFrame func(i int)
	emitFrame = func(i int) {
		if idx[i] >= 0 || dropped[i] {
			return
		}
		f := fs[i]
		parent := parentAttr
		if f.outer >= 0 && !dropped[f.outer] {
			emitFrame(f.outer)
			parent = idx[f.outer]
		}
		if idx[i] >= 0 {
			return
		}
		a := Attribution{Kind: sitrep.QuoteIndirect, Parent: parent, Stance: f.info.stance}
		if f.quote >= 0 {
			a.Kind = sitrep.QuoteDirect
			a.Start, a.End = r.qs[f.quote].cs, r.qs[f.quote].ce
		} else {
			a.Start, a.End = r.toks[f.c0].Start, r.toks[f.c1-1].End
		}
		a.CueStart, a.CueEnd = r.toks[f.cue0].Start, r.toks[f.cue1-1].End
		a.Cue = r.s[a.CueStart:a.CueEnd]
		switch {
		case f.part && f.partOf >= 0 && idx[f.partOf] >= 0:
			p := r.out[idx[f.partOf]]
			a.Speaker, a.Via = p.Speaker, append([]sitrep.Source(nil), p.Via...)
			a.SourceStart, a.SourceEnd = p.SourceStart, p.SourceEnd
		case f.implicit && f.passive && (f.info.class == cueAsk || f.info.class == cueTell):
			a.Speaker = sitrep.Source{Kind: sitrep.SourceAnonymous, Description: "unnamed questioner"}
		case f.implicit:
			// "it is believed": no source
		case f.rel:
			a.SourceStart, a.SourceEnd = r.toks[f.src0].Start, r.toks[f.src1-1].End
			// the antecedent: the phrase before "who" (and its comma)
			b := f.src0 - 1
			if b >= 0 && r.isPunct(b, ",") {
				b--
			}
			if b >= 0 {
				if np := r.backNP(b, max(b-12, 0), q); np >= 0 {
					// a phrase ending in a name stands for the name ("… at the direction of Netanyahu")
					if r.toks[b].Cap {
						c := b
						for c-1 >= np && r.isWord(c-1) && r.toks[c-1].Cap {
							c--
						}
						np = c
					}
					a.Speaker, _ = r.resolveSource(np, b+1, q, parentAttr)
				}
			}
			if a.Speaker.Kind == "" {
				a.Speaker = sitrep.Source{Text: r.tok(f.src0), Kind: sitrep.SourceNamed, Start: a.SourceStart, End: a.SourceEnd}
			}
		case f.src0 >= 0:
			a.SourceStart, a.SourceEnd = r.toks[f.src0].Start, r.toks[f.src1-1].End
			var via []sitrep.Source
			a.Speaker, via = r.resolveSource(f.src0, f.src1, q, parentAttr)
			for _, v := range f.via {
				vs, _ := r.resolveSource(v[0], v[1], q, parentAttr)
				a.Via = append(a.Via, vs)
			}
			a.Via = append(a.Via, via...)
		}
		for _, o := range viaOf[i] {
			if fs[o].src0 >= 0 {
				vs, vv := r.resolveSource(fs[o].src0, fs[o].src1, q, parentAttr)
				for _, v := range fs[o].via {
					x, _ := r.resolveSource(v[0], v[1], q, parentAttr)
					a.Via = append([]sitrep.Source{x}, a.Via...)
				}
				a.Via = append(append(vv, vs), a.Via...)
			}
		}
		if parent >= 0 && f.outer >= 0 {
			p := r.out[parent]
			if p.Speaker.Kind != "" && p.Speaker.Text != "" {
				a.Via = append(append(append([]sitrep.Source(nil), p.Via...), p.Speaker), a.Via...)
			}
		}
		if q >= 0 && parentAttr >= 0 && f.outer < 0 && f.src0 >= 0 && !f.implicit {
			// a source quoted inside a quotation is relayed by the quotation's speaker
			p := r.out[parentAttr]
			if p.Speaker.Kind != "" && p.Speaker.Text != "" {
				a.Via = append(append(append([]sitrep.Source(nil), p.Via...), p.Speaker), a.Via...)
			}
		}
		a.Via = dedupVia(a.Speaker, a.Via)
		a.Hedge = r.hedgeOf(f, q)
		if a.Hedge == "" && parent >= 0 && f.outer >= 0 {
			a.Hedge = r.out[parent].Hedge
		}
		if a.Speaker.Kind == sitrep.SourceMedia {
			s := a.Speaker
			r.lastMedia = &s
		}
		for _, v := range a.Via {
			if v.Kind == sitrep.SourceMedia {
				s := v
				r.lastMedia = &s
			}
		}
		idx[i] = len(r.out)
		r.out = append(r.out, a)
	}
	for i := range fs {
		emitFrame(i)
	}
	// quotations: inside a frame (as that frame or a child of it), continuing the previous
	// speaker, or unattributed
	for _, qi := range quotes {
		qq := r.qs[qi]
		ai := -1
		if fi, ok := qFrame[qi]; ok && idx[fi] >= 0 {
			if fs[fi].quote == qi {
				ai = idx[fi]
			} else {
				p := r.out[idx[fi]]
				a := Attribution{Kind: sitrep.QuoteDirect, Start: qq.cs, End: qq.ce, Parent: idx[fi],
					Speaker: p.Speaker, Via: p.Via, Cue: p.Cue, CueStart: p.CueStart, CueEnd: p.CueEnd,
					SourceStart: p.SourceStart, SourceEnd: p.SourceEnd, Hedge: p.Hedge, Stance: p.Stance}
				ai = len(r.out)
				r.out = append(r.out, a)
			}
		} else {
			a := Attribution{Kind: sitrep.QuoteDirect, Start: qq.cs, End: qq.ce, Parent: parentAttr, Stance: "assert"}
			if p := r.previousSpeaker(qq, parentAttr); p >= 0 {
				prev := r.out[p]
				a.Speaker, a.Via, a.Continued = prev.Speaker, prev.Via, true
				a.SourceStart, a.SourceEnd = prev.SourceStart, prev.SourceEnd
				a.Hedge = prev.Hedge
			} else if parentAttr < 0 && strings.Count(r.s[qq.cs:qq.ce], " ") < 1 {
				continue // a one-word scare quote
			}
			ai = len(r.out)
			r.out = append(r.out, a)
		}
		if r.hasChildren(qi) {
			n0 := len(r.out)
			r.units(qq.open+1, qq.end, qi, ai)
			// a nested attribution without a source of its own speaks for the quotation's speaker
			for k := n0; k < len(r.out); k++ {
				if r.out[k].Speaker.Kind == "" && r.out[k].Speaker.Text == "" {
					r.out[k].Speaker = r.out[ai].Speaker
					r.out[k].Continued = true
				}
			}
		}
	}
}

func (r *run) hasChildren(qi int) bool {
	for j := qi + 1; j < len(r.qs) && r.qs[j].open < r.qs[qi].end; j++ {
		if r.qs[j].parent == qi {
			return true
		}
	}
	return false
}

// previousSpeaker finds the attribution whose speaker a quotation without a cue continues: the
// last attributed quotation of the same or the previous paragraph, with no other text between
// but quotations and their cues.
func (r *run) previousSpeaker(qq qspan, parentAttr int) int {
	if parentAttr >= 0 {
		return parentAttr
	}
	for i := len(r.out) - 1; i >= 0 && i >= len(r.out)-64; i-- {
		a := r.out[i]
		if a.Parent >= 0 || a.End > qq.cs {
			continue
		}
		if a.Speaker.Kind == "" {
			return -1
		}
		if qq.cs-a.End > 600 || strings.Count(r.s[a.End:qq.cs], "\n") > 2 {
			return -1
		}
		if a.Kind != sitrep.QuoteDirect {
			return -1
		}
		// the quotation must open a sentence
		st := r.d.Sentences[r.toks[qq.open].Sent].TokStart
		if st != qq.open {
			return -1
		}
		return i
	}
	return -1
}

// hedgeOf derives the hedge of a frame from its cue and the words of its content and cue region.
func (r *run) hedgeOf(f frame, q int) string {
	switch f.info.stance {
	case "deny":
		return sitrep.HedgeDenied
	case "confirm":
		return sitrep.HedgeConfirmed
	}
	if f.hedge != "" {
		return f.hedge
	}
	lo, hi := f.c0, f.c1
	if f.cue0 < lo {
		lo = f.cue0
	}
	if f.cue1 > hi {
		hi = f.cue1
	}
	if f.src0 >= 0 && f.src0 < lo {
		lo = f.src0
	}
	h := ""
	for k := lo; k < hi && k < r.n; k++ {
		if !r.isWord(k) || !r.usable(k, q) {
			continue
		}
		if r.fl[k]&(flHedge|flBelieved) == 0 {
			continue
		}
		if v, ok := hedgeWords[r.low[k]]; ok && (h == "" || v == sitrep.HedgeAlleged) {
			h = v
		}
		if r.low[k] == "believed" && k > 0 && (r.low[k-1] == "is" || r.low[k-1] == "was" || r.low[k-1] == "are") && h == "" {
			h = sitrep.HedgeReported
		}
	}
	if h == "" {
		switch r.low[f.cue0] {
		case "alleged", "alleges", "claimed", "claims":
			h = sitrep.HedgeAlleged
		}
	}
	return h
}

// innerPreps end the core of a source phrase ("a spokesperson | for the Pentagon").
var innerPreps = set("of", "for", "from", "at", "in", "with", "close", "to", "familiar", "involved", "near", "who", "which", "that", "and")

// resolveSource types and resolves the source phrase [a, b) found at quote level q. It returns
// the source and any outlets the phrase says it was relayed through ("… who spoke to the cited
// media").
func (r *run) resolveSource(a, b, q, parentAttr int) (sitrep.Source, []sitrep.Source) {
	if a < 0 || b <= a || b > r.n {
		return sitrep.Source{}, nil
	}
	// cut a relative clause
	cut := b
	for k := a + 1; k < b; k++ {
		if r.isWord(k) && (r.low[k] == "who" || r.low[k] == "which" || r.low[k] == "whose") {
			cut = k
			if r.low[k-1] == "and" && k-1 > a {
				cut = k - 1
			}
			break
		}
	}
	for cut > a+1 && r.toks[cut-1].Kind == text.Punct {
		cut--
	}
	var via []sitrep.Source
	if cut < b {
		if m0, m1, ok := r.findMedia(cut, b); ok {
			via = append(via, sitrep.Source{Text: r.s[r.toks[m0].Start:r.toks[m1-1].End], Kind: sitrep.SourceMedia, Start: r.toks[m0].Start, End: r.toks[m1-1].End})
		} else {
			for k := cut; k < b; k++ {
				if r.isWord(k) && mediaHeads[r.low[k]] && r.lastMedia != nil {
					via = append(via, *r.lastMedia)
					break
				}
			}
		}
	}
	start, end := r.toks[a].Start, r.toks[cut-1].End
	txt := r.s[start:end]
	src := sitrep.Source{Text: txt, Start: start, End: end, Kind: sitrep.SourceNamed}
	if cut-a == 1 && r.isWord(a) && pronouns[r.low[a]] {
		return r.resolvePronoun(a, q, parentAttr), via
	}
	if m0, m1, ok := r.findMedia(a, cut); ok {
		src.Kind = sitrep.SourceMedia
		src.Text = r.s[r.toks[m0].Start:r.toks[m1-1].End]
		src.Start, src.End = r.toks[m0].Start, r.toks[m1-1].End
		if src.Text != txt {
			src.Description = txt
		}
		// "a report by Bloomberg News": the outlet is the source
		r.attachActor(&src, src.Start, src.End)
		src.Kind = sitrep.SourceMedia
		return src, via
	}
	head := cut - 1
	for k := a + 1; k < cut; k++ {
		if r.isWord(k) && innerPreps[r.low[k]] && !r.toks[k].Cap {
			head = k - 1
			break
		}
	}
	hl := r.low[head]
	switch {
	case r.isWord(head) && mediaHeads[hl] && !r.nameCap(head):
		if r.lastMedia != nil && (r.low[a] == "the" || r.low[a] == "that" || r.low[a] == "this") {
			m := *r.lastMedia
			m.Description = txt
			return m, via
		}
		src.Kind = sitrep.SourceMedia
		return src, via
	case r.isWord(head) && (r.lx.anon[hl] || indefinite[r.low[a]] && !r.anyNameCap(a, cut)) && !r.nameCap(head):
		src.Kind = sitrep.SourceAnonymous
		src.Description = txt
		// the actor id, if any, is the source's affiliation ("a senior Israeli official" → ISRGOV)
		r.attachActor(&src, start, end)
		src.Kind = sitrep.SourceAnonymous
		return src, via
	}
	if r.low[a] == "the" && !r.anyCap(a+1, cut) && cut-a >= 2 {
		if p, ok := r.roleAntecedent(strings.ToLower(r.s[r.toks[a+1].Start:end]), start); ok {
			return p, via
		}
	}
	// "Ryder at the briefing": a name followed by a setting is the name
	if head+1 < cut && r.nameCap(head) && head+2 < cut && !r.toks[head+2].Cap {
		src.End = r.toks[head].End
		src.Text = r.s[start:src.End]
	}
	r.attachActor(&src, start, end)
	return src, via
}

// indefinite determiners introduce unnamed sources ("a rebel commander", "two diplomats").
var indefinite = set("a", "an", "one", "two", "three", "four", "five", "several", "some", "many",
	"multiple", "another", "other", "numerous", "few", "various", "dozens", "hundreds")

// nameCap reports whether token k is capitalised for a reason other than opening a sentence.
func (r *run) nameCap(k int) bool {
	if !r.toks[k].Cap {
		return false
	}
	if r.d.Sentences[r.toks[k].Sent].TokStart != k {
		return true
	}
	// sentence-initial: a name only if not a common word
	lw := r.low[k]
	return !(r.lx.anon[lw] || mediaHeads[lw] || determiners[lw] || pronouns[lw])
}

// anyNameCap reports whether tokens [a, b) hold a capitalised word that looks like a personal
// name rather than a demonym or an organisation's adjective: a capitalised word that is the
// last of the phrase or is followed by another capitalised word.
func (r *run) anyNameCap(a, b int) bool {
	for k := a; k < b; k++ {
		if r.nameCap(k) && k == b-1 {
			return true
		}
	}
	return false
}

func (r *run) anyCap(a, b int) bool {
	for k := a; k < b; k++ {
		if r.toks[k].Cap {
			return true
		}
	}
	return false
}

// roleAntecedent resolves a definite role ("the press secretary") to an earlier source or
// mention that carries the role.
func (r *run) roleAntecedent(role string, before int) (sitrep.Source, bool) {
	for i := len(r.out) - 1; i >= 0; i-- {
		sp := r.out[i].Speaker
		if sp.Kind == sitrep.SourceNamed && strings.Contains(strings.ToLower(sp.Text), role) && sp.Start < before {
			return sp, true
		}
	}
	for i := len(r.ments) - 1; i >= 0; i-- {
		m := r.ments[i]
		if m.End <= before && m.ActorID != "" && m.Role != "" && strings.Contains(strings.ToLower(m.Role), role) {
			return sitrep.Source{Text: r.actorName(m), ActorID: m.ActorID, Kind: sitrep.SourceNamed, Start: m.Start, End: m.End}, true
		}
	}
	return sitrep.Source{}, false
}

// attachActor copies the actor id of the mention best covering [start, end).
func (r *run) attachActor(src *sitrep.Source, start, end int) {
	best := -1
	for i, m := range r.ments {
		if m.ActorID == "" || m.End <= start || m.Start >= end {
			continue
		}
		if best < 0 || m.Type == sitrep.MentionPerson && r.ments[best].Type != sitrep.MentionPerson || m.Start > r.ments[best].Start && m.Type == r.ments[best].Type {
			best = i
		}
	}
	if best < 0 {
		return
	}
	m := r.ments[best]
	src.ActorID = m.ActorID
	if m.Type == sitrep.MentionMedia {
		src.Kind = sitrep.SourceMedia
	}
}

func (r *run) actorName(m sitrep.Mention) string {
	for _, a := range r.actors {
		if a.ID == m.ActorID && a.Name != "" {
			return a.Name
		}
	}
	return m.Text
}

// resolvePronoun resolves the pronoun at token k to the last fitting person.
func (r *run) resolvePronoun(k, q, parentAttr int) sitrep.Source {
	lw := r.low[k]
	pos := r.toks[k].Start
	pr := sitrep.Source{Text: r.tok(k), Kind: sitrep.SourceNamed, Start: pos, End: r.toks[k].End}
	for _, m := range r.ments {
		if m.ActorID != "" && m.Start <= pos && m.End > pos {
			return sitrep.Source{Text: r.actorName(m), ActorID: m.ActorID, Kind: sitrep.SourceNamed, Start: pos, End: pr.End}
		}
	}
	if q >= 0 && (lw == "i" || lw == "we") && parentAttr >= 0 {
		return r.out[parentAttr].Speaker
	}
	switch lw {
	case "he", "she":
		if q >= 0 {
			if s, ok := r.capRunBefore(k, q, r.qs[q].open); ok {
				return s
			}
		}
		for i := len(r.ments) - 1; i >= 0; i-- {
			m := r.ments[i]
			if m.End <= pos && m.Type == sitrep.MentionPerson && m.ActorID != "" && pos-m.End < 3000 {
				if q < 0 && r.qAt[r.d.TokenAt(m.Start)] >= 0 {
					continue
				}
				return sitrep.Source{Text: r.actorName(m), ActorID: m.ActorID, Kind: sitrep.SourceNamed, Start: m.Start, End: m.End}
			}
		}
		for i := len(r.out) - 1; i >= 0; i-- {
			a := r.out[i]
			if a.Parent >= 0 && q < 0 {
				continue
			}
			if pos-a.End > 2500 {
				break
			}
			if a.Speaker.Kind == sitrep.SourceNamed && a.Speaker.Start < pos && personLike(a.Speaker.Text) {
				return a.Speaker
			}
		}
		lo := k - 80
		if lo < 0 {
			lo = 0
		}
		if s, ok := r.capRunBefore(k, -1, lo); ok {
			return s
		}
	case "they", "we":
		for i := len(r.out) - 1; i >= 0; i-- {
			a := r.out[i]
			if pos-a.End > 2500 {
				break
			}
			if a.Speaker.Kind != "" && a.Speaker.Start < pos {
				return a.Speaker
			}
		}
	}
	return pr
}

// capRunBefore finds the nearest run of capitalised words before token k at quote level q (not
// before token lo) that looks like a person's name: not a lone sentence-initial word, not a
// demonym or country-like single word, not a media outlet.
func (r *run) capRunBefore(k, q, lo int) (sitrep.Source, bool) {
	for i := k - 1; i >= lo; i-- {
		if !r.usable(i, q) || !r.isWord(i) || !r.toks[i].Cap {
			continue
		}
		if pronouns[r.low[i]] || npStop[r.low[i]] || boundaryConj[r.low[i]] {
			continue
		}
		e := i + 1
		b := i
		for b-1 >= lo && r.usable(b-1, q) && r.isWord(b-1) && r.toks[b-1].Cap && !pronouns[r.low[b-1]] && !npStop[r.low[b-1]] && !boundaryConj[r.low[b-1]] {
			b--
		}
		sentStart := r.d.Sentences[r.toks[b].Sent].TokStart == b
		if e-b == 1 {
			w := r.low[b]
			if sentStart || pronouns[w] || timeWords[w] || strings.HasSuffix(w, "an") || strings.HasSuffix(w, "i") || strings.HasSuffix(w, "ese") || strings.HasSuffix(w, "ish") {
				i = b
				continue
			}
		}
		if sentStart && determiners[r.low[b]] {
			b++
		}
		if _, _, ok := r.findMedia(b, e); ok || b >= e {
			i = b
			continue
		}
		return sitrep.Source{Text: r.s[r.toks[b].Start:r.toks[e-1].End], Kind: sitrep.SourceNamed, Start: r.toks[b].Start, End: r.toks[e-1].End}, true
	}
	return sitrep.Source{}, false
}

// markUnverified finds statements that the outlet could not verify ("CNN is unable to verify
// these claims") and marks the attributions they refer to: the preceding attributions of the same
// paragraph, or else the last one before it.
func (r *run) markUnverified() {
	for si, sp := range r.d.Sentences {
		if sp.TokStart >= r.n {
			break
		}
		at := -1
		for k := sp.TokStart; k < sp.TokEnd && k < r.n; k++ {
			if !r.isWord(k) || r.qAt[k] >= 0 {
				continue
			}
			w := r.low[k]
			if w == "unverified" || w == "unconfirmed" {
				at = k
				break
			}
			if w == "verify" || w == "verified" || w == "confirm" || w == "confirmed" || w == "corroborate" || w == "corroborated" {
				for j := k - 1; j >= sp.TokStart && j >= k-6; j-- {
					if r.isWord(j) && (r.low[j] == "unable" || r.low[j] == "not" || r.low[j] == "cannot" || r.low[j] == "can't" || r.low[j] == "couldn't" || r.low[j] == "could't" || r.low[j] == "no") {
						at = k
						break
					}
				}
				if at >= 0 {
					break
				}
			}
		}
		if at < 0 {
			continue
		}
		_ = si
		start := sp.Start
		marked := false
		last := -1
		// attributions are in text order: walk back from the marker, within a bounded window
		first := sort.Search(len(r.out), func(i int) bool { return r.out[i].Start >= start })
		for i := first - 1; i >= 0 && i >= first-64; i-- {
			a := r.out[i]
			if a.Parent >= 0 || a.End > start || a.Speaker.Kind == "" && a.Cue == "" {
				continue
			}
			if last < 0 {
				last = i
			}
			if strings.Contains(r.s[a.End:start], "\n") {
				break
			}
			r.setHedge(i, sitrep.HedgeUnverified)
			marked = true
		}
		if !marked && last >= 0 {
			r.setHedge(last, sitrep.HedgeUnverified)
		}
	}
}

func (r *run) setHedge(i int, h string) {
	if r.out[i].Hedge == sitrep.HedgeDenied || r.out[i].Hedge == sitrep.HedgeConfirmed {
		return
	}
	r.out[i].Hedge = h
	for j := i + 1; j < len(r.out) && j <= i+maxFrames; j++ {
		if r.out[j].Parent == i {
			r.setHedge(j, h)
		}
	}
}

// dedupVia drops relays that repeat the speaker or an earlier relay.
func dedupVia(sp sitrep.Source, via []sitrep.Source) []sitrep.Source {
	out := via[:0:0]
	for _, v := range via {
		if v.Text == sp.Text && v.Description == sp.Description {
			continue
		}
		dup := false
		for _, o := range out {
			if o.Text == v.Text {
				dup = true
			}
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

// personRoles are nouns naming a person by office or function.
var personRoles = set("president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson",
	"senator", "governor", "leader", "official", "chairman", "chairwoman", "director", "chief", "candidate",
	"ambassador", "general", "commander", "mayor", "adviser", "advisor", "envoy", "premier", "king", "queen",
	"prince", "pope", "judge", "lawyer", "attorney", "lawmaker", "congressman", "congresswoman", "nominee",
	"speaker", "founder", "ceo", "executive", "officer", "aide", "diplomat", "author", "analyst", "reporter")

// personLike reports whether a source text can be the antecedent of "he" or "she": it ends in a
// capitalised word (a name) or names a person's role ("the former president").
func personLike(t string) bool {
	f := strings.Fields(t)
	if len(f) == 0 {
		return false
	}
	last := f[len(f)-1]
	if pronouns[strings.ToLower(last)] {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(last); unicode.IsUpper(r) && !(len(f) == 1 && determiners[strings.ToLower(last)]) {
		return true
	}
	return personRoles[strings.ToLower(strings.Trim(last, ".,"))]
}

// documentSource reports whether a frame's source phrase is headed by a document noun ("a new
// poll", "court documents").
func (r *run) documentSource(f frame) bool {
	if f.src0 < 0 {
		return false
	}
	for k := f.src0; k < f.src1 && k < r.n; k++ {
		if r.isWord(k) && documentNouns[r.low[k]] && !r.mediaIn(f.src0, f.src1) {
			return true
		}
	}
	return false
}
