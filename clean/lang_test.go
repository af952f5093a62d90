package clean_test

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/seedtest"
)

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"English", "The finance ministers met in Brussels on Tuesday to discuss the budget shortfall, and officials said no agreement was expected before the end of the month.", "en"},
		{"EnglishShortParagraph", "Police closed the bridge after the storm and asked drivers to avoid the area until further notice.", "en"},
		{"EnglishHeadlineWithNames", "Hamas leader Yahya Sinwar killed in Gaza, Israeli military says", "en"},
		{"EnglishFewFunctionWords", "Stocks rallied Tuesday as investors weighed fresh inflation data.", "en"},
		{"Spanish", "El gobierno anunció el martes un nuevo plan de vivienda para las familias afectadas por las inundaciones en el norte del país.", "es"},
		{"French", "Le président a reçu mercredi les représentants des syndicats pour tenter de sortir de la crise sociale qui paralyse le pays.", "fr"},
		{"German", "Die Regierung hat am Montag neue Maßnahmen gegen die steigenden Energiepreise vorgestellt, die ab dem kommenden Monat gelten sollen.", "de"},
		{"Italian", "Il sindaco ha chiesto ai cittadini di limitare gli spostamenti durante il fine settimana a causa delle forti piogge previste.", "it"},
		{"Portuguese", "O ministro da saúde afirmou nesta quinta-feira que a campanha de vacinação será ampliada para todas as cidades do estado.", "pt"},
		{"Arabic", "أعلنت الحكومة يوم الثلاثاء عن خطة جديدة لدعم المزارعين المتضررين من الجفاف في المناطق الجنوبية من البلاد.", "ar"},
		{"Hebrew", "ראש הממשלה נפגש היום עם שרי הביטחון כדי לדון במצב בגבול הצפוני ובצעדים הבאים.", "he"},
		{"Persian", "وزیر امور خارجه روز دوشنبه گفت که گفتگوها با کشورهای همسایه درباره منابع آب ادامه خواهد داشت.", "fa"},
		{"Russian", "Министр иностранных дел заявил во вторник, что переговоры о прекращении огня продолжатся на следующей неделе в Женеве.", "ru"},
		{"Ukrainian", "Уряд оголосив про нові заходи підтримки для родин, які постраждали від обстрілів у східних областях країни.", "uk"},
		{"Chinese", "外交部发言人周二表示，双方将在下个月举行新一轮会谈，讨论贸易和安全问题。", "zh"},
		{"Japanese", "政府は火曜日、来月から新しい経済対策を実施すると発表しました。", "ja"},
		{"Korean", "정부는 화요일 다음 달부터 새로운 경제 대책을 시행한다고 발표했다.", "ko"},
		{"Turkish", "Dışişleri Bakanı salı günü yaptığı açıklamada, komşu ülkelerle görüşmelerin önümüzdeki hafta devam edeceğini söyledi.", "tr"},
		{"Polish", "Premier powiedział w środę, że rząd przygotuje nową ustawę o ochronie granic.", "pl"},
		{"Indonesian", "Presiden meresmikan bendungan baru di Jawa Tengah pada hari Senin pagi bersama para menteri.", "id"},
		{"Swedish", "Regeringen meddelade på tisdagen att skatten på bensin sänks från och med nästa månad.", "sv"},
		{"Finnish", "Hallitus kertoi tiistaina, että polttoaineveroa lasketaan ensi kuun alusta alkaen.", "fi"},
		{"Dutch", "De minister van Financiën heeft dinsdag gezegd dat de belastingen volgend jaar niet zullen stijgen voor de meeste gezinnen.", "nl"},
		{"Empty", "", "und"},
		{"TooShort", "Breaking news", "und"},
		{"Digits", "2024-10-11 12:30 — 45% / 1,200", "und"},
		{"OneIdeograph", "中", "und"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := clean.DetectLanguage(tt.text), tt.want; got != want {
				t.Fatalf("DetectLanguage(%.40q)=%q, want %q", tt.text, got, want)
			}
		})
	}
}

// TestDetectLanguageLongText checks that a long English text with a foreign-language tail is still
// English: only the opening is read.
func TestDetectLanguageLongText(t *testing.T) {
	en := strings.Repeat("The council voted on Thursday to extend the emergency measures for another month. ", 40)
	es := strings.Repeat("El consejo votó el jueves para ampliar las medidas de emergencia. ", 400)
	if got, want := clean.DetectLanguage(en+es), "en"; got != want {
		t.Fatalf("DetectLanguage=%q, want %q", got, want)
	}
}

// TestDetectLanguageSeeds checks the five English seed articles.
func TestDetectLanguageSeeds(t *testing.T) {
	for _, s := range seedtest.Seeds(t) {
		if got, want := clean.DetectLanguage(s.Raw), "en"; got != want {
			t.Errorf("seed %s: language %q, want %q", s.Name, got, want)
		}
	}
}

func FuzzDetectLanguage(f *testing.F) {
	f.Add("The minister said on Tuesday that talks would resume.")
	f.Add("外交部发言人周二表示")
	f.Add("\xff\xfe\x00abc")
	f.Fuzz(func(t *testing.T, s string) {
		got := clean.DetectLanguage(s)
		if got == "" || len(got) > 3 {
			t.Fatalf("DetectLanguage returned %q", got)
		}
	})
}

// BenchmarkDetectLanguage measures detection on the English seeds (the fast path) and on
// non-English paragraphs written for the tests (the trigram comparison).
func BenchmarkDetectLanguage(b *testing.B) {
	b.Run("seeds", func(b *testing.B) {
		seeds := seedtest.Seeds(b)
		texts := make([]string, len(seeds))
		for i, s := range seeds {
			texts[i] = s.Raw
		}
		benchDetect(b, texts)
	})
	b.Run("other", func(b *testing.B) {
		benchDetect(b, []string{
			strings.Repeat("El gobierno anunció el martes un nuevo plan de vivienda para las familias afectadas por las inundaciones. ", 8),
			strings.Repeat("Le président a reçu mercredi les représentants des syndicats pour tenter de sortir de la crise. ", 8),
			strings.Repeat("Министр иностранных дел заявил во вторник, что переговоры продолжатся на следующей неделе. ", 8),
			strings.Repeat("أعلنت الحكومة يوم الثلاثاء عن خطة جديدة لدعم المزارعين المتضررين من الجفاف. ", 8),
		})
	})
}

func benchDetect(b *testing.B, texts []string) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		clean.DetectLanguage(texts[i%len(texts)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "texts/s")
}
