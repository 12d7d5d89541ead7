"""Generates riscv-tests/src/fp-convert.S."""
import sys
from gen_common import *


def gen():
    p = Prog()
    p.raw('/*')
    p.raw(' * fp-convert: every FCVT of the F and D extensions. To integers (W, WU, L, LU')
    p.raw(' * from S and D): rounding in all five modes, NX for inexact results, the RISC-V')
    p.raw(' * saturation rules with NV (NaN of either sign and +inf give the largest value,')
    p.raw(' * -inf the smallest; out-of-range values, decided after rounding, clip to the')
    p.raw(' * nearest limit; a negative value that rounds to 0 converts to WU/LU with NX')
    p.raw(' * only), and RV64\'s sign extension of the 32-bit W and WU results. From')
    p.raw(' * integers: only the low 32 bits of rs1 for W/WU, rounding in every mode.')
    p.raw(' * Between formats: FCVT.S.D rounds (overflow, underflow with tininess after')
    p.raw(' * rounding, NaNs canonical, sNaN raises NV); FCVT.D.S is exact, and an')
    p.raw(' * improperly boxed single converts as the canonical NaN.')
    p.raw(' *')
    p.raw(' * Expected values were computed independently with an exact rational-arithmetic')
    p.raw(' * model of the RISC-V rules (Python fractions), cross-checked against the host')
    p.raw(' * FPU for the integer-to-float and float-to-float conversions.')
    p.raw(' */')
    p.code_begin()

    for f in (S, D):
        ulp = Fr(1, 2 ** (f.p - 1))
        h = ulp / 2
        P = f.name
        two31, two32, two63, two64 = Fr(2) ** 31, Fr(2) ** 32, Fr(2) ** 63, Fr(2) ** 64
        # the largest value of f below 2^k, and the next value of f beyond -2^k
        below = lambda k: Fr(2) ** k - Fr(2) ** (k - f.p)
        beyond = lambda k: -(Fr(2) ** k + Fr(2) ** (k - f.p + 1))
        rounding = [Fr(1, 2), Fr(-1, 2), Fr(3, 2), Fr(-3, 2), Fr(5, 2), Fr(-5, 2), Fr(1, 4), Fr(-3, 4), Fr(7, 4),
                    Fr(-9, 4), 1 - h, -(1 - h), 'minsub', '-minsub', Fr(1001, 8)]
        if f is D:
            rounding += [two31 - Fr(1, 2), -two31 - Fr(1, 2), two31 - Fr(1, 4), -two31 - Fr(3, 4),
                         two32 - Fr(1, 2), two32 - Fr(3, 4), Fr(2) ** 51 + Fr(1, 2), -(Fr(2) ** 51) - Fr(3, 2)]
        specials = ['0', '-0', 1, -1, 100, -100, 'inf', '-inf', 'qnan', ('b', f.sign | f.qnan), 'snan',
                    ('b', f.sign | f.inf | 1), 'max', '-max', two31, -two31, below(31), beyond(31), two32,
                    below(32), two63, -two63, below(63), beyond(63), two64, below(64), Fr(2) ** 40 + 2 ** 20,
                    -(Fr(2) ** 40) - 2 ** 21]
        if f is D:
            specials += [two31 - 1, -two31 + 1, -two31 - 1, two32 - 1, two32 + 1, Fr(2) ** 53 + 2, -(Fr(2) ** 53) - 2]
        for kind in ('w', 'wu', 'l', 'lu'):
            p.raw('    /* fcvt.%s.%s */' % (kind, P))
            for a in specials:
                t_cvt_xf(p, kind, f, RNE, a)
            for a in rounding:
                for rm in RMS:
                    t_cvt_xf(p, kind, f, rm, a)

    p.raw('    /* rd = x0: the flags are still raised, x0 stays 0 */')
    p.case('FP_CASE; li a1, 0x7ff8000000000000; fmv.d.x fa1, a1; fcvt.w.d zero, fa1, rtz; CHECK(zero, 0); CHECK_FFLAGS(0x10)')
    p.case('FP_CASE; li a1, 0xffffffff3fc00000; fmv.d.x fa1, a1; fcvt.lu.s x0, fa1, rne; CHECK(x0, 0); CHECK_FFLAGS(0x1)')

    # integers to floats
    ints = {
        'w': [0, 1, -1, 0x7fffffff, 0x80000000, 0xffffffff80000000, 2 ** 24 + 1, 2 ** 24 + 3, -(2 ** 24 + 1),
              0x123456780000000f, 0x00000000ffffffff, 0xfffffffe00000002, 0x7ffffff0, -0x7ffffff1, 0x01000003],
        'wu': [0, 1, 0xffffffff, 0x80000000, 0xffffffff80000000, 2 ** 24 + 1, 2 ** 24 + 3, 0x123456780000000f,
               0xffffffffffffffff, 0xfffffff8, 0x01000003, 0xfffffe80],
        'l': [0, 1, -1, 2 ** 63 - 1, -2 ** 63, 2 ** 24 + 1, -(2 ** 24 + 1), 2 ** 53 + 1, 2 ** 53 + 3, -(2 ** 53 + 1),
              0x00000000ffffffff, 0x123456789abcdef0, -0x123456789abcdef0, 2 ** 62 + 2 ** 38 + 1, 0x20000000000003ff],
        'lu': [0, 1, 2 ** 64 - 1, 2 ** 63, 2 ** 63 + 1, 2 ** 24 + 1, 2 ** 53 + 1, 2 ** 53 + 3, 0x123456789abcdef0,
               0xfedcba9876543210, 0xffffff8000000000, 0x8000008000000000, 0xfffffffffffff400],
    }
    for f in (S, D):
        for kind in ('w', 'wu', 'l', 'lu'):
            p.raw('    /* fcvt.%s.%s */' % (f.name, kind))
            for x in ints[kind]:
                width, sg = INT_KINDS[kind]
                xx = x & ((1 << 64) - 1)
                inexact = M.cvt_from_int(xx, f, width, sg, RNE)[1] != 0
                if inexact:
                    for rm in RMS:
                        t_cvt_fx(p, kind, f, rm, xx)
                else:
                    t_cvt_fx(p, kind, f, RNE if not (f is D and kind in ('w', 'wu')) else RNE, xx)
                    if not (f is D and kind in ('w', 'wu')):
                        t_cvt_fx(p, kind, f, RDN, xx)

    # between formats
    p.raw('    /* fcvt.s.d: rounding, overflow, underflow (tininess after rounding), NaNs */')
    e = Fr(2) ** -126
    exact = ['0', '-0', 1, Fr(-3, 2), 'inf', '-inf', 'qnan', ('b', 0xfff8000000000000), ('b', 0x7ff0000000000001),
             ('b', 0xfff4000000000000), ('b', 0x7ff800000000abcd), Fr(2) ** 127 * (2 - Fr(2) ** -23), e, e / 2,
             Fr(2) ** -149, -(Fr(2) ** -149), Fr(2) ** 127]
    for a in exact:
        t_cvt_sd(p, RNE, a)
    rnd = [('b', M.div(M.bits_of(1, D), M.bits_of(3, D), D, RNE)[0]),
           ('b', M.div(M.bits_of(-1, D), M.bits_of(10, D), D, RNE)[0]),
           1 + Fr(2) ** -24, -(1 + Fr(2) ** -24), 1 + Fr(2) ** -24 + Fr(2) ** -50, 1 + 3 * Fr(2) ** -24,
           Fr(2) ** 127 * (2 - Fr(2) ** -24), -(Fr(2) ** 127 * (2 - Fr(2) ** -24)),
           Fr(2) ** 127 * (2 - Fr(2) ** -25), Fr(2) ** 128, 'max', '-max',
           e * (1 - Fr(2) ** -25), e * (1 - Fr(2) ** -24), -e * (1 - Fr(2) ** -25), e * (1 - Fr(2) ** -26),
           e * (1 - 3 * Fr(2) ** -25), Fr(2) ** -150, Fr(2) ** -150 * 3, -(Fr(2) ** -151), 'minsub', '-minsub',
           'minnorm', e * Fr(3, 4) + Fr(2) ** -160]
    for a in rnd:
        for rm in RMS:
            t_cvt_sd(p, rm, a)

    p.raw('    /* fcvt.d.s: exact; NaNs canonical, sNaN raises NV, an unboxed single is the canonical NaN */')
    for a in ['0', '-0', 1, Fr(-3, 2), 'minsub', '-maxsub', 'minnorm', 'max', '-max', 'inf', '-inf', 'qnan',
              'snan', ('b', 0xffc00001), ('b', 0xff800001), Fr(11, 16),
              ('raw', 0x3f800000), ('raw', 0xfff0000000000000), ('raw', 0x7fffffffff800001)]:
        t_cvt_ds(p, a)

    p.raw('')
    p.raw('    RVT_PASS')
    p.raw('RVT_CODE_END')
    p.raw('')
    p.raw('RVT_DATA_BEGIN')
    p.raw('RVT_DATA_END')
    return p


if __name__ == '__main__':
    p = gen()
    open(sys.argv[1] + '/fp-convert.S', 'w').write(p.text())
    print('fp-convert', p.cases)
