// Package eval holds the quality measures corroborate's evaluation commands
// report, so that every command computes a measure the same way.
package eval

// Scores are precision, recall and F1, each in [0, 1].
type Scores struct {
	Precision, Recall, F1 float64
}

// BCubed scores a clustering against gold classes: for each item, the share
// of its predicted cluster that shares its gold class (precision) and the
// share of its gold class that shares its predicted cluster (recall),
// averaged over the items both maps hold (Bagga and Baldwin, 1998). Items
// missing from either map are left out.
func BCubed(predicted, gold map[string]string) Scores {
	pred := map[string][]string{}
	for item, c := range predicted {
		if _, ok := gold[item]; ok {
			pred[c] = append(pred[c], item)
		}
	}
	goldSets := map[string]map[string]bool{}
	for item, g := range gold {
		if _, ok := predicted[item]; !ok {
			continue
		}
		if goldSets[g] == nil {
			goldSets[g] = map[string]bool{}
		}
		goldSets[g][item] = true
	}
	var p, r float64
	n := 0
	for _, members := range pred {
		for _, item := range members {
			g := gold[item]
			same := 0
			for _, other := range members {
				if goldSets[g][other] {
					same++
				}
			}
			p += float64(same) / float64(len(members))
			r += float64(same) / float64(len(goldSets[g]))
			n++
		}
	}
	if n == 0 {
		return Scores{}
	}
	s := Scores{Precision: p / float64(n), Recall: r / float64(n)}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}
