package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Markdown renders the results: how they were taken, the table (one row per
// workload and engine), geometric means and the workloads' sizes.
func (r *Results) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Taken %s on %s.\n", r.Started.Format("2006-01-02 15:04 UTC"), r.Machine)
	fmt.Fprintf(&b, "Command: `%s`. Scale %s; %d timed run(s) per engine after %d warm-up(s), engines alternating. "+
		"Times are medians over the timed runs of the whole process (start-up included); "+
		"ratios and MIPS use the %s time. The harness took %.0f s.\n\n",
		r.Command, formatScale(r.ScaleMilli), r.Runs, r.Warmup, metricWords(r.Metric), r.Elapsed.Seconds())
	b.WriteString("Engines:\n")
	for _, e := range r.Engines {
		fmt.Fprintf(&b, "- %s: `%s`", e.Name, e.Command)
		if e.Version != "" {
			fmt.Fprintf(&b, " (%s)", e.Version)
		}
		b.WriteString("\n")
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "- %s\n", s)
	}
	b.WriteString("\n| workload | engine | wall (s) | cpu (s) | spread | guest MIPS | × native | × rivet | result |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|--:|---|\n")
	for i := range r.Workloads {
		w := &r.Workloads[i]
		for _, c := range w.Cells {
			if !c.OK() {
				fmt.Fprintf(&b, "| %s | %s | — | — | — | — | — | — | %s |\n", w.Workload.Name, c.Engine, cellResult(c))
				continue
			}
			fmt.Fprintf(&b, "| %s | %s | %.3f | %.3f | %.0f%% | %s | %s | %s | %s |\n",
				w.Workload.Name, c.Engine, c.Median(metricWall).Seconds(), c.Median(metricCPU).Seconds(),
				100*c.Spread(r.Metric), formatMIPS(w.MIPS(c.Engine, r.Metric)),
				formatRatio(w.Ratio(c.Engine, nativeName, r.Metric)), formatRatio(w.Ratio(c.Engine, rivetName, r.Metric)),
				cellResult(c))
		}
	}
	b.WriteString("\nGeometric means over the workloads where both engines passed:\n\n")
	b.WriteString("| engine | × native | × rivet | workloads |\n|---|--:|--:|--:|\n")
	for _, e := range r.Engines {
		gn, nn := r.GeoMean(e.Name, nativeName)
		gr, nr := r.GeoMean(e.Name, rivetName)
		fmt.Fprintf(&b, "| %s | %s | %s | %d / %d |\n", e.Name, formatRatio(gn), formatRatio(gr), nn, nr)
	}
	b.WriteString("\nWorkloads (guest instructions: rivet's mcycle at this scale, or another cycle-counting engine's where rivet's interpreter failed):\n\n")
	b.WriteString("| workload | what it does at scale 1 | guest instructions | checksum |\n|---|---|--:|---|\n")
	for _, w := range r.Workloads {
		ins := "—"
		if w.Instructions > 0 {
			ins = fmt.Sprintf("%.1fM", float64(w.Instructions)/1e6)
			if w.InstructionsFrom != rivetName {
				ins += " (" + w.InstructionsFrom + ")"
			}
		}
		sum := "—"
		if w.Reference != "" {
			sum = fmt.Sprintf("`%s` (%s)", w.Reference, w.ReferenceFrom)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", w.Workload.Name, w.Workload.What, ins, sum)
	}
	if r.Failed() {
		b.WriteString("\n**FAILED**: at least one engine printed a wrong checksum, failed to run, or passed where a failure was expected.\n")
	}
	return b.String()
}

func cellResult(c *Cell) string {
	switch {
	case c.UnexpectedPass:
		return "ok, but listed as a known failure: remove it from the list"
	case c.OK():
		return "ok"
	case c.KnownFailure:
		return "FAILED (known): " + escapeCell(c.Failure)
	default:
		return "FAILED: " + escapeCell(c.Failure)
	}
}

func escapeCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

func metricWords(m string) string {
	if m == metricCPU {
		return "CPU (user + system)"
	}
	return "wall-clock"
}

func formatScale(milli uint64) string {
	s := fmt.Sprintf("%g", float64(milli)/1000)
	if milli == 1000 {
		s += " (full size)"
	}
	return s
}

func formatRatio(x float64) string {
	switch {
	case math.IsNaN(x):
		return "—"
	case x < 10:
		return fmt.Sprintf("%.2f", x)
	case x < 100:
		return fmt.Sprintf("%.1f", x)
	default:
		return fmt.Sprintf("%.0f", x)
	}
}

func formatMIPS(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	return fmt.Sprintf("%.0f", x)
}

// cellJSON is a cell as results.json records it: times in seconds.
type cellJSON struct {
	*Cell
	WallSeconds []float64 `json:"wall_s"`
	CPUSeconds  []float64 `json:"cpu_s"`
}

func seconds(ds []time.Duration) []float64 {
	out := make([]float64, len(ds))
	for i, d := range ds {
		out[i] = d.Seconds()
	}
	return out
}

// JSON renders the results for machines: every timed run, not only medians.
func (r *Results) JSON() ([]byte, error) {
	type workloadJSON struct {
		WorkloadResult
		Cells []cellJSON `json:"cells"`
	}
	type resultsJSON struct {
		*Results
		ElapsedSeconds float64        `json:"elapsed_s"`
		Workloads      []workloadJSON `json:"workloads"`
	}
	out := resultsJSON{Results: r, ElapsedSeconds: r.Elapsed.Seconds()}
	for _, w := range r.Workloads {
		wj := workloadJSON{WorkloadResult: w}
		for _, c := range w.Cells {
			wj.Cells = append(wj.Cells, cellJSON{Cell: c, WallSeconds: seconds(c.Wall), CPUSeconds: seconds(c.CPU)})
		}
		out.Workloads = append(out.Workloads, wj)
	}
	return json.MarshalIndent(out, "", "  ")
}

// Result file names inside Config.OutDir.
const (
	resultsMarkdown = "results.md"
	resultsJSON     = "results.json"
	resultsChart    = "slowdown.png"
)

// WriteFiles writes results.md, results.json and slowdown.png into dir.
func (r *Results) WriteFiles(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("results directory: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, resultsMarkdown), []byte(r.Markdown()), 0o644); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	js, err := r.JSON()
	if err != nil {
		return fmt.Errorf("results json: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, resultsJSON), append(js, '\n'), 0o644); err != nil {
		return fmt.Errorf("results json: %w", err)
	}
	if err := r.WriteChart(filepath.Join(dir, resultsChart)); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	return nil
}

// README markers: UpdateReadme replaces what lies between them.
const (
	readmeBegin = "<!-- bench-results:begin (written by the harness: --readme; do not edit by hand) -->"
	readmeEnd   = "<!-- bench-results:end -->"
)

// UpdateReadme replaces the results section of a README (between the
// markers) with these results.
func (r *Results) UpdateReadme(path string) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("readme: %w", err)
	}
	updated, err := replaceSection(old, r.Markdown())
	if err != nil {
		return fmt.Errorf("readme %s: %w", path, err)
	}
	return os.WriteFile(path, updated, 0o644)
}

func replaceSection(doc []byte, section string) ([]byte, error) {
	begin := bytes.Index(doc, []byte(readmeBegin))
	end := bytes.Index(doc, []byte(readmeEnd))
	if begin < 0 || end < begin {
		return nil, fmt.Errorf("no section between %q and %q", readmeBegin, readmeEnd)
	}
	var b bytes.Buffer
	b.Write(doc[:begin+len(readmeBegin)])
	b.WriteString("\n")
	b.WriteString(section)
	b.Write(doc[end:])
	return b.Bytes(), nil
}
