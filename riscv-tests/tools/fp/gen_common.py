"""Shared helpers of the generators of rivet's FP test programs."""
from fractions import Fraction as Fr
import fpmodel as M
from fpmodel import S, D, RNE, RTZ, RDN, RUP, RMM, RM_NAMES, NV, DZ, OF, UF, NX

RMS = [RNE, RTZ, RDN, RUP, RMM]


class Prog:
    def __init__(self):
        self.lines = []
        self.cases = 0

    def raw(self, s=''):
        self.lines.append(s)

    def case(self, s):
        if not s.startswith(('CASE', 'FP_CASE', 'TEST_', 'ILLEGAL')):
            s = 'CASE; ' + s
        self.lines.append('    ' + s)
        self.cases += 1

    def code_begin(self):
        """The includes and the start of the code: D enabled, FS on, fcsr 0."""
        for s in ('#include "rivet_test.h"', '#include "rivet_fp.h"', '', 'RVT_CODE_BEGIN',
                  '    .option arch, +d', '    FP_ON', '    csrwi fcsr, 0', ''):
            self.raw(s)

    def text(self):
        return '\n'.join(self.lines) + '\n'


def hx(v):
    return '0x%x' % v


def op_bits(x, f):
    """An operand spec -> bits in format f (unboxed): value, named string, or ('b', bits)."""
    if isinstance(x, tuple):
        assert x[0] == 'b'
        return x[1]
    return M.bits_of(x, f)


def reg(x, f):
    """An operand spec -> 64-bit register image; ('raw', v) passes v as is."""
    if isinstance(x, tuple) and x[0] == 'raw':
        return x[1]
    b = op_bits(x, f)
    return M.box(b) if f is S else b


def val(x, f):
    return M.unbox(reg(x, f), f)


def fres(b, f):
    return M.box(b) if f is S else b


# --- F-register result operations ------------------------------------------------
ARITH2 = {'fadd': M.add, 'fsub': M.sub, 'fmul': M.mul, 'fdiv': M.div}
FMA = {'fmadd': M.fma, 'fmsub': M.fmsub, 'fnmsub': M.fnmsub, 'fnmadd': M.fnmadd}
NORM2 = {'fsgnj': lambda a, b, f: (M.sgnj(a, b, f), 0),
         'fsgnjn': lambda a, b, f: (M.sgnjn(a, b, f), 0),
         'fsgnjx': lambda a, b, f: (M.sgnjx(a, b, f), 0),
         'fmin': M.fmin, 'fmax': M.fmax}
CMP = {'feq': M.feq, 'flt': M.flt, 'fle': M.fle}


def rmname(rm):
    return RM_NAMES[rm]


def t_arith2(p, op, f, rm, a, b, rmtext=None):
    r, fl = ARITH2[op](val(a, f), val(b, f), f, rm)
    p.case('TEST_F2(%s.%s, %s, %s, %s, %s, %s)' % (op, f.name, rmtext or rmname(rm), hx(fres(r, f)), hx(fl),
                                                   hx(reg(a, f)), hx(reg(b, f))))


def t_sqrt(p, f, rm, a, rmtext=None):
    r, fl = M.sqrt(val(a, f), f, rm)
    p.case('TEST_F1(fsqrt.%s, %s, %s, %s, %s)' % (f.name, rmtext or rmname(rm), hx(fres(r, f)), hx(fl), hx(reg(a, f))))


def t_fma(p, op, f, rm, a, b, c, rmtext=None):
    r, fl = FMA[op](val(a, f), val(b, f), val(c, f), f, rm)
    p.case('TEST_F3(%s.%s, %s, %s, %s, %s, %s, %s)' % (op, f.name, rmtext or rmname(rm), hx(fres(r, f)), hx(fl),
                                                       hx(reg(a, f)), hx(reg(b, f)), hx(reg(c, f))))


def t_norm2(p, op, f, a, b):
    r, fl = NORM2[op](val(a, f), val(b, f), f)
    p.case('TEST_F2N(%s.%s, %s, %s, %s, %s)' % (op, f.name, hx(fres(r, f)), hx(fl), hx(reg(a, f)), hx(reg(b, f))))


def t_cmp(p, op, f, a, b):
    r, fl = CMP[op](val(a, f), val(b, f), f)
    p.case('TEST_FX2(%s.%s, %s, %s, %s, %s)' % (op, f.name, hx(r), hx(fl), hx(reg(a, f)), hx(reg(b, f))))


def t_class(p, f, a):
    r = M.fclass(val(a, f), f)
    p.case('TEST_FX1(fclass.%s, %s, %s)' % (f.name, hx(r), hx(reg(a, f))))


INT_KINDS = {'w': (32, True), 'wu': (32, False), 'l': (64, True), 'lu': (64, False)}


def t_cvt_xf(p, kind, f, rm, a, rmtext=None):
    width, sg = INT_KINDS[kind]
    r, fl = M.cvt_to_int(val(a, f), f, width, sg, rm)
    p.case('TEST_FCVT_XF(fcvt.%s.%s, %s, %s, %s, %s)' % (kind, f.name, rmtext or rmname(rm), hx(r), hx(fl),
                                                        hx(reg(a, f))))


def t_cvt_fx(p, kind, f, rm, x, rmtext=None):
    width, sg = INT_KINDS[kind]
    x &= (1 << 64) - 1
    r, fl = M.cvt_from_int(x, f, width, sg, rm)
    if f is D and kind in ('w', 'wu'):
        # exact: written without a rounding mode
        assert fl == 0
        p.case('TEST_FCVT_FXN(fcvt.%s.%s, %s, %s, %s)' % (f.name, kind, hx(fres(r, f)), hx(fl), hx(x)))
        return
    p.case('TEST_FCVT_FX(fcvt.%s.%s, %s, %s, %s, %s)' % (f.name, kind, rmtext or rmname(rm), hx(fres(r, f)), hx(fl),
                                                        hx(x)))


def t_cvt_sd(p, rm, a, rmtext=None):
    r, fl = M.cvt_f_f(val(a, D), D, S, rm)
    p.case('TEST_F1(fcvt.s.d, %s, %s, %s, %s)' % (rmtext or rmname(rm), hx(fres(r, S)), hx(fl), hx(reg(a, D))))


def t_cvt_ds(p, a):
    r, fl = M.cvt_f_f(val(a, S), S, D, RNE)
    p.case('TEST_F1N(fcvt.d.s, %s, %s, %s)' % (hx(r), hx(fl), hx(reg(a, S))))


# --- encodings (from the RISC-V unprivileged spec's opcode tables) --------------
def enc_r(funct7, rs2, rs1, funct3, rd, opcode):
    return (funct7 << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode


def enc_r4(rs3, fmt, rs2, rs1, rm, rd, opcode):
    return (rs3 << 27) | (fmt << 25) | (rs2 << 20) | (rs1 << 15) | (rm << 12) | (rd << 7) | opcode


OP_FP, LOAD_FP, STORE_FP = 0x53, 0x07, 0x27
MADD, MSUB, NMSUB, NMADD = 0x43, 0x47, 0x4B, 0x4F
# register numbers
FA0, FA1, FA2, FA3 = 10, 11, 12, 13
A0, A1 = 10, 11
