package eval

import (
	"math"
	"testing"
)

func TestBCubed(t *testing.T) {
	tests := []struct {
		name            string
		predicted, gold map[string]string
		want            Scores
	}{
		{"perfect", map[string]string{"a": "1", "b": "1", "c": "2"}, map[string]string{"a": "x", "b": "x", "c": "y"}, Scores{1, 1, 1}},
		{"all in one", map[string]string{"a": "1", "b": "1", "c": "1"}, map[string]string{"a": "x", "b": "x", "c": "y"}, Scores{(2.0/3 + 2.0/3 + 1.0/3) / 3, 1, 0}},
		{"all apart", map[string]string{"a": "1", "b": "2", "c": "3"}, map[string]string{"a": "x", "b": "x", "c": "y"}, Scores{1, (0.5 + 0.5 + 1) / 3, 0}},
		{"items outside gold ignored", map[string]string{"a": "1", "z": "1"}, map[string]string{"a": "x"}, Scores{1, 1, 1}},
		{"empty", nil, nil, Scores{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BCubed(tt.predicted, tt.gold)
			want := tt.want
			if want.F1 == 0 && want.Precision+want.Recall > 0 {
				want.F1 = 2 * want.Precision * want.Recall / (want.Precision + want.Recall)
			}
			if math.Abs(got.Precision-want.Precision) > 1e-9 || math.Abs(got.Recall-want.Recall) > 1e-9 || math.Abs(got.F1-want.F1) > 1e-9 {
				t.Errorf("BCubed = %+v, want %+v", got, want)
			}
		})
	}
}
