package timex_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/timex"
)

func day(s string) *time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &t
}

// find returns the expression whose text is want (case-sensitive), or nil.
func find(es []sitrep.TimeExpr, want string) *sitrep.TimeExpr {
	for i := range es {
		if es[i].Text == want {
			return &es[i]
		}
	}
	return nil
}

func dump(es []sitrep.TimeExpr) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString("\n  " + timex.String(e))
	}
	return b.String()
}

// TestTagger checks the required behaviours one by one, each in a sentence of its own.
func TestTagger(t *testing.T) {
	fri := day("2024-10-11") // Friday
	tests := []struct {
		name      string
		published *time.Time
		in        string
		span      string
		typ       string
		value     string
		mod       string
	}{
		{"PastWeekday", fri, "The Israeli Security Cabinet met on Thursday to discuss plans.", "Thursday", "DATE", "2024-10-10", ""},
		{"SaidWeekday", fri, "A spokesperson for the Pentagon said Thursday that talks continue.", "Thursday", "DATE", "2024-10-10", ""},
		{"FutureWeekday", fri, "The two ministers will meet Thursday in Washington.", "Thursday", "DATE", "2024-10-17", ""},
		{"ScheduledWeekday", fri, "The envoy is scheduled to arrive in Cairo on Monday.", "Monday", "DATE", "2024-10-14", ""},
		{"SameDayPast", fri, "He arrived in the capital on Friday after a long flight.", "Friday", "DATE", "2024-10-11", ""},
		{"MonthDay", fri, "Iran launched the ballistic missile attack on Oct 1, officials said.", "Oct 1", "DATE", "2024-10-01", ""},
		{"MonthDayDot", fri, "Iran launched the ballistic missile attack on Oct. 1, officials said.", "Oct. 1", "DATE", "2024-10-01", ""},
		{"MonthDayOrdinal", fri, "The barrage came on October 1st and lasted an hour.", "October 1st", "DATE", "2024-10-01", ""},
		{"MonthDayFuture", fri, "The vote will take place on March 3, the commission said.", "March 3", "DATE", "2025-03-03", ""},
		{"FullDate", nil, "The strike happened on Oct 1, 2024, according to the army.", "Oct 1, 2024", "DATE", "2024-10-01", ""},
		{"EarlyMonth", fri, "The offensive consisted of a missile strike in early October.", "early October", "DATE", "2024-10", "START"},
		{"ComingDays", fri, "Gallant may travel to the United States in the coming days.", "the coming days", "DATE", "FUTURE_REF", ""},
		{"WeeksOrMonths", fri, "Iran could possess 2,000 missiles within weeks or months.", "weeks or months", "DATE", "FUTURE_REF", ""},
		{"LastWeek", fri, "The minister resigned last week amid protests.", "last week", "DATE", "2024-W40", ""},
		{"Weekend", day("2024-04-15"), "Over the weekend, Iran launched hundreds of missiles and drones.", "the weekend", "DATE", "2024-W15-WE", ""},
		{"LaterThisYear", fri, "Elections are expected later this year.", "later this year", "DATE", "2024", "END"},
		{"Yesterday", fri, "I listened to Biden yesterday.", "yesterday", "DATE", "2024-10-10", ""},
		{"Today", fri, "The talks resume today in Doha.", "today", "DATE", "2024-10-11", ""},
		{"ThisWeek", fri, "He canceled a planned trip to Washington this week.", "this week", "DATE", "2024-W41", ""},
		{"NextMonth", fri, "The summit will be held next month in Riyadh.", "next month", "DATE", "2024-11", ""},
		{"LastYear", fri, "Exports fell sharply last year.", "last year", "DATE", "2023", ""},
		{"InYear", nil, "The administration withdrew from the deal in 2018.", "2018", "DATE", "2018", ""},
		{"BareYear", fri, "They discussed reviving the 2015 nuclear deal.", "2015", "DATE", "2015", ""},
		{"Decade", fri, "The program dates back to the 1990s.", "the 1990s", "DATE", "199", ""},
		{"YearsAgo", fri, "The reactor was damaged two years ago.", "two years ago", "DATE", "2022", ""},
		{"DurationDays", fri, "The fighting lasted three days.", "three days", "DURATION", "P3D", ""},
		{"ForAMonth", fri, "The border stayed closed for a month.", "a month", "DURATION", "P1M", ""},
		{"AMonthDuration", fri, "The two leaders resumed phone talks after more than a month.", "more than a month", "DURATION", "P1M", "MORE_THAN"},
		{"EveryWeek", fri, "The committee meets every week in Geneva.", "every week", "SET", "P1W", ""},
		{"LateEvening", fri, "Israel's Security Cabinet met late Thursday evening local time.", "late Thursday evening", "TIME", "2024-10-10TEV", "END"},
		{"ThisMorning", fri, "The statement was released this morning.", "this morning", "TIME", "2024-10-11TMO", ""},
		{"RecentDays", fri, "Strikes have intensified in recent days.", "recent days", "DURATION", "PXD", ""},
		{"TwelveDayWar", day("2026-02-11"), "Iran rebuilt its capabilities to its status before the 12-day war.", "the 12-day war", "EVENT", "2025-06", ""},
		{"GenericWar", fri, "Both sides recalled the 34-day war of the past.", "the 34-day war", "EVENT", "PAST_REF", ""},
		{"Now", fri, "The situation is now very tense.", "now", "DATE", "PRESENT_REF", ""},
		{"NoAnchorWeekday", nil, "The cabinet met on Thursday.", "Thursday", "DATE", "XXXX-WXX-4", ""},
		{"NoAnchorMonthDay", nil, "The attack came on Oct 1.", "Oct 1", "DATE", "XXXX-10-01", ""},
		{"NoAnchorYesterday", nil, "He spoke yesterday.", "yesterday", "DATE", "", ""},
		{"ClockTime", fri, "The sirens sounded at 3:30 p.m. on Thursday.", "3:30 p.m.", "TIME", "2024-10-10T15:30", ""},
		{"ISODate", nil, "The file was dated 2024-10-10 by its author.", "2024-10-10", "DATE", "2024-10-10", ""},
		{"DayMonthYear", nil, "The ceasefire began on 27 November 2024.", "27 November 2024", "DATE", "2024-11-27", ""},
		{"MonthYear", nil, "Talks collapsed in March 2023.", "March 2023", "DATE", "2023-03", ""},
		{"Quarter", day("1989-11-02"), "Profit rose in the third quarter.", "the third quarter", "DATE", "1989-Q3", ""},
		{"LastFriday", fri, "The deal was signed last Friday.", "last Friday", "DATE", "2024-10-04", ""},
		{"TheFuture", fri, "No talks are planned in the near future.", "the near future", "DATE", "FUTURE_REF", ""},
		{"Daily", fri, "The ministry publishes figures daily.", "daily", "SET", "P1D", ""},
		{"EarlierThisMonth", fri, "The rockets were fired earlier this month.", "earlier this month", "DATE", "2024-10", "START"},
		{"PastTwoMonths", fri, "Prices rose over the past two months.", "the past two months", "DURATION", "P2M", ""},
		{"TwoYearHyphen", fri, "They agreed on a two-year truce.", "two-year", "DURATION", "P2Y", ""},
		{"Tonight", fri, "The president will address the nation tonight.", "tonight", "TIME", "2024-10-11TNI", ""},
		{"LastNight", fri, "Explosions were heard last night.", "last night", "TIME", "2024-10-10TNI", ""},
		{"MidMonth", fri, "Negotiations resume in mid-November.", "mid-November", "DATE", "2024-11", "MID"},
		{"Season", fri, "The offensive began last summer.", "last summer", "DATE", "2024-SU", ""},
		{"AboutDuration", fri, "They talked for about three hours.", "three hours", "DURATION", "PT3H", "APPROX"},
		{"EveryMonday", fri, "The cabinet meets every Monday.", "every Monday", "SET", "XXXX-WXX-1", ""},
		{"Century", fri, "It was the bloodiest war of the 20th century.", "the 20th century", "DATE", "19", ""},
		{"WeekdayDate", nil, "The talks ended on Thursday, Oct. 10, 2024.", "Thursday, Oct. 10, 2024", "DATE", "2024-10-10", ""},
		{"AsSoonAs", day("2024-10-14"), "The envoy could leave as soon as Wednesday, officials said.", "Wednesday", "DATE", "2024-10-16", ""},
		{"UntilDeadline", day("2024-10-10"), "The crossing will remain closed until Saturday.", "Saturday", "DATE", "2024-10-12", ""},
		{"QuarterReport", day("2024-10-30"), "Third-quarter profit rose to $5 million from $3 million a year earlier.", "a year earlier", "DATE", "2023-Q3", ""},
		{"NineMonthsReport", day("2024-10-30"), "In the first nine months, profit rose 8% from a year earlier.", "a year earlier", "DATE", "2023", ""},
		{"SpokenYear", nil, "The bombing happened in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996", ""},
		{"Thanksgiving", day("2024-12-02"), "The boy was rescued on Thanksgiving Day.", "Thanksgiving Day", "DATE", "2024-11-28", ""},
		{"MilitaryTime", fri, "The blast occurred at 0735 GMT near the embassy.", "0735 GMT", "TIME", "2024-10-11T07:35Z", ""},
		{"TheEarlyDecade", fri, "Sales peaked in the early 1980s.", "the early 1980s", "DATE", "198", "START"},
		{"BareDecade", fri, "Sales peaked in the 1980s and fell after.", "the 1980s", "DATE", "198", ""},
		{"DecadeNoArticle", fri, "Both were popular during 1980s tours.", "1980s", "DATE", "198X", ""},
		{"TimeThenDay", day("2024-10-14"), "The offer will expire at 5 p.m. EST Friday.", "5 p.m. EST Friday", "TIME", "2024-10-18T17:00", ""},
		{"NightIsTheDay", fri, "Protesters gathered Wednesday night outside the embassy.", "Wednesday night", "DATE", "2024-10-09", ""},
		{"YearEndedDuration", day("1989-11-02"), "Net income for the year ended Sept. 30 rose 5%.", "the year", "DURATION", "P1Y", ""},
		{"ApostropheDecade", fri, "Prices were lower in the '90s than now.", "the '90s", "DATE", "199X", ""},
		{"QuarterYear", nil, "Revenue fell in Q3 2024 across the group.", "Q3 2024", "DATE", "2024-Q3", ""},
		{"LateLastYear", fri, "The talks collapsed late last year.", "late last year", "DATE", "2023", "END"},
		{"DecadeAgo", fri, "The treaty was signed a decade ago.", "a decade ago", "DATE", "2014", ""},
		{"Christmas", fri, "The hostages may be home by Christmas.", "Christmas", "DATE", "2024-12-25", ""},
		{"NextFewDays", fri, "A decision is due in the next few days.", "the next few days", "DURATION", "PXD", ""},
		{"WithinWeeksPast", fri, "He probably died within weeks of his capture.", "weeks", "DURATION", "PXW", ""},
		{"LaterThatYear", fri, "He fled to Florida in June 1998 and returned to Cuba later that year.", "later that year", "DATE", "1998", "END"},
		{"TheFollowingMonth", fri, "The board met in March 2019. The following month, the company was sold.", "The following month", "DATE", "2019-04", ""},
		{"TheSameDay", fri, "The ceasefire began on Oct. 3, 2023, and was broken the same day.", "the same day", "DATE", "2023-10-03", ""},
		{"EndTheDay", fri, "The index rose 2% to end the day at 5,210.", "the day", "DATE", "2024-10-11", ""},
		{"EndTheNamedDay", day("2024-10-12"), "Stocks rose on Thursday, a day after the rate decision in July. The index gained 1%, ending the day at 5,210.", "the day", "DATE", "2024-10-10", ""},
		{"ConsecutiveQuarters", fri, "The economy shrank for two consecutive quarters of this period.", "two consecutive quarters", "DURATION", "P2Q", ""},
		{"AnnualLoss", fri, "The carmaker reported its first annual loss in a decade.", "annual", "DURATION", "P1Y", ""},
		{"YearPrevious", fri, "Exports reached $4 billion in 2019, against $3 billion the year before.", "the year before", "DATE", "2018", ""},
		{"EarlierToday", fri, "The minister resigned earlier today.", "earlier today", "DATE", "2024-10-11", ""},
		{"RangeFirstNumber", fri, "The repairs will take between 60 and 90 days.", "60", "DURATION", "P60D", ""},
		{"RangeFirstWord", fri, "The talks lasted two to six days.", "two", "DURATION", "P2D", ""},
		{"RecentPlural", fri, "Analysts blamed recent losses on the strike.", "recent", "DATE", "PAST_REF", ""},
		{"NearTerm", fri, "Growth looks weak in the near term.", "the near term", "DATE", "FUTURE_REF", ""},
		{"TimeBeing", fri, "The border stays shut for the time being.", "the time being", "DATE", "PRESENT_REF", ""},
		{"SeasonAlone", fri, "The fund held their Autumn meetings in Washington.", "Autumn", "DATE", "2024-FA", ""},
		{"ApostropheYear", fri, "The index is at its lowest level since '82.", "'82", "DATE", "1982", ""},
		{"ShortDecade", fri, "They rid Detroit of the boxy cars of the 70s and 80s.", "80s", "DATE", "198", ""},
		{"InYears", fri, "Prices hit their highest level in years.", "years", "DURATION", "PXY", ""},
		{"TradingDays", fri, "Stocks fell for five trading days.", "five trading days", "DURATION", "P5D", ""},
		{"PresentWeekdayNearest", day("2024-10-14"), "The summit is on Thursday in Geneva.", "Thursday", "DATE", "2024-10-17", ""},
		{"PresentWeekdayNearestBack", day("2024-10-14"), "The summit is on Saturday in Geneva.", "Saturday", "DATE", "2024-10-12", ""},
		{"TheNineties", fri, "Hate groups declined through the nineties.", "the nineties", "DATE", "199", ""},
		{"OverTheYears", fri, "Many patients have been saved over the years.", "the years", "DURATION", "PXY", ""},
		{"WeeksAhead", fri, "Talks will continue in the weeks ahead.", "the weeks ahead", "DATE", "FUTURE_REF", ""},
		{"TheseDays", fri, "Few people fly these days.", "these days", "DATE", "PRESENT_REF", ""},
		{"FiveYearLow", fri, "The currency fell to a five year low.", "five year", "DURATION", "P5Y", ""},
		{"FractionYears", fri, "The refugees lived in the camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M", ""},
		{"AndAHalfYears", fri, "The siege lasted two and a half years.", "two and a half years", "DURATION", "P2Y6M", ""},
		{"UnitAndAHalf", fri, "Barely a minute and a half later, the alarm rang.", "a minute and a half", "DURATION", "PT1M30S", ""},
		{"HalfAnHour", fri, "The meeting ended after half an hour.", "half an hour", "DURATION", "PT30M", ""},
		{"LastHalfOfYear", fri, "Earnings will be weaker in the last half of 2025.", "the last half of 2025", "DATE", "2025-H2", ""},
		{"UntilPluperfect", fri, "Until Thursday, the police had not named a suspect.", "Thursday", "DATE", "2024-10-10", ""},
		{"ByPluperfect", fri, "Most members had filed their reports by Wednesday.", "Wednesday", "DATE", "2024-10-09", ""},
		{"QuarterEnded", day("1989-10-26"), "For the quarter ended Sept. 30, the airline posted a profit.", "the quarter", "DATE", "1989-Q3", ""},
		{"FiscalQuarterEnded", day("1989-10-30"), "In the quarter ended July 31, the printer lost money.", "the quarter", "DATE", "1989-Q2", ""},
		{"TheNextDay", fri, "The plant closed on March 3, 2019. The next day, workers protested outside.", "The next day", "DATE", "2019-03-04", ""},
		{"TheNextYearNarrative", fri, "The deal was signed in 2015. The next year, trade doubled.", "The next year", "DATE", "2016", ""},
		{"TheNextYearAhead", fri, "Analysts expect growth to slow over the next year.", "the next year", "DATE", "2025", ""},
		{"TheDayBefore", fri, "The talks opened on Oct. 2, 2023. The day before, the envoy arrived.", "The day before", "DATE", "2023-10-01", ""},
		{"TheNextMorning", fri, "He was arrested on March 3, 2019 and appeared in court the next morning.", "the next morning", "DATE", "2019-03-04", ""},
		{"QuarterOfFocusYear", fri, "Profits rose in the first quarter of 2010. In the second quarter, they fell.", "the second quarter", "DATE", "2010-Q2", ""},
		{"ByYearEnd", day("1989-10-30"), "The company expects to complete the sale by year-end.", "year-end", "DATE", "1989", "END"},
		{"SinceYearEnd", day("1989-10-30"), "The index has gained 12% since year-end.", "year-end", "DATE", "1988", "END"},
		{"TheFullYear", day("1989-10-30"), "The chairman forecast higher earnings for the full year.", "the full year", "DATE", "1989", ""},
		{"MonthOfNextYear", day("2009-05-15"), "Dealers will be told after October of next year.", "October of next year", "DATE", "2010-10", ""},
		{"QuotedFuture", day("2000-04-05"), "\"He will leave at dawn on Thursday,\" the minister said.", "Thursday", "DATE", "2000-04-06", ""},
		{"PresentMonthNearest", day("1998-12-05"), "The three new members can take part in the summit in April.", "April", "DATE", "1999-04", ""},
		{"ClockThenDayLater", day("1998-08-08"), "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.", "10:35 a.m.", "TIME", "1998-08-07T10:35", ""},
		{"SingleDay", fri, "It was the worst single-day drop since 2008.", "single-day", "DURATION", "P1D", ""},
	}
	tg := timex.NewTagger(timex.DefaultOptions())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := tg.Tag(tt.in, tt.published)
			e := find(es, tt.span)
			if e == nil {
				t.Fatalf("no expression %q in %q; got:%s", tt.span, tt.in, dump(es))
			}
			if got, want := e.Type, tt.typ; got != want {
				t.Errorf("type=%s, want %s", got, want)
			}
			if got, want := e.Value, tt.value; got != want {
				t.Errorf("value=%q, want %q", got, want)
			}
			if got, want := e.Mod, tt.mod; got != want {
				t.Errorf("mod=%q, want %q", got, want)
			}
			if got := tt.in[e.Start:e.End]; got != e.Text {
				t.Errorf("span text %q does not match offsets (%q)", e.Text, got)
			}
		})
	}
}

