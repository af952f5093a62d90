package actor

// Word lists used by the tagger's context rules. Written for sitrep.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stopwords are lower-case words that never start or end a name, even when capitalised at the
// start of a sentence.
var stopwords = set(
	"a", "an", "the", "this", "that", "these", "those", "and", "or", "but", "nor", "so", "yet", "if",
	"then", "than", "when", "while", "where", "why", "how", "what", "which", "who", "whom", "whose",
	"as", "at", "by", "for", "from", "in", "into", "of", "on", "onto", "to", "with", "without", "over",
	"under", "after", "before", "since", "until", "during", "about", "against", "among", "between",
	"through", "across", "despite", "amid", "per", "via", "within", "upon", "around", "toward",
	"towards", "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "my",
	"our", "your", "his", "its", "their", "there", "here", "be", "is", "are", "was", "were", "been",
	"being", "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should", "may",
	"might", "must", "can", "could", "not", "no", "yes", "all", "any", "some", "each", "every",
	"both", "either", "neither", "other", "another", "such", "more", "most", "much", "many", "few",
	"also", "however", "meanwhile", "indeed", "still", "even", "already", "now", "today", "yesterday",
	"tomorrow", "according", "additionally", "also", "although", "though", "because", "instead",
	"moreover", "furthermore", "nevertheless", "thus", "therefore", "again", "once", "only", "just",
	"very", "too", "well", "later", "earlier", "first", "last", "next", "new", "one", "two", "three",
	"several", "said", "says", "say", "asked", "told", "added", "it's", "that's", "there's",
	"mr", "mrs", "ms", "dr", "search", "close", "published", "updated", "read", "share", "click",
	"photo", "image", "video", "watch", "listen", "advertisement", "subscribe", "sign", "log",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
	"february", "march", "april", "june", "july", "august", "september", "october", "november",
	"december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"breaking", "exclusive", "opinion", "analysis", "update", "live", "news", "report", "reports",
	"officials", "official", "sources", "source", "people", "government", "state", "states",
	"during", "following", "unlike", "like", "let", "let's", "yes", "no", "ok", "oh", "why",
	"everyone", "everything", "someone", "something", "anyone", "anything", "nobody", "nothing",
	"gmt", "utc", "est", "edt", "pst", "pdt", "cet", "am", "pm", "a.m.", "p.m.",
)

// connectors may appear inside a capitalised name ("Bank of America", "bin Salman").
var connectors = set("of", "de", "del", "da", "du", "bin", "ibn", "al", "el", "van", "von", "der", "den", "la", "le", "y", "&", "the", "for", "on")

// honorifics introduce a person's name.
var honorifics = set("mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gen", "general", "col",
	"colonel", "lt", "adm", "admiral", "sgt", "capt", "captain", "prof", "professor", "rabbi", "sheikh",
	"ayatollah", "imam", "sir", "dame", "lord", "lady", "judge", "justice", "pope", "prince", "princess",
	"major", "mayor", "governor", "gov", "ambassador", "minister", "secretary", "chairman", "ceo", "director",
	"spokesman", "spokeswoman", "spokesperson", "analyst", "executive", "officer", "chief", "president",
	"commander", "lieutenant", "sergeant", "brig", "maj", "hon", "reverend", "rev", "father", "saint")

// orgSuffixes end organisation names.
var orgSuffixes = set("inc", "inc.", "corp", "corp.", "corporation", "company", "co", "co.", "group", "agency",
	"ministry", "department", "council", "committee", "party", "bank", "university", "college", "airlines",
	"airline", "airways", "air", "association", "organization", "organisation", "institute", "forces",
	"army", "navy", "court", "commission", "fund", "union", "foundation", "office", "authority", "service",
	"services", "systems", "motors", "technologies", "technology", "ltd", "ltd.", "llc", "plc", "holdings",
	"industries", "international", "administration", "board", "bureau", "center", "centre", "club",
	"society", "federation", "league", "alliance", "movement", "front", "brigades", "brigade",
	"guard", "police", "parliament", "assembly", "senate", "congress", "cabinet", "exchange", "markets",
	"capital", "partners", "securities", "investments", "energy", "oil", "motor", "automotive", "aerospace",
	"electric", "communications", "networks", "labs", "software", "pharmaceuticals", "media", "studios",
	"records", "entertainment", "hospital", "school", "academy",
	"mutual", "financial", "insurance", "trust", "railways", "railway", "lines", "team", "nv", "n.v.", "ag", "sa", "s.a.", "gmbh",
	"computer", "computers", "airplanes", "aircraft", "corps", "inc.", "laboratories", "pharma", "chemicals", "steel",
	"telecom", "ministry", "house", "stores", "foods", "brands", "manufacturing", "logistics", "shipping")

