package bench

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// WriteChart draws the slowdown of every engine against native code, per
// workload, as grouped bars on a logarithmic axis, to a PNG file. A workload
// that an engine failed (or native did) has no bar for it.
func (r *Results) WriteChart(path string) error {
	var names []string
	for _, w := range r.Workloads {
		names = append(names, w.Workload.Name)
	}
	var engines []string
	for _, e := range r.Engines {
		if e.Name != nativeName {
			engines = append(engines, e.Name)
		}
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Slowdown against native x86-64 (%s time, median; lower is faster)", metricWords(r.Metric))
	p.Y.Label.Text = "× native"
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = timesTicks{}
	p.NominalX(names...)
	p.X.Label.Text = "no bar: the engine failed, or did not run that workload"
	p.Legend.Top = true
	p.Legend.Left = true

	groupWidth := vg.Points(float64(14 * max(len(engines), 1)))
	barWidth := groupWidth / vg.Length(max(len(engines), 1))
	lo, hi := 1.0, 1.0
	for i, e := range engines {
		bars := &logBars{
			width:  barWidth,
			offset: -groupWidth/2 + barWidth*vg.Length(i) + barWidth/2,
			color:  palette(i),
		}
		for j := range r.Workloads {
			x := r.Workloads[j].Ratio(e, nativeName, r.Metric)
			bars.values = append(bars.values, x)
			if !math.IsNaN(x) {
				lo, hi = math.Min(lo, x), math.Max(hi, x)
			}
		}
		p.Add(bars)
		p.Legend.Add(e, bars)
	}
	p.Add(plotter.NewGrid())
	p.X.Min, p.X.Max = -0.5, float64(len(names))-0.5
	// A decade of headroom above the tallest bar keeps the legend clear of the bars.
	p.Y.Min, p.Y.Max = math.Pow(10, math.Floor(math.Log10(lo))), math.Pow(10, math.Ceil(math.Log10(hi))+1)
	width := vg.Points(float64(max(720, len(names)*int(groupWidth.Points()+24))))
	return p.Save(width, 5*vg.Inch, path)
}

// logBars is one engine's bars of a grouped bar chart on a log axis. Each
// bar rises from 1 (as fast as native) to its value; NaN draws no bar.
// (gonum's BarChart starts its bars at 0, which a log axis cannot show.)
type logBars struct {
	values []float64
	width  vg.Length
	offset vg.Length
	color  color.Color
}

func (b *logBars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for i, v := range b.values {
		if math.IsNaN(v) || v <= 0 {
			continue
		}
		x0 := trX(float64(i)) + b.offset - b.width/2
		x1 := x0 + b.width
		y0, y1 := trY(1), trY(v)
		pts := []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}}
		c.FillPolygon(b.color, c.ClipPolygonY(pts))
	}
}

func (b *logBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	ymin, ymax = 1, 1
	for _, v := range b.values {
		if !math.IsNaN(v) && v > 0 {
			ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
		}
	}
	return 0, float64(len(b.values) - 1), ymin, ymax
}

func (b *logBars) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Min.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Min.Y}}
	c.FillPolygon(b.color, c.ClipPolygonY(pts))
}

// timesTicks labels powers of ten as "1×", "10×", ... with unlabelled
// minor ticks between them.
type timesTicks struct{}

func (timesTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for p := math.Floor(math.Log10(lo)); math.Pow(10, p) <= hi; p++ {
		major := math.Pow(10, p)
		ticks = append(ticks, plot.Tick{Value: major, Label: fmt.Sprintf("%g×", major)})
		for m := 2.0; m < 10; m++ {
			if v := m * major; v >= lo && v <= hi {
				ticks = append(ticks, plot.Tick{Value: v})
			}
		}
	}
	return ticks
}

// palette gives the i-th engine's colour (Okabe-Ito, readable by most
// colour-blind readers), repeating after eight.
func palette(i int) color.Color {
	colors := []color.RGBA{
		{0xE6, 0x9F, 0x00, 0xFF}, {0x56, 0xB4, 0xE9, 0xFF}, {0x00, 0x9E, 0x73, 0xFF}, {0xD5, 0x5E, 0x00, 0xFF},
		{0x00, 0x72, 0xB2, 0xFF}, {0xCC, 0x79, 0xA7, 0xFF}, {0xF0, 0xE4, 0x42, 0xFF}, {0x00, 0x00, 0x00, 0xFF},
	}
	return colors[i%len(colors)]
}
