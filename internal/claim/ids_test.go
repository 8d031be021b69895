package claim

import (
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

func TestFigureClaimsCarryAgencies(t *testing.T) {
	body := "Two port officials told Reuters that 40 containers had been lost. The Velda Courier said 12 cranes were damaged."
	d := &article.Document{ID: "a", Text: body, Sentences: text.Segment(body)}
	claims := FigureClaims(d, Figures(d))
	if len(claims) != 3 {
		t.Fatalf("claims = %+v", claims)
	}
	for _, c := range claims {
		if strings.Contains(c.Value, "containers") && !strings.Contains(c.Speaker, "via Reuters") {
			t.Errorf("the figure told to Reuters does not carry it: %+v", c)
		}
		if strings.Contains(c.Value, "cranes") && strings.Contains(c.Speaker, "via") {
			t.Errorf("a figure with no agency credited says via: %+v", c)
		}
	}
}

func TestWithAgencies(t *testing.T) {
	tests := []struct {
		source   string
		agencies []string
		want     string
	}{
		{"an officer", []string{"Reuters"}, "an officer, via Reuters"},
		{"", []string{"Reuters", "Agence France-Presse"}, "via Reuters and Agence France-Presse"},
		{"Reuters", []string{"Reuters"}, "Reuters"},
		{"United Nations", nil, "United Nations"},
	}
	for _, tt := range tests {
		if got := withAgencies(tt.source, tt.agencies); got != tt.want {
			t.Errorf("withAgencies(%q, %v) = %q, want %q", tt.source, tt.agencies, got, tt.want)
		}
	}
}