// mediaSuffixes end media outlet names.
var mediaSuffixes = set("news", "times", "post", "journal", "herald", "tribune", "gazette", "tv", "radio",
	"press", "daily", "telegraph", "magazine", "broadcasting", "channel", "television", "newspaper", "wire")

// placeWords end place names.
var placeWords = set("city", "province", "county", "state", "island", "islands", "river", "valley",
	"mountains", "mountain", "sea", "ocean", "bay", "strait", "region", "district", "airport", "street",
	"square", "beach", "coast", "peninsula", "desert", "lake", "hills", "heights", "port", "camp", "base", "plant", "field")

// locatives precede places ("in Gaza", "near Isfahan").
var locatives = set("in", "at", "near", "into", "inside", "outside", "around", "across", "throughout", "from", "across", "toward", "towards", "via", "outside")

// motionWords before "to" make the following capital a place ("trip to Washington").
var motionWords = set("trip", "travel", "travels", "traveled", "travelled", "visit", "visits", "visited",
	"arrived", "arrive", "arrives", "flew", "fly", "flies", "returned", "return", "returns", "headed",
	"head", "went", "go", "goes", "going", "came", "come", "comes", "way", "journey", "moved", "move",
	"flight", "flights", "back", "sent", "deployed", "route", "road", "delegation", "landed")

// personNouns after a demonym introduce a person ("Israeli official Yossi Cohen").
var personNouns = set("official", "officer", "journalist", "analyst", "minister", "diplomat", "envoy",
	"lawmaker", "politician", "activist", "businessman", "businesswoman", "billionaire", "general",
	"commander", "spokesman", "spokeswoman", "spokesperson", "leader", "author", "writer", "scientist",
	"professor", "expert", "ambassador", "negotiator", "lawyer", "judge", "citizen", "researcher", "colleague", "counterpart", "rapper", "singer", "actor", "player")

// speechVerbs after a name point to a person.
var speechVerbs = set("said", "says", "say", "told", "tells", "added", "adds", "stated", "states",
	"explained", "noted", "wrote", "argued", "insisted", "warned", "acknowledged", "claimed", "asked",
	"replied", "responded", "announced", "declared", "urged", "believes", "thinks", "hopes", "recalled",
	"confirmed", "denied", "admitted", "suggested", "stressed", "emphasized", "emphasised", "continued")

// govVerbs after a capital make it stand for its government ("Tehran warned", "Washington wants").
var govVerbs = set("said", "says", "warned", "warns", "announced", "announces", "wants", "want", "intends",
	"demanded", "demands", "accused", "accuses", "rejected", "rejects", "denied", "denies", "threatened",
	"threatens", "insisted", "insists", "urged", "urges", "responded", "responds", "retaliated", "has", "had",
	"is", "was", "will", "would", "may", "might", "could", "should", "sees", "believes", "hopes", "fears",
	"condemned", "condemns", "imposed", "imposes", "agreed", "agrees", "refused", "refuses", "launched",
	"sent", "sends", "approved", "backed", "backs", "supports", "supported", "opposes", "opposed", "blamed",
	"blames", "struck", "attacked", "vowed", "vows", "signaled", "signalled", "seeks", "sought", "considers")

// relationNouns before "with" make the following capital a government ("talks with Tehran").
var relationNouns = set("talks", "negotiations", "relations", "ties", "deal", "agreement", "dialogue",
	"contacts", "channel", "tensions", "conflict", "war", "pressure", "dispute", "meeting", "communication", "cooperation", "coordination")

// formerWords before a title mark a past office.
var formerWords = set("former", "ex", "ex-", "then", "outgoing", "late", "erstwhile")

// resolvableTitles are canonical titles that a bare "the TITLE" may be resolved to a person with.
var resolvableTitles = set("president", "vice president", "prime minister", "foreign minister",
	"defense minister", "national security adviser", "press secretary", "supreme leader", "king",
	"crown prince", "emir", "sultan", "chancellor", "secretary-general", "strategic affairs minister", "intelligence chief", "special envoy")

