package quote

import "strings"

// Closed word classes used by the source and cue windows. They are grammar words, not a
// vocabulary tuned to any text.

// skipBeforeCue are auxiliaries and adverbs that may stand between a source and its cue
// ("officials have also said", "a senior official even acknowledged").
var skipBeforeCue = set("has", "have", "had", "was", "were", "is", "are", "be", "been", "also", "even",
	"later", "then", "previously", "recently", "publicly", "privately", "repeatedly", "reportedly",
	"further", "once", "would", "will", "could", "may", "might", "must", "should", "can", "still", "already", "just",
	"often", "always", "did", "does", "do", "now", "first", "again", "subsequently", "separately",
	"initially", "earlier", "however", "too", "personally", "flatly", "quickly", "openly", "explicitly", "directly", "emphatically")

// npStop words end a source phrase when reading backwards from a cue.
var npStop = set("that", "which", "who", "whom", "whose", "when", "while", "because", "if", "although",
	"though", "since", "after", "before", "until", "as", "but", "or", "so", "than", "where", "whether",
	"to", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "not", "said", "says",
	"and", "what", "how", "why", "there", "here", "it's", "then", "also", "even", "do", "does", "did",
	"will", "would", "could", "should", "can", "may", "might", "must", "about", "by", "against", "into",
	"on", "upon", "over", "under", "between", "through", "without", "within", "during", "like", "unlike",
	"despite", "amid", "toward", "towards", "via", "per", "yet", "nor", "however", "indeed", "meanwhile",
	"instead", "thus", "therefore", "this", "these", "those", "very", "too", "only", "just", "all", "both",
	"with", "up", "out", "off", "down", "back", "more", "less", "much", "any", "no", "at", "in", "from")

// npInner are prepositions that may sit inside a source phrase ("a spokesperson for the Pentagon",
// "people close to the conversation", "officials involved in the negotiations").
var npInner = set("of", "for", "from", "at", "in", "with", "close", "to", "familiar", "involved", "near")

// determiners open a source phrase.
var determiners = set("the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "one", "two",
	"three", "four", "five", "several", "many", "some", "multiple", "other", "another", "both", "most",
	"few", "numerous", "various", "all", "these", "those", "this", "that")

// pronouns that can be a source.
var pronouns = set("he", "she", "they", "i", "we", "you", "it")

// boundaryConj are words after which a new clause (and so a new source) can begin.
var boundaryConj = set("and", "but", "as", "so", "while", "yet", "also", "indeed", "then", "now",
	"meanwhile", "however", "instead", "still", "because", "though", "although", "since", "when", "if", "or")

// subordinators follow a cue that has no content of its own ("X said when asked …").
var subordinators = set("when", "as", "while", "after", "before", "because", "during", "since", "though",
	"although", "in", "at", "on", "to", "from", "following", "amid", "via", "through", "without", "before", "by")

// timeWords may follow a cue without being content ("said Thursday").
var timeWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"yesterday", "today", "tonight", "earlier", "later", "recently", "previously", "again", "too",
	"also", "once", "twice", "privately", "publicly", "repeatedly", "late", "early", "afterward",
	"afterwards", "then", "now", "last", "this", "morning", "evening", "night", "afternoon", "week",
	"month", "year", "separately", "flatly", "simply", "bluntly", "frankly", "succinctly", "plainly")

// mediaHeads are nouns that make a source a publication or broadcaster even when unnamed.
var mediaHeads = set("report", "reports", "newspaper", "newspapers", "broadcaster", "outlet", "outlets",
	"network", "media", "daily", "magazine", "agency", "channel", "website", "site", "paper", "tabloid",
	"station", "wire", "publication", "journal")

