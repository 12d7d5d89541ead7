package emu

// Test-only views of internals for the external test package.

// RangeBytes returns the live bytes of every hashed range, keyed by name.
func (m *Machine) RangeBytes() map[string][]byte {
	out := map[string][]byte{}
	for _, r := range m.ranges {
		if r.hashed {
			out[r.name] = r.data
		}
	}
	return out
}