// firstNames are common given names; a capitalised pair starting with one is a person.
var firstNames = set("aaron", "abdul", "abdullah", "abu", "adam", "ahmad", "ahmed", "alan", "alex",
	"alexander", "alexei", "ali", "alice", "amir", "amy", "andrew", "andrei", "andrea", "angela", "ann", "anna",
	"anne", "anthony", "antonio", "ariel", "arthur", "avi", "barbara", "ben", "benjamin", "bernard", "bill",
	"bob", "brian", "bruce", "carl", "carlos", "catherine", "charles", "chris", "christian", "christopher",
	"claire", "dan", "daniel", "david", "dana", "dennis", "donald", "doug", "douglas", "ed", "edward", "eli",
	"elizabeth", "emily", "emma", "eric", "erik", "eva", "fatima", "frank", "fred", "gary", "george",
	"gilad", "greg", "gregory", "hans", "harry", "hassan", "helen", "henry", "hossein", "hussein", "ian",
	"ibrahim", "igor", "ivan", "jack", "jacob", "james", "jane", "jason", "jean", "jeff", "jennifer",
	"jerry", "jim", "joe", "john", "jon", "jonathan", "jose", "joseph", "juan", "julia", "karen", "kate",
	"kevin", "khalid", "larry", "laura", "lee", "linda", "lisa", "louis", "luis", "mahmoud", "marc",
	"maria", "mark", "martin", "mary", "matt", "matthew", "michael", "michel", "mike", "mohamed",
	"mohammad", "mohammed", "muhammad", "moshe", "nancy", "nathan", "nick", "nicholas", "noel", "omar",
	"oren", "patrick", "paul", "peter", "philip", "pierre", "rachel", "ralph", "richard", "rick", "robert",
	"roger", "ron", "ronald", "sam", "samuel", "sandy", "sara", "sarah", "scott", "sean", "sergei",
	"sergey", "stephen", "steve", "steven", "susan", "thomas", "tim", "timothy", "tom", "tony", "victor",
	"vladimir", "walter", "william", "yaakov", "yair", "yitzhak", "yosef", "yossi", "yusuf", "alan",
	"kenneth", "ken", "craig", "ray", "raymond", "jim", "gordon", "howard", "keith", "wayne", "bruno",
	"giovanni", "hiroshi", "kaoru", "akio", "li", "wang", "zhang", "chen", "francois", "nicolas",
	"jacques", "klaus", "wolfgang", "dieter", "angelo", "marco", "luca", "steve", "rupert", "warren",
	"bernie", "hillary", "nikki", "kamala", "jd", "rudy", "ted", "chuck", "mitch", "nancy", "lindsey",
	"rand", "elon", "jeff", "tim", "satya", "sundar", "sheryl", "mary", "gina", "janet", "jerome", "ben",
	"leon", "lloyd", "jake", "antony", "karoline", "steve", "yoav", "ron", "abbas", "naftali", "benny",
	"isaac", "yahya", "ismail", "hamad", "tamim", "salman", "faisal", "recep", "emmanuel", "olaf",
	"keir", "rishi", "boris", "volodymyr", "dmitry", "xi", "narendra", "masoud", "ebrahim", "hassan",
	"javad", "qasem", "esmail", "fuad", "haider", "mustafa", "nabih", "najib", "saad", "michel",
	"joseph", "bashar", "ahmed", "asaad", "badr", "sameh", "hakan", "ayman", "tzachi", "herzi", "eyal",
	"itamar", "bezalel", "gideon", "avigdor", "gabi", "reuven", "danny", "marco", "pete",
	"tulsi", "kash", "kristi", "howard", "scott", "linda", "susie", "stephen", "todd", "brendan")

// investWords before "in" point to an organisation, not a place ("a stake in Chrysler").
var investWords = set("stake", "stakes", "interest", "interests", "shares", "share", "investment",
	"investments", "invested", "invest", "jobs", "role", "position", "changes", "cuts", "layoffs", "employees", "workers", "executives")

// nonActorEnds end capitalised names that are not actors: events, laws and agreements, market
// indices, products and services ("Worldwide Developers Conference", "Joint Comprehensive Plan
// of Action", "Dow Jones Industrial Average").
var nonActorEnds = set("conference", "summit", "show", "games", "olympics", "festival", "expo",
	"awards", "award", "cup", "championship", "championships", "program", "programme", "project", "kit",
	"store", "act", "plan", "action", "treaty", "accord", "accords", "agreement", "initiative",
	"doctrine", "protocol", "convention", "resolution", "bill", "law", "average", "index", "composite",
	"war", "crisis", "day", "week", "year", "prize", "edition", "series", "system", "version", "update",
	"operation", "campaign", "strategy", "policy", "deal", "talks", "election", "elections", "pro", "air")

// nonActors are single capitalised words that name market indices or units, not actors.
var nonActors = set("nikkei", "ftse", "djia", "dax", "cac", "dow", "s&p", "nasdaq", "hang", "sensex",
	"christmas", "easter", "ramadan", "thanksgiving", "halloween", "hanukkah", "passover", "eid", "diwali",
	"ghz", "mhz", "usd", "eur", "gbp", "jpy", "tv", "os", "pc", "ceo", "cfo", "vip", "faq", "pdf", "internet", "web")

