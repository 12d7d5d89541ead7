package emu

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Registers is the processor state a configuration sets, in the reference's
// JSON form: "x0".."x31", "f0".."f31", CSRs by name, and nested "iflags",
// "clint", "plic" and "htif" objects.
type Registers struct {
	X, F                                          [32]uint64
	PC, Fcsr                                      uint64
	Mvendorid, Marchid, Mimpid                    uint64
	Mcycle, Icycleinstret                         uint64
	Mstatus, Mtvec, Mscratch, Mepc, Mcause, Mtval uint64
	Misa, Mie, Mip, Medeleg, Mideleg, Mcounteren  uint64
	Menvcfg                                       uint64
	Stvec, Sscratch, Sepc, Scause, Stval, Satp    uint64
	Scounteren, Senvcfg                           uint64
	Ilrsc, Iprv, Iunrep, Imcyclemax               uint64
	IflagsX, IflagsY, IflagsH                     uint64
	ClintMtimecmp, PlicGirqpend, PlicGirqsrvd     uint64
	HtifTohost, HtifFromhost                      uint64
	HtifIhalt, HtifIconsole, HtifIyield           uint64
}

// DefaultRegisters returns the reset values (machine.md).
func DefaultRegisters() Registers {
	r := Registers{
		PC:           PCInit,
		Mvendorid:    MvendoridInit,
		Marchid:      MarchidInit,
		Mimpid:       MimpidInit,
		Mstatus:      MstatusInit,
		Misa:         MisaInit,
		Ilrsc:        ^uint64(0),
		Iprv:         PrvM,
		Imcyclemax:   ^uint64(0),
		HtifIhalt:    1 << HTIFHaltCmdHalt,
		HtifIconsole: 1 << HTIFConsoleCmdPutchar,
		HtifIyield:   1<<HTIFYieldCmdManual | 1<<HTIFYieldCmdAutomatic,
	}
	r.X[11] = DTBStart
	return r
}

func (r *Registers) fields() map[string]*uint64 {
	m := map[string]*uint64{
		"pc": &r.PC, "fcsr": &r.Fcsr,
		"mvendorid": &r.Mvendorid, "marchid": &r.Marchid, "mimpid": &r.Mimpid,
		"mcycle": &r.Mcycle, "icycleinstret": &r.Icycleinstret,
		"mstatus": &r.Mstatus, "mtvec": &r.Mtvec, "mscratch": &r.Mscratch, "mepc": &r.Mepc,
		"mcause": &r.Mcause, "mtval": &r.Mtval, "misa": &r.Misa, "mie": &r.Mie, "mip": &r.Mip,
		"medeleg": &r.Medeleg, "mideleg": &r.Mideleg, "mcounteren": &r.Mcounteren, "menvcfg": &r.Menvcfg,
		"stvec": &r.Stvec, "sscratch": &r.Sscratch, "sepc": &r.Sepc, "scause": &r.Scause,
		"stval": &r.Stval, "satp": &r.Satp, "scounteren": &r.Scounteren, "senvcfg": &r.Senvcfg,
		"ilrsc": &r.Ilrsc, "iprv": &r.Iprv, "iunrep": &r.Iunrep, "imcyclemax": &r.Imcyclemax,
	}
	for i := range 32 {
		m["x"+strconv.Itoa(i)] = &r.X[i]
		m["f"+strconv.Itoa(i)] = &r.F[i]
	}
	return m
}

func (r *Registers) groups() map[string]map[string]*uint64 {
	return map[string]map[string]*uint64{
		"iflags": {"X": &r.IflagsX, "Y": &r.IflagsY, "H": &r.IflagsH},
		"clint":  {"mtimecmp": &r.ClintMtimecmp},
		"plic":   {"girqpend": &r.PlicGirqpend, "girqsrvd": &r.PlicGirqsrvd},
		"htif": {"tohost": &r.HtifTohost, "fromhost": &r.HtifFromhost, "ihalt": &r.HtifIhalt,
			"iconsole": &r.HtifIconsole, "iyield": &r.HtifIyield},
	}
}

// MarshalJSON writes every register (keys sorted by encoding/json).
func (r Registers) MarshalJSON() ([]byte, error) {
	out := map[string]any{}
	for k, p := range r.fields() {
		out[k] = *p
	}
	for g, fs := range r.groups() {
		sub := map[string]uint64{}
		for k, p := range fs {
			sub[k] = *p
		}
		out[g] = sub
	}
	return json.Marshal(out)
}

// UnmarshalJSON overrides the registers present in the object; absent ones
// keep their current (reset) values. Unknown names are errors.
func (r *Registers) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("registers: %w", err)
	}
	fields, groups := r.fields(), r.groups()
	for k, v := range raw {
		if p, ok := fields[k]; ok {
			if err := json.Unmarshal(v, p); err != nil {
				return fmt.Errorf("registers.%s: %w", k, err)
			}
			continue
		}
		g, ok := groups[k]
		if !ok {
			return fmt.Errorf("registers: unknown register %q", k)
		}
		var sub map[string]json.RawMessage
		if err := json.Unmarshal(v, &sub); err != nil {
			return fmt.Errorf("registers.%s: %w", k, err)
		}
		for sk, sv := range sub {
			p, ok := g[sk]
			if !ok {
				return fmt.Errorf("registers.%s: unknown register %q", k, sk)
			}
			if err := json.Unmarshal(sv, p); err != nil {
				return fmt.Errorf("registers.%s.%s: %w", k, sk, err)
			}
		}
	}
	return nil
}

// MarshalJSON writes the uarch registers in the reference's form.
func (r UarchRegisters) MarshalJSON() ([]byte, error) {
	out := map[string]uint64{"halt": r.Halt, "cycle": r.Cycle, "pc": r.PC}
	for i := range 32 {
		out["x"+strconv.Itoa(i)] = r.X[i]
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads the uarch registers; unknown names are errors.
func (r *UarchRegisters) UnmarshalJSON(data []byte) error {
	var raw map[string]uint64
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("uarch registers: %w", err)
	}
	for k, v := range raw {
		switch k {
		case "halt":
			r.Halt = v
		case "cycle":
			r.Cycle = v
		case "pc":
			r.PC = v
		default:
			i, err := strconv.Atoi(k[min(1, len(k)):])
			if len(k) < 2 || k[0] != 'x' || err != nil || i < 0 || i > 31 || strconv.Itoa(i) != k[1:] {
				return fmt.Errorf("uarch registers: unknown register %q", k)
			}
			r.X[i] = v
		}
	}
	return nil
}
