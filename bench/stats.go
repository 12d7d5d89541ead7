package bench

import (
	"math"
	"slices"
	"time"
)

// median of a set of durations (the mean of the middle two for an even
// count); 0 for none.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// times returns the cell's timed runs for a metric.
func (c *Cell) times(metric string) []time.Duration {
	if metric == metricCPU {
		return c.CPU
	}
	return c.Wall
}

// Median is the cell's median time for a metric ("wall" or "cpu").
func (c *Cell) Median(metric string) time.Duration { return median(c.times(metric)) }

// Spread is (slowest - fastest) / median of the timed runs: how much the
// runs disagree (0 with one run).
func (c *Cell) Spread(metric string) float64 {
	ts := c.times(metric)
	m := median(ts)
	if len(ts) < 2 || m <= 0 {
		return 0
	}
	return float64(slices.Max(ts)-slices.Min(ts)) / float64(m)
}

// cell finds an engine's cell (nil if it did not run this workload).
func (w *WorkloadResult) cell(engine string) *Cell {
	for _, c := range w.Cells {
		if c.Engine == engine {
			return c
		}
	}
	return nil
}

// Ratio is the engine's median time over the base engine's, on this
// workload; NaN unless both passed.
func (w *WorkloadResult) Ratio(engine, base, metric string) float64 {
	c, b := w.cell(engine), w.cell(base)
	if c == nil || b == nil || !c.OK() || !b.OK() {
		return math.NaN()
	}
	cm, bm := c.Median(metric), b.Median(metric)
	if cm <= 0 || bm <= 0 {
		return math.NaN()
	}
	return float64(cm) / float64(bm)
}

// MIPS is the guest's instruction count (rivet's mcycle) over the engine's
// median time, in millions per second; NaN when either is unknown.
func (w *WorkloadResult) MIPS(engine, metric string) float64 {
	c := w.cell(engine)
	if c == nil || !c.OK() || w.Instructions == 0 {
		return math.NaN()
	}
	m := c.Median(metric)
	if m <= 0 {
		return math.NaN()
	}
	return float64(w.Instructions) / m.Seconds() / 1e6
}

// GeoMean is the geometric mean of the engine's ratio to base over the
// workloads where both passed, and how many those are.
func (r *Results) GeoMean(engine, base string) (float64, int) {
	sum, n := 0.0, 0
	for i := range r.Workloads {
		if x := r.Workloads[i].Ratio(engine, base, r.Metric); !math.IsNaN(x) {
			sum += math.Log(x)
			n++
		}
	}
	if n == 0 {
		return math.NaN(), 0
	}
	return math.Exp(sum / float64(n)), n
}