// hedgeWords mark a proposition as relayed rather than asserted.
var hedgeWords = map[string]string{
	"reportedly": "reported", "purportedly": "reported", "supposedly": "alleged",
	"allegedly": "alleged", "alleged": "alleged", "unconfirmed": "unverified", "unverified": "unverified",
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// commonVerbs are frequent verbs that cannot sit inside a source phrase.
var commonVerbs = set("came", "went", "made", "took", "gave", "got", "held", "met", "left", "ran", "won",
	"lost", "saw", "kept", "put", "set", "sent", "spent", "began", "brought", "bought", "stood", "spoke",
	"became", "come", "go", "make", "take", "give", "get", "seems", "seem", "seemed", "appears", "appear",
	"remains", "remain", "wants", "want", "needs", "need", "plans", "tried", "alongside", "amid", "because",
	"become", "becomes", "let", "lets", "led", "leads", "let's", "can't", "won't", "didn't", "doesn't",
	"don't", "isn't", "wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't", "wouldn't", "couldn't")

// invertible cues may come before their source after a quotation ("…,” said Leavitt).
var invertible = set("said", "says", "added", "adds", "wrote", "writes", "continued",
	"explained", "noted", "recalled", "replied", "responded", "insisted", "argued", "warned", "declared",
	"acknowledged", "tweeted", "stated", "admitted", "countered", "concluded", "conceded", "observed")

// topicVerbs are cues only with a topic: "talked about", "spoke of", "commented on".
// Each maps to the prepositions that introduce its topic.
var topicVerbs = map[string]string{
	"talked": "about of on", "talk": "about of on", "talks": "about of on", "talking": "about of on",
	"spoke": "about of on against", "speaks": "about of on against to", "speaking": "about of on against",
	"commented": "on about", "comments": "on about", "commenting": "on about",
	"referred": "to", "refers": "to", "referring": "to", "refer": "to",
	"pointed": "to out", "points": "to out", "pointing": "to out", "point": "to out",
	"focused": "on", "focuses": "on", "focusing": "on", "focus": "on",
	"alluded": "to", "alludes": "to", "alluding": "to",
	"weighed": "in", "weighs": "in", "weighing": "in",
	"railed": "against", "rails": "against", "railing": "against",
	"campaigned": "for against on", "campaigns": "for against on", "campaigning": "for against on",
	"apologized": "for", "apologizes": "for", "apologizing": "for", "apologised": "for",
	"voted": "for against", "votes": "for against", "voting": "for against",
}

// topicOK reports whether the word p may open the topic of the topic verb v.
func topicOK(v, p string) bool {
	for _, w := range strings.Fields(topicVerbs[v]) {
		if w == p {
			return true
		}
	}
	return false
}

// objectPronouns cannot open a complement clause.
var objectPronouns = set("him", "her", "them", "us", "me", "himself", "herself", "themselves", "itself",
	"myself", "ourselves", "yourself", "whom")

// clauseSubordinators open a clause that may follow a cue without being its content ("…,” Ryder
// said when previewing the call").
var clauseSubordinators = set("when", "as", "while", "after", "before", "because", "since", "though",
	"although", "during", "following", "amid", "adding", "noting", "saying")

// raising words mark an evidential judgement whose subject is part of the content: "seemed to",
// "is expected to", "appears that".
var raising = set("seem", "seems", "seemed", "appear", "appears", "appeared", "expected", "likely", "unlikely")

// documentNouns head a document that speaks for its authors: "in a new poll", "in his memo".
var documentNouns = set("poll", "polls", "survey", "surveys", "study", "studies", "report", "statement",
	"words", "op-ed", "letter", "memo", "speech", "tweet", "tweets", "post", "column", "book", "ad",
	"filing", "editorial", "analysis", "article", "release", "complaint", "lawsuit", "video", "essay",
	"blog", "message", "email", "remarks", "interview", "view", "opinion", "estimation", "estimate",
	"ruling", "decision", "order", "documents", "document", "transcript", "testimony", "findings", "data")

// wh words open an embedded question, never a source phrase.
var wh = set("how", "what", "why", "whether", "if", "where", "whatever", "unless", "until", "than")

// prepositions cannot open a subject.
var prepositions = set("by", "in", "on", "at", "from", "with", "of", "for", "to", "since", "after", "before",
	"during", "into", "over", "under", "about", "against", "through", "across", "among", "between")

// nounCues are cue forms that are also common nouns; nounUse tells the two uses apart.
var nounCues = set("dispute", "disputes", "claim", "claims", "report", "reports", "note", "notes",
	"fear", "fears", "hope", "hopes", "plan", "plans", "promise", "promises", "vow", "vows",
	"pledge", "pledges", "forecast", "forecasts", "protest", "protests", "question", "questions",
	"doubt", "doubts", "estimate", "estimates", "answer", "reply", "comment", "comments", "figure",
	"figures", "rule", "rules")

// nounFollowers are words that follow a noun cue as the verb of its own clause (auxiliaries and
// common finite verbs) or as the preposition of its noun phrase; a speech verb does not take them
// next ("the dispute has", "the dispute over", but "disputed the figures").
var nounFollowers = set("has", "have", "had", "is", "are", "was", "were", "will", "would", "could",
	"can", "may", "might", "should", "must", "did", "does", "remain", "remains", "began", "begin",
	"begins", "grew", "grows", "came", "comes", "led", "leads", "went", "goes", "seem", "seems",
	"appear", "appears", "over", "between", "of", "about", "among", "involving", "surrounding",
	"since", "during", "after", "before")

// sourceOpeners are words that open a clause, never a source noun phrase ("and called on …",
// "where polls show …").
var sourceOpeners = set("and", "but", "or", "where", "when", "while", "because", "if", "although",
	"though", "whereas", "whether", "since", "unless")
