package bench

// Workload is one guest program of the suite: guest/workloads/<Name>.c,
// built by the Makefile for every engine.
type Workload struct {
	Name string
	// What describes the work in a few words, for the results table.
	What string
	// FloatingPoint workloads need the F and D extensions.
	FloatingPoint bool
}

// Workloads returns the suite in table order. Sizes live in the C sources
// (each is about 0.5 to 3 s under rivet's interpreter at scale 1).
// TestWorkloadListMatchesSources keeps this list and guest/workloads/ in step.
func Workloads() []Workload {
	return []Workload{
		{Name: "sha256", What: "SHA-256 of a 4 KiB buffer, chained 1000 times"},
		{Name: "crc32", What: "table-driven CRC-32 of 600 x 64 KiB"},
		{Name: "sieve", What: "sieve of Eratosthenes below 4,000,000, 6 times"},
		{Name: "qsort", What: "quicksort of 256Ki 32-bit numbers, 8 times"},
		{Name: "hashtab", What: "open-addressing hash table: 150k inserts, 300k lookups, 12 times"},
		{Name: "bytecode", What: "stack-machine interpreter, 1.2M loop iterations of 26 ops"},
		{Name: "fib", What: "recursive fib(27), 50 times"},
		{Name: "matmul", What: "double 96x96 matrix multiply, 30 times", FloatingPoint: true},
		{Name: "nbody", What: "5-body gravity, 200k steps (double, sqrt)", FloatingPoint: true},
		{Name: "stream", What: "copy/scale/add/triad over 3 x 2 MiB of uint64, 40 times"},
		{Name: "traps", What: "16M ecall/mret round trips (Linux, native: getppid)"},
	}
}