// orgPrefixes open organisation names that continue with a place name ("Air France", "Bank of
// Japan", "Radio Free Europe").
var orgPrefixes = set("air", "bank", "radio", "university", "royal", "national", "central", "television", "first", "banco")

// indexNouns after a capitalised name make it a market index or a product line, not an actor
// ("the Dow Jones industrial average", "the Nikkei 225 index").
var indexNouns = set("index", "average", "industrial", "composite", "indices", "futures")

// productCues before a capitalised name make it a product ("the next model Falcon", "a
// version codenamed Tiger").
var productCues = set("model", "codenamed", "code-named", "dubbed", "nameplate", "browser",
	"app", "smartphone", "handset", "tablet", "laptop", "notebook", "console", "sedan", "hatchback",
	"jetliner", "airliner")

// legalForms end a company's name: a capitalised word after one starts another name.
var legalForms = set("inc", "corp", "llc", "ltd", "plc", "co", "ag", "sa", "spa", "nv", "gmbh", "bv", "lp", "llp")

// productNouns after a capitalised name make it a product line, not an actor ("the MacBook
// line"). Nouns such as "processors", "jets" or "models" are not here: they follow makers'
// names as often ("Intel processors", "Boeing models").
var productNouns = set("line", "lineup", "lineups")

// clauseOpeners precede the subject of a clause ("" is the start of a sentence).
var clauseOpeners = set("", ",", "that", "said", "says", "and", "but", "while", "as", "because", "since", "after", "when", "—", "–", "--", "though", "although", "whereas")

// objectVerbs before a capital make it the government acted upon ("blamed Tehran", "urged Moscow").
var objectVerbs = set("blamed", "blames", "accused", "accuses", "urged", "urges", "warned", "warns", "told",
	"pressed", "presses", "pressured", "pressures", "sanctioned", "sanctions", "criticized", "criticised",
	"condemned", "condemns", "threatened", "threatens", "attacked", "struck", "invited", "asked", "asks",
	"supports", "supported", "backs", "backed", "opposes", "opposed", "informed", "notified", "assured",
	"reassured", "deterred", "deter", "punish", "punished", "confront", "confronted", "engage", "engaged")

// marketNouns after a capital's possessive make the capital the place of a market, not its
// government ("Tokyo's stock exchange", "London's markets").
var marketNouns = set("stock", "stocks", "market", "markets", "exchange", "bourse", "shares", "benchmark")

// placeAbbrevs are abbreviations that open place names and keep their period ("St. Louis",
// "Mt. Everest", "Ft. Worth").
var placeAbbrevs = set("st", "mt", "ft", "pt")

// placeAfter are lower-case nouns that make the unknown name before them a place ("Heathrow
// airport", "Orange county"). Nouns such as "plant" or "base" are not here: they follow
// companies' names as often ("two Chrysler plants").
var placeAfter = set("airport", "county", "province", "region", "district", "island", "river", "valley",
	"lake", "harbor", "harbour", "peninsula", "municipality", "prefecture")

// weekdays are day names; a capitalised word right before one, after "the" or "on", names the
// day ("Black Monday").
var weekdays = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// eventOpeners precede a named day ("on Black Monday", "the Super Tuesday primaries", a
// quotation mark).
var eventOpeners = set("the", "on", "a", "`", "‘", "'", "\"", "“")

// thingFollowers are words that can follow a noun phrase "the X" without being modified by it:
// after one of them, "the X" stands alone ("the Taurus was", "the Sky and Astra").
var thingFollowers = set("was", "is", "were", "are", "be", "been", "being", "has", "had", "will",
	"would", "and", "or", "to", "in", "on", "at", "for", "from", "with", "by", "as", "which", "that")

// versionNouns, followed by "of" or "for" in an apposition, make the name before it a product
// ("Tiger, the latest version of the system").
var versionNouns = set("version", "edition", "upgrade", "codename")

// countedThings are plural nouns of things a company makes or owns; after a number and a
// company's name they make the name a description ("two Chrysler plants", "12 Airbus jets").
var countedThings = set("jets", "aircraft", "planes", "airplanes", "airliners", "jetliners", "cars",
	"vehicles", "trucks", "plants", "factories", "dealerships", "stores", "shops", "computers", "phones",
	"handsets", "models", "engines", "helicopters", "ships", "tankers", "rifles", "tanks")

// numberWords count things ("two", "several").
var numberWords = set("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "twenty", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "several",
	"many", "some", "few")

// adjStops are stopwords that can stand between a number and the noun it counts ("12 new
// jets", "two other plants").
var adjStops = set("new", "other", "more", "first", "last", "next")