// TestNoFalsePositives checks sentences that contain no temporal expression.
func TestNoFalsePositives(t *testing.T) {
	tg := timex.NewTagger(timex.DefaultOptions())
	for _, s := range []string{
		"Iran could possess 1,800-2,000 ballistic missiles.",
		"He may visit the region, officials said.",
		"About 2000 people marched to the embassy.",
		"The march drew a large crowd.",
		"Israel's defense minister spoke to reporters.",
		"The fall of the regime surprised analysts.",
		"A 40-year-old man was arrested.",
		"He spoke on ABC's This Week program.",
		"The film High Noon was shown again.",
		"It would be a second betrayal, she said.",
		"The party daily Granma ran the story.",
		"The interview ran in USA Today.",
		"Staff received a year-end bonus.",
		"Protesters gathered the day before the vote.",
		"He lost half a million dollars.",
		"Three quarters of voters backed the plan.",
		"Prices rose from 3 to 5 dollars a barrel.",
		"The group holds an annual conference in Doha.",
		"A recent analyst's estimate was lower.",
	} {
		if es := tg.Tag(s, day("2024-10-11")); len(es) != 0 {
			t.Errorf("%q: unexpected expressions:%s", s, dump(es))
		}
	}
}

// TestPublishedInferred checks the lower bound on the publication date from explicit dates.
func TestPublishedInferred(t *testing.T) {
	tg := timex.NewTagger(timex.DefaultOptions())
	for _, tt := range []struct {
		name, in string
		want     string // "" means no estimate
	}{
		{"PastDate", "The ceasefire collapsed on Oct. 3, 2023, after weeks of talks. Fighting resumed in 2022.", "2023-10-03"},
		{"FutureDateIgnored", "Elections will be held on Nov. 5, 2028. The party was founded in 1999.", "1999-01-01"},
		{"PresentDateIgnored", "The deadline is March 1, 2027, officials say.", ""},
		{"MonthYear", "Talks collapsed in March 2023.", "2023-03-01"},
		{"RelativeOnly", "The cabinet met on Thursday and again yesterday.", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := &sitrep.Article{Text: tt.in}
			if err := tg.Process(context.Background(), a, nil); err != nil {
				t.Fatal(err)
			}
			got := ""
			if a.PublishedInferred != nil {
				got = a.PublishedInferred.Earliest.Format("2006-01-02")
				if len(a.PublishedInferred.Evidence) == 0 {
					t.Error("no evidence")
				}
				if !a.PublishedInferred.Latest.IsZero() {
					t.Errorf("latest=%v, want zero (unbounded)", a.PublishedInferred.Latest)
				}
			}
			if got != tt.want {
				t.Errorf("earliest=%q, want %q", got, tt.want)
			}
		})
	}
	// With a publication date the estimate is left alone.
	a := &sitrep.Article{Text: "It happened on Oct. 3, 2023.", Published: day("2024-10-11")}
	if err := tg.Process(context.Background(), a, nil); err != nil {
		t.Fatal(err)
	}
	if a.PublishedInferred != nil {
		t.Errorf("inferred %v although published is set", a.PublishedInferred)
	}
}
