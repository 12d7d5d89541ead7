"""Generates riscv-tests/src/fp-single.S and fp-double.S."""
import sys
from gen_common import *

def values(f):
    ulp = Fr(1, 2 ** (f.p - 1))      # ulp of 1
    h = ulp / 2                      # half an ulp of 1
    one = M.bits_of(1, f)
    third = M.div(one, M.bits_of(3, f), f, RNE)[0]
    tenth = M.div(one, M.bits_of(10, f), f, RNE)[0]
    minnorm = Fr(2) ** f.emin
    top = Fr(2) ** f.emax            # the binade of max
    return dict(ulp=ulp, h=h, third=('b', third), nthird=('b', third ^ f.sign), tenth=('b', tenth),
                minnorm=minnorm, top=top,
                qnanp=('b', f.inf | (1 << (f.fbits - 1)) | 0x123),      # quiet NaN with a payload
                nqnan=('b', f.sign | f.qnan),                            # negative quiet NaN
                snanp=('b', f.inf | 0x55),                               # signalling NaN with a payload
                nsnan=('b', f.sign | f.inf | 1))


def gen(f):
    p = Prog()
    V = values(f)
    ulp, h, third, nthird, minnorm, top = V['ulp'], V['h'], V['third'], V['nthird'], V['minnorm'], V['top']
    qnanp, nqnan, snanp, nsnan, tenth = V['qnanp'], V['nqnan'], V['snanp'], V['nsnan'], V['tenth']
    other = 'double' if f is D else 'single'
    P = f.name
    # an improperly boxed single: reads as the canonical NaN (for D: ordinary values)
    unboxed = ('raw', 0x000000003f800000)
    unboxed2 = ('raw', 0x7fffffff40000000)

    p.raw('/*')
    if f is S:
        p.raw(' * fp-single: the F extension\'s single-precision computational instructions,')
        p.raw(' * loads, stores and moves. Every result is checked as the whole 64-bit register')
        p.raw(' * (singles are NaN-boxed) together with the exact fflags it raised, in all five')
        p.raw(' * static rounding modes where rounding matters: exact and inexact results, ties,')
        p.raw(' * overflow (by rounding mode), underflow with tininess detected after rounding')
        p.raw(' * (a result that rounds up to the smallest normal raises UF only when the')
        p.raw(' * unbounded-exponent rounding is tiny), exact subnormal results (no UF), signed')
        p.raw(' * zeros, canonical NaN results, NaN operands (NV for signalling ones, payloads')
        p.raw(' * never propagate), invalid operations, division by zero, the fused')
        p.raw(' * multiply-adds (one rounding; inf * 0 + qNaN raises NV), sign injection')
        p.raw(' * (NaNs kept, not canonicalized), FMIN/FMAX (IEEE 754-2019 minimumNumber/')
        p.raw(' * maximumNumber, -0 < +0, sNaN raises NV), FEQ (quiet) vs FLT/FLE (signalling),')
        p.raw(' * FCLASS of every class. NaN-boxing: an operand whose upper 32 bits are not all')
        p.raw(' * ones reads as the canonical NaN (for every operation and FCLASS); FLW and')
        p.raw(' * FMV.W.X box; FSW and FMV.X.W use the low 32 bits as they are.')
    else:
        p.raw(' * fp-double: the D extension\'s double-precision computational instructions,')
        p.raw(' * loads, stores and moves, and the compressed FP loads/stores (c.fld, c.fsd,')
        p.raw(' * c.fldsp, c.fsdsp). The same checks as fp-single: results and exact fflags in')
        p.raw(' * all five static rounding modes, overflow, underflow with tininess after')
        p.raw(' * rounding, exact subnormals, signed zeros, canonical NaNs, signalling NaNs,')
        p.raw(' * invalid operations, division by zero, fused multiply-adds, sign injection,')
        p.raw(' * FMIN/FMAX, FEQ vs FLT/FLE, FCLASS; 64-bit moves keep every bit.')
    p.raw(' *')
    p.raw(' * Expected values were computed independently with an exact rational-arithmetic')
    p.raw(' * model of the RISC-V F/D rules (Python fractions; rounding with an unbounded')
    p.raw(' * exponent decides overflow and tininess), cross-checked against the host FPU')
    p.raw(' * (fesetround/fetestexcept) for every case the host can express.')
    p.raw(' */')
    p.code_begin()

    # ---------------- add / sub ----------------
    p.raw('    /* f%s.%s: exact results */' % ('add', P))
    for a, b in [(1, 2), (Fr(3, 2), Fr(-5, 4)), (-7, 3), ('minsub', 'minsub'), ('maxsub', 'minsub'),
                 (minnorm, -minnorm / 2), ('max', '-max'), (1, '-0'), ('-0', 5)]:
        t_arith2(p, 'fadd', f, RNE, a, b)
    p.raw('    /* rounding in every mode: ties, quarter ulps, negative values, inexact sums */')
    for a, b in [(1, h), (-1, -h), (1, 3 * h), (1, h / 2), (-1, -h / 2), (1, -h / 2), (third, 1), (nthird, -1),
                 (third, tenth)]:
        for rm in RMS:
            t_arith2(p, 'fadd', f, rm, a, b)
    p.raw('    /* signed zeros: x + (-x) and +0 + -0 are +0, or -0 when rounding down; -0 + -0 = -0 */')
    for a, b in [('0', '-0'), ('-0', '0'), ('-0', '-0'), ('0', '0'), (3, -3), (minnorm, -minnorm)]:
        for rm in (RNE, RTZ, RDN, RUP):
            t_arith2(p, 'fadd', f, rm, a, b)
    p.raw('    /* infinities, invalid inf - inf, NaN operands (canonical NaN, NV only for sNaN) */')
    for a, b in [('inf', 1), ('-inf', '-max'), ('inf', 'inf'), ('inf', '-inf'), ('-inf', 'inf'), ('qnan', 1),
                 (1, qnanp), (nqnan, '-inf'), ('snan', 1), (1, snanp), (nsnan, 'qnan'), ('qnan', 'qnan'),
                 (snanp, '-inf')]:
        t_arith2(p, 'fadd', f, RNE, a, b)
    p.raw('    /* overflow: infinity or the largest finite number, by rounding mode and sign */')
    for a, b in [('max', 'max'), ('-max', '-max'), ('max', top * h), ('-max', -top * h), ('max', top * h / 2)]:
        for rm in RMS:
            t_arith2(p, 'fadd', f, rm, a, b)
    p.raw('    /* a subnormal sum is always exact: no UF, no NX */')
    for a, b in [('minnorm', '-minsub'), ('maxsub', '-maxsub'), ('minsub', '-0'), ('-minsub', '-minsub')]:
        t_arith2(p, 'fadd', f, RNE, a, b)

    p.raw('    /* f%s.%s */' % ('sub', P))
    for a, b in [(3, 1), (1, 3), (Fr(1, 2), Fr(1, 4)), ('inf', 'inf'), ('-inf', 'inf'), ('inf', '-inf'),
                 ('qnan', 0), (0, 'snan'), ('minnorm', 'minsub'), ('0', '0'), ('-0', '0'), ('-0', '-0')]:
        t_arith2(p, 'fsub', f, RNE, a, b)
    for a, b in [(1, h / 2), (-1, h / 2), (1, third), (third, 1), (2, 3 * h), ('-max', 'max'), (5, 5)]:
        for rm in RMS:
            t_arith2(p, 'fsub', f, rm, a, b)

    # ---------------- mul ----------------
    p.raw('    /* f%s.%s */' % ('mul', P))
    for a, b in [(2, 3), (Fr(-3, 2), Fr(5, 2)), ('-0', 5), ('-0', '-0'), ('0', '-max'), ('inf', 2), ('-inf', 'inf'),
                 ('inf', '0'), ('-0', '-inf'), ('qnan', 0), ('qnan', 'inf'), (0, 'snan'), ('snan', 'inf'),
                 (nsnan, nqnan), ('minnorm', Fr(1, 2)), ('maxsub', 2), ('minsub', Fr(2 ** (f.p + 10)))]:
        t_arith2(p, 'fmul', f, RNE, a, b)
    p.raw('    /* rounding, overflow and underflow in every mode (tininess after rounding:')
    p.raw('     * (1 - 2^-p) * 2^emin is tiny, so UF is set even where it rounds to 2^emin) */')
    for a, b in [(1 + ulp, 1 + ulp), (third, 3), (nthird, 3), (tenth, 10), ('max', 2), ('-max', 2), ('max', 1 + ulp),
                 ('minsub', Fr(1, 2)), ('-minsub', Fr(1, 2)), ('minsub', Fr(3, 4)), (1 - h, 'minnorm'),
                 (-(1 - h), 'minnorm'), ('minnorm', 1 - ulp), ('maxsub', Fr(1, 2))]:
        for rm in RMS:
            t_arith2(p, 'fmul', f, rm, a, b)

    # ---------------- div ----------------
    p.raw('    /* f%s.%s */' % ('div', P))
    for a, b in [(6, 3), (-1, 4), (1, '0'), (-1, '0'), (1, '-0'), ('max', '-0'), ('0', '0'), ('-0', '0'),
                 ('inf', 'inf'), ('inf', '-0'), ('-inf', 3), ('0', 'inf'), (1, '-inf'), ('0', 5), ('-0', 5),
                 ('qnan', '0'), ('snan', 1), (1, 'snan'), ('qnan', 'qnan'), ('minsub', 'max'),
                 ('max', 'minsub')]:
        t_arith2(p, 'fdiv', f, RNE, a, b)
    for a, b in [(1, 3), (-1, 3), (2, 3), (1, 10), (-7, 10), ('max', Fr(1, 2)), ('minnorm', 3), ('minnorm', -3),
                 ('minsub', 2), ('minnorm', 1 + ulp)]:
        for rm in RMS:
            t_arith2(p, 'fdiv', f, rm, a, b)

    # ---------------- sqrt ----------------
    p.raw('    /* fsqrt.%s */' % P)
    for a in [4, Fr(1, 4), 1, '0', '-0', 'inf', '-inf', -1, '-minsub', 'qnan', 'snan', nqnan, 'minnorm',
              Fr(2) ** (f.emin - f.fbits + 1)]:
        t_sqrt(p, f, RNE, a)
    for a in [2, 3, Fr(1, 2), 'max', 'minsub', 'maxsub', 1 + ulp, 1 - h]:
        for rm in RMS:
            t_sqrt(p, f, rm, a)

    # ---------------- fused multiply-add ----------------
    p.raw('    /* fused multiply-adds: one rounding of a * b + c with the signs of the variant:')
    p.raw('     * fmadd a*b+c, fmsub a*b-c, fnmsub -(a*b)+c, fnmadd -(a*b)-c */')
    e2 = Fr(2) ** (-((f.p + 1) // 2))
    fused = [(1, 2, 3), (1 + ulp, 1 + ulp, -1), (1 + e2, 1 + e2, -(1 + 2 * e2)), (third, 3, -1), (tenth, 10, -1),
             ('max', 2, '-max'), (Fr(-1, 2 ** (f.p + 1)), 'minnorm', 'minnorm')]
    for op in ('fmadd', 'fmsub', 'fnmsub', 'fnmadd'):
        for a, b, c in fused:
            for rm in RMS:
                t_fma(p, op, f, rm, a, b, c)
    p.raw('    /* fused: specials, signed zeros, NaNs; inf * 0 raises NV even with a quiet NaN addend */')
    for op in ('fmadd', 'fmsub', 'fnmsub', 'fnmadd'):
        for a, b, c in [('0', 1, '0'), ('0', 1, '-0'), ('-0', 1, '-0'), ('-0', 1, '0'), (2, -3, 6),
                        ('inf', 1, '-inf'), ('inf', 1, 'inf'), ('inf', '0', 1), ('0', '-inf', 'qnan'),
                        ('inf', '0', 'snan'), ('qnan', 1, 1), (1, 'snan', 1), (1, 1, 'snan'), (1, 1, 'qnan'),
                        ('inf', 2, 'max'), ('max', 2, 0), ('minsub', Fr(1, 2), '-0'), ('minnorm', Fr(1, 2), '0')]:
            t_fma(p, op, f, RNE, a, b, c)
        for a, b, c in [('0', 1, '-0'), (3, 2, 6), (2, 3, -6)]:
            t_fma(p, op, f, RDN, a, b, c)

    # ---------------- sign injection ----------------
    p.raw('    /* sign injection: bit operations, NaNs kept as they are (no NV, no canonical NaN) */')
    for op in ('fsgnj', 'fsgnjn', 'fsgnjx'):
        for a, b in [(1, 2), (1, -2), (-1, 2), (-1, -2), ('0', '-0'), ('-inf', 1), ('qnan', -1), (snanp, -1),
                     (nsnan, 1), (3, 'snan'), (-3, nqnan)]:
            t_norm2(p, op, f, a, b)

    # ---------------- min / max ----------------
    p.raw('    /* fmin/fmax: minimumNumber/maximumNumber, -0 < +0, a NaN operand gives the other one,')
    p.raw('     * two NaNs the canonical NaN, NV only for signalling NaNs */')
    for op in ('fmin', 'fmax'):
        for a, b in [(1, 2), (2, 1), (-1, 1), (-3, -2), ('-0', '0'), ('0', '-0'), ('-0', '-0'), ('-inf', 'inf'),
                     ('minsub', '-minsub'), ('max', 'inf'), ('qnan', 1), (1, 'qnan'), (nqnan, -1), ('snan', 1),
                     (1, snanp), ('qnan', 'qnan'), ('snan', 'qnan'), (qnanp, nsnan), ('-inf', 'qnan')]:
            t_norm2(p, op, f, a, b)

    # ---------------- compares ----------------
    p.raw('    /* feq is quiet (NV only for signalling NaNs); flt and fle signal on any NaN */')
    for op in ('feq', 'flt', 'fle'):
        for a, b in [(1, 1), (1, 2), (2, 1), (-1, -2), ('-0', '0'), ('0', '-0'), ('-inf', 'inf'), ('inf', 'inf'),
                     ('minsub', '0'), ('-minsub', '-0'), ('max', 'inf'), ('qnan', 1), (1, 'qnan'), ('qnan', 'qnan'),
                     ('snan', 1), (1, nsnan), (snanp, 'snan')]:
            t_cmp(p, op, f, a, b)

    # ---------------- fclass ----------------
    p.raw('    /* fclass: one bit per class */')
    for a in ['-inf', '-max', -1, '-minnorm', '-maxsub', '-minsub', '-0', '0', 'minsub', 'maxsub', 'minnorm', 1,
              'max', 'inf', 'snan', nsnan, snanp, 'qnan', nqnan, qnanp]:
        t_class(p, f, a)

    # ---------------- rd aliasing ----------------
    p.raw('    /* the destination may be a source: fneg/fabs/fmv forms, rd = rs1, rd = rs3 */')
    one, two, m3 = reg(1, f), reg(2, f), reg(-3, f)
    r = fres(M.add(val(1, f), val(2, f), f, RNE)[0], f)
    p.case('FP_CASE; FP_IN2(%s, %s); fadd.%s fa1, fa1, fa2, rne; CHECK_F(fa1, %s); CHECK_F(fa2, %s)' % (hx(one), hx(two), P, hx(r), hx(two)))
    r = fres(M.sub(val(1, f), val(2, f), f, RNE)[0], f)
    p.case('FP_CASE; FP_IN2(%s, %s); fsub.%s fa2, fa1, fa2, rne; CHECK_F(fa2, %s); CHECK_F(fa1, %s)' % (hx(one), hx(two), P, hx(r), hx(one)))
    r = fres(M.mul(val(-3, f), val(-3, f), f, RNE)[0], f)
    p.case('FP_CASE; FP_IN1(%s); fmul.%s fa1, fa1, fa1, rne; CHECK_F(fa1, %s)' % (hx(m3), P, hx(r)))
    r = fres(M.fma(val(2, f), val(-3, f), val(1, f), f, RNE)[0], f)
    p.case('FP_CASE; FP_IN3(%s, %s, %s); fmadd.%s fa3, fa1, fa2, fa3, rne; CHECK_F(fa3, %s)' % (hx(two), hx(m3), hx(one), P, hx(r)))
    p.case('FP_CASE; FP_IN1(%s); fsgnjn.%s fa0, fa1, fa1; CHECK_F(fa0, %s); fsgnjx.%s fa0, fa0, fa0; CHECK_F(fa0, %s); fsgnj.%s fa2, fa1, fa1; CHECK_F(fa2, %s)'
           % (hx(m3), P, hx(reg(3, f)), P, hx(reg(3, f)), P, hx(m3)))
    p.case('FP_CASE; FP_IN1(%s); fsgnjx.%s fa1, fa1, fa1; CHECK_F(fa1, %s); CHECK_FFLAGS(0)' % (hx(m3), P, hx(reg(3, f))))

    if f is S:
        gen_single_extra(p, V)
    else:
        gen_double_extra(p, V)
    p.raw('')
    p.raw('    RVT_PASS')
    p.raw('RVT_CODE_END')
    p.raw('')
    p.raw('RVT_DATA_BEGIN')
    if f is S:
        p.raw('fpdata:')
        p.raw('    .word 0xbf800000, 0x7f800001, 0x00000001, 0x7fc12345')
        p.raw('    .word 0x3f800000, 0xff800000, 0x80000000, 0x12345678')
        p.raw('    .balign 16')
        p.raw('fpbuf:')
        p.raw('    .skip 64')
    else:
        p.raw('fpdata:')
        p.raw('    .dword 0xbff0000000000000, 0x7ff0000000000001, 0x0000000000000001, 0x7ff8000000012345')
        p.raw('    .dword 0x3ff0000000000000, 0xfff0000000000000, 0x8000000000000000, 0x123456789abcdef0')
        p.raw('    .skip 256 - 64')
        p.raw('    .dword 0x0123456789abcdef   /* fpdata + 256 */')
        p.raw('    .skip 504 - 264')
        p.raw('    .dword 0xfedcba9876543210   /* fpdata + 504 */')
        p.raw('    .balign 16')
        p.raw('fpbuf:')
        p.raw('    .skip 512')
    p.raw('RVT_DATA_END')
    return p


def gen_single_extra(p, V):
    p.raw('')
    p.raw('    /* NaN-boxing: an improperly boxed operand reads as the canonical NaN (quiet: no NV) */')
    ub = [('raw', 0x000000003f800000), ('raw', 0x7fffffff40000000), ('raw', 0xfffffffe3f800000),
          ('raw', 0x3ff0000000000000)]
    for u in ub[:3]:
        t_arith2(p, 'fadd', S, RNE, u, 1)
        t_arith2(p, 'fmul', S, RNE, 2, u)
    t_arith2(p, 'fsub', S, RNE, ub[3], ub[3])
    t_arith2(p, 'fdiv', S, RNE, 1, ub[3])
    t_sqrt(p, S, RNE, ub[0])
    t_fma(p, 'fmadd', S, RNE, 1, 1, ub[1])
    t_fma(p, 'fnmadd', S, RNE, ub[2], 1, 1)
    t_fma(p, 'fmadd', S, RNE, 'inf', 0, ub[0])  # inf * 0 with a (canonical) NaN addend: NV
    for op in ('fsgnj', 'fsgnjn', 'fsgnjx'):
        t_norm2(p, op, S, ub[0], -1)
        t_norm2(p, op, S, -1, ub[3])
    for op in ('fmin', 'fmax'):
        t_norm2(p, op, S, ub[0], -5)
        t_norm2(p, op, S, 7, ub[1])
        t_norm2(p, op, S, ub[2], 'snan')
        t_norm2(p, op, S, ub[2], ub[3])
    for op in ('feq', 'flt', 'fle'):
        t_cmp(p, op, S, ub[0], ub[0])
        t_cmp(p, op, S, 1, ub[3])
    for u in ub:
        t_class(p, S, u)
    for kind in ('w', 'l'):
        t_cvt_xf(p, kind, S, RNE, ub[0])
    t_cvt_sd_single = M.cvt_f_f(M.unbox(ub[0][1], S), S, D, RNE)
    p.case('TEST_F1N(fcvt.d.s, %s, %s, %s)' % (hx(t_cvt_sd_single[0]), hx(t_cvt_sd_single[1]), hx(ub[0][1])))

    p.raw('    /* fmv.x.w: the low 32 bits, sign-extended, whatever the boxing; no flags */')
    for r in [0xffffffff3f800000, 0xffffffffbf800000, 0x123456789abcdef0, 0x000000007fc00001, 0xffffffff7f800001,
              0x8000000000000000]:
        lo = r & 0xffffffff
        p.case('TEST_FX1(fmv.x.w, %s, %s)' % (hx(M.sext32(lo)), hx(r)))
    p.raw('    /* fmv.w.x: boxes the low 32 bits of the x register, NaN payloads kept; no flags */')
    for x in [0x3f800000, 0x123456789abcdef0, 0xffffffff7f800001, 0x000000007fc12345, 0x80000000]:
        p.case('TEST_FCVT_FXN(fmv.w.x, %s, 0, %s)' % (hx(M.box(x & 0xffffffff)), hx(x)))
    p.case('FP_CASE; li a1, 0x40490fdb; fmv.w.x fa0, a1; fmv.x.w a0, fa0; CHECK(a0, 0x40490fdb); fmv.w.x fa0, zero; CHECK_F(fa0, 0xffffffff00000000)')
    p.case('FP_CASE; li a0, 0x1234; li a1, 0xffffffffc0000000; fmv.d.x fa1, a1; fmv.x.w zero, fa1; CHECK(a0, 0x1234)')

    p.raw('    /* flw boxes the loaded word (NaNs kept, no flags); fsw stores the low 32 bits as they are */')
    p.case('FP_CASE; la a0, fpdata; flw fa0, 0(a0); CHECK_F(fa0, 0xffffffffbf800000); CHECK_FFLAGS(0)')
    p.case('FP_CASE; la a0, fpdata; flw fa0, 4(a0); CHECK_F(fa0, 0xffffffff7f800001); CHECK_FFLAGS(0)')
    p.case('FP_CASE; la a0, fpdata + 16; flw fa5, -4(a0); CHECK_F(fa5, 0xffffffff7fc12345); flw ft11, 12(a0); CHECK_F(ft11, 0xffffffff12345678)')
    p.case('FP_CASE; la a0, fpdata + 2048; flw fs11, -2040(a0); CHECK_F(fs11, 0xffffffff00000001)')
    p.case('FP_CASE; la a0, fpbuf; li a1, -1; sd a1, 0(a0); li a1, 0x123456789abcdef0; fmv.d.x fa1, a1; fsw fa1, 0(a0); ld a2, 0(a0); CHECK(a2, 0xffffffff9abcdef0); CHECK_FFLAGS(0)')
    p.case('FP_CASE; la a0, fpbuf; sd zero, 8(a0); li a1, 0xffffffff7f800001; fmv.d.x fa1, a1; fsw fa1, 12(a0); ld a2, 8(a0); CHECK(a2, 0x7f80000100000000)')
    p.case('FP_CASE; la a0, fpbuf + 2048; li a1, 0xffffffffc0490fdb; fmv.d.x ft3, a1; fsw ft3, -2048(a0); la a0, fpbuf; lwu a2, 0(a0); CHECK(a2, 0xc0490fdb)')
    p.case('FP_CASE; la a0, fpdata; flw ft0, 16(a0); la a1, fpbuf; fsw ft0, 20(a1); lwu a2, 20(a1); CHECK(a2, 0x3f800000)')
    p.raw('    /* misaligned (trap, not emulated) and unmapped: the register and memory do not change */')
    p.raw('#ifndef RVT_QEMU /* QEMU: performs misaligned FP loads and stores */')
    p.case('li a1, 0x5555; fmv.d.x fa0, a1; la a0, fpdata; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_LOAD, fpdata + 2, flw fa0, 2(a0)); CHECK_F(fa0, 0x5555)')
    p.raw('#endif')
    p.raw('#ifndef RVT_QEMU /* QEMU: performs misaligned FP loads and stores */')
    p.case('la a0, fpbuf; sd zero, 32(a0); li a1, 0xffffffff3f800000; fmv.d.x fa0, a1; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_STORE, fpbuf + 33, fsw fa0, 33(a0)); la a0, fpbuf; ld a2, 32(a0); CHECK(a2, 0)')
    p.raw('#endif')
    p.case('li a1, 0x5555; fmv.d.x fa0, a1; li a0, 0x3000000; TRAP_TVAL(CAUSE_LOAD_ACCESS, 0x3000004, flw fa0, 4(a0)); CHECK_F(fa0, 0x5555)')
    p.case('li a0, 0x3000000; TRAP_TVAL(CAUSE_STORE_ACCESS, 0x3000000, fsw fa0, 0(a0))')
    p.raw('#ifndef RVT_QEMU /* QEMU: performs misaligned FP loads and stores */')
    p.case('li a0, 0x3000000; TRAP_TVAL(CAUSE_MISALIGNED_LOAD, 0x3000001, flw fa0, 1(a0))')
    p.raw('#endif')


def gen_double_extra(p, V):
    p.raw('')
    p.raw('    /* doubles are never unboxed: any 64-bit pattern is a value */')
    t_arith2(p, 'fadd', D, RNE, ('b', 0xffffffff3f800000), 1)
    t_class(p, D, ('b', 0xffffffff3f800000))
    p.raw('    /* fmv.x.d / fmv.d.x move all 64 bits (NaN payloads included); no flags */')
    for r in [0x3ff0000000000000, 0xfff0000000000001, 0x7ff8000000012345, 0x0000000000000001, 0x123456789abcdef0]:
        p.case('TEST_FX1(fmv.x.d, %s, %s)' % (hx(r), hx(r)))
        p.case('TEST_FCVT_FXN(fmv.d.x, %s, 0, %s)' % (hx(r), hx(r)))
    p.case('FP_CASE; li a0, 0x1234; li a1, 0x4000000000000000; fmv.d.x fa1, a1; fmv.x.d zero, fa1; CHECK(a0, 0x1234)')

    p.raw('    /* fld / fsd: all 64 bits, NaN payloads kept, no flags */')
    p.case('FP_CASE; la a0, fpdata; fld fa0, 0(a0); CHECK_F(fa0, 0xbff0000000000000); CHECK_FFLAGS(0)')
    p.case('FP_CASE; la a0, fpdata; fld fa0, 8(a0); CHECK_F(fa0, 0x7ff0000000000001); CHECK_FFLAGS(0)')
    p.case('FP_CASE; la a0, fpdata + 32; fld ft11, -8(a0); CHECK_F(ft11, 0x7ff8000000012345); fld fs0, 24(a0); CHECK_F(fs0, 0x123456789abcdef0)')
    p.case('FP_CASE; la a0, fpdata + 2048; fld fs11, -2032(a0); CHECK_F(fs11, 0x0000000000000001)')
    p.case('FP_CASE; la a0, fpbuf; li a1, 0xfff0000000000001; fmv.d.x fa1, a1; fsd fa1, 8(a0); ld a2, 8(a0); CHECK(a2, 0xfff0000000000001); CHECK_FFLAGS(0)')
    p.case('FP_CASE; la a0, fpbuf + 2048; li a1, 0xffffffff3f800000; fmv.d.x ft3, a1; fsd ft3, -2048(a0); la a0, fpbuf; ld a2, 0(a0); CHECK(a2, 0xffffffff3f800000)')
    p.raw('    /* misaligned (trap, not emulated) and unmapped: the register and memory do not change */')
    p.raw('#ifndef RVT_QEMU /* QEMU: performs misaligned FP loads and stores */')
    p.case('li a1, 0x5555; fmv.d.x fa0, a1; la a0, fpdata; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_LOAD, fpdata + 4, fld fa0, 4(a0)); CHECK_F(fa0, 0x5555)')
    p.raw('#endif')
    p.raw('#ifndef RVT_QEMU /* QEMU: performs misaligned FP loads and stores */')
    p.case('la a0, fpbuf; sd zero, 16(a0); sd zero, 24(a0); li a1, -1; fmv.d.x fa0, a1; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_STORE, fpbuf + 20, fsd fa0, 20(a0)); la a0, fpbuf; ld a2, 16(a0); CHECK(a2, 0); ld a2, 24(a0); CHECK(a2, 0)')
    p.raw('#endif')
    p.case('li a1, 0x5555; fmv.d.x fa0, a1; li a0, 0x3000000; TRAP_TVAL(CAUSE_LOAD_ACCESS, 0x3000008, fld fa0, 8(a0)); CHECK_F(fa0, 0x5555)')
    p.case('li a0, 0x3000000; TRAP_TVAL(CAUSE_STORE_ACCESS, 0x3000010, fsd fa0, 16(a0))')

    p.raw('    /* compressed: c.fld / c.fsd (f8..f15, x8..x15, offsets 0..248), c.fldsp / c.fsdsp (any f, offsets 0..504) */')
    RVC = '.option push; .option rvc; %s; .option pop'
    p.case('FP_CASE; la s0, fpdata; ' + RVC % 'c.fld fa0, 0(s0)' + '; CHECK_F(fa0, 0xbff0000000000000); CHECK_FFLAGS(0)')
    p.case('la a5, fpdata; ' + RVC % 'c.fld fs0, 248(a5)' + '; la a0, fpdata; ld a1, 248(a0); fmv.x.d a2, fs0; CHECK_REG(a1, a2)')
    p.case('la a2, fpdata + 8; ' + RVC % 'c.fld fa5, 8(a2)' + '; CHECK_F(fa5, 0x0000000000000001)')
    p.case('la s1, fpbuf; li a1, 0x7ff0000000000001; fmv.d.x fs1, a1; ' + RVC % 'c.fsd fs1, 0(s1)' + '; ld a2, 0(s1); CHECK(a2, 0x7ff0000000000001)')
    p.case('la a3, fpbuf; li a1, 0x123456789abcdef0; fmv.d.x fa4, a1; ' + RVC % 'c.fsd fa4, 248(a3)' + '; ld a2, 248(a3); CHECK(a2, 0x123456789abcdef0)')
    p.case('la sp, fpdata; ' + RVC % 'c.fldsp ft0, 0(sp)' + '; CHECK_F(ft0, 0xbff0000000000000)')
    p.case('la sp, fpdata; ' + RVC % 'c.fldsp fs11, 504(sp)' + '; CHECK_F(fs11, 0xfedcba9876543210)')
    p.case('la sp, fpdata; ' + RVC % 'c.fldsp ft10, 256(sp)' + '; CHECK_F(ft10, 0x0123456789abcdef)')
    p.case('la sp, fpbuf; li a1, 0xfff8000000000000; fmv.d.x ft9, a1; ' + RVC % 'c.fsdsp ft9, 504(sp)' + '; ld a2, 504(sp); CHECK(a2, 0xfff8000000000000)')
    p.case('la sp, fpbuf; li a1, 0x8000000000000000; fmv.d.x fs5, a1; ' + RVC % 'c.fsdsp fs5, 8(sp)' + '; ld a2, 8(sp); CHECK(a2, 0x8000000000000000)')
    p.raw('#ifndef RVT_QEMU /* QEMU: performs misaligned FP loads and stores */')
    p.case('li a1, 0x5555; fmv.d.x fs0, a1; la s0, fpdata + 4; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_LOAD, fpdata + 12, ' + RVC % 'c.fld fs0, 8(s0)' + '); CHECK_F(fs0, 0x5555)')
    p.raw('#endif')
    p.raw('#ifndef RVT_QEMU /* QEMU: performs misaligned FP loads and stores */')
    p.case('la sp, fpbuf + 2; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_STORE, fpbuf + 18, ' + RVC % 'c.fsdsp fa0, 16(sp)' + ')')
    p.raw('#endif')
    p.case('li sp, 0x3000000; TRAP_TVAL(CAUSE_LOAD_ACCESS, 0x3000008, ' + RVC % 'c.fldsp fa0, 8(sp)' + ')')
    p.case('li s0, 0x3000000; TRAP_TVAL(CAUSE_STORE_ACCESS, 0x3000010, ' + RVC % 'c.fsd fa0, 16(s0)' + ')')
    p.raw('    la sp, rvt_stack_top')


if __name__ == '__main__':
    out = sys.argv[1]
    for f, name in ((S, 'fp-single'), (D, 'fp-double')):
        p = gen(f)
        open('%s/%s.S' % (out, name), 'w').write(p.text())
        print(name, p.cases, 'case lines')
