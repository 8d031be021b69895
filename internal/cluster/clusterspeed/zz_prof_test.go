package clusterspeed

import (
	"encoding/gob"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/cluster"
)

func TestProf(t *testing.T) {
	if os.Getenv("PROF") == "" {
		t.Skip()
	}
	n := 60000
	cache := fmt.Sprintf("/tmp/feat%d.gob", n)
	var docs []Doc
	f, err := os.Open(cache)
	if err != nil {
		t.Fatal(err)
	}
	gob.NewDecoder(f).Decode(&docs)
	f.Close()
	c := cluster.NewClusterer(cluster.Options{})
	start := time.Now()
	for i, d := range docs {
		c.Add(d.ID, d.Features)
		if (i+1)%10000 == 0 {
			fmt.Printf("%d: %.0f/s cumulative\n", i+1, float64(i+1)/time.Since(start).Seconds())
		}
	}
}
