"""Generates riscv-tests/src/fp-csr.S."""
import sys
from gen_common import *

# every 32-bit F/D instruction, in assembler syntax (for the FS = Off checks)
ALL_FP = [
    'flw fa0, 0(a0)', 'fsw fa0, 0(a0)', 'fld fa0, 0(a0)', 'fsd fa0, 0(a0)',
    'fmadd.s fa0, fa1, fa2, fa3', 'fmsub.s fa0, fa1, fa2, fa3', 'fnmsub.s fa0, fa1, fa2, fa3',
    'fnmadd.s fa0, fa1, fa2, fa3',
    'fmadd.d fa0, fa1, fa2, fa3', 'fmsub.d fa0, fa1, fa2, fa3', 'fnmsub.d fa0, fa1, fa2, fa3',
    'fnmadd.d fa0, fa1, fa2, fa3',
    'fadd.s fa0, fa1, fa2', 'fsub.s fa0, fa1, fa2', 'fmul.s fa0, fa1, fa2', 'fdiv.s fa0, fa1, fa2',
    'fsqrt.s fa0, fa1',
    'fadd.d fa0, fa1, fa2', 'fsub.d fa0, fa1, fa2', 'fmul.d fa0, fa1, fa2', 'fdiv.d fa0, fa1, fa2',
    'fsqrt.d fa0, fa1',
    'fsgnj.s fa0, fa1, fa2', 'fsgnjn.s fa0, fa1, fa2', 'fsgnjx.s fa0, fa1, fa2',
    'fsgnj.d fa0, fa1, fa2', 'fsgnjn.d fa0, fa1, fa2', 'fsgnjx.d fa0, fa1, fa2',
    'fmin.s fa0, fa1, fa2', 'fmax.s fa0, fa1, fa2', 'fmin.d fa0, fa1, fa2', 'fmax.d fa0, fa1, fa2',
    'fcvt.w.s a0, fa1', 'fcvt.wu.s a0, fa1', 'fcvt.l.s a0, fa1', 'fcvt.lu.s a0, fa1',
    'fcvt.w.d a0, fa1', 'fcvt.wu.d a0, fa1', 'fcvt.l.d a0, fa1', 'fcvt.lu.d a0, fa1',
    'fcvt.s.w fa0, a1', 'fcvt.s.wu fa0, a1', 'fcvt.s.l fa0, a1', 'fcvt.s.lu fa0, a1',
    'fcvt.d.w fa0, a1', 'fcvt.d.wu fa0, a1', 'fcvt.d.l fa0, a1', 'fcvt.d.lu fa0, a1',
    'fcvt.s.d fa0, fa1', 'fcvt.d.s fa0, fa1',
    'fmv.x.w a0, fa1', 'fmv.w.x fa0, a1', 'fmv.x.d a0, fa1', 'fmv.d.x fa0, a1',
    'feq.s a0, fa1, fa2', 'flt.s a0, fa1, fa2', 'fle.s a0, fa1, fa2',
    'feq.d a0, fa1, fa2', 'flt.d a0, fa1, fa2', 'fle.d a0, fa1, fa2',
    'fclass.s a0, fa1', 'fclass.d a0, fa1',
]
ALL_C = ['c.fld fa0, 0(a0)', 'c.fsd fa0, 0(a0)', 'c.fldsp fa0, 0(sp)', 'c.fsdsp fa0, 0(sp)']
CSR_FORMS = ['csrr a0, fcsr', 'csrw fcsr, a1', 'csrr a0, frm', 'csrw frm, a1', 'csrr a0, fflags', 'csrs fflags, a1',
             'csrc fflags, a1', 'csrrwi a0, fcsr, 0', 'csrrsi a0, frm, 1', 'csrrci a0, fflags, 1',
             'csrrs a0, fcsr, zero', 'csrrc zero, frm, zero']

# rounding-mode instructions as encodings: name -> (builder(rm) -> word)
def op_fp(funct7, rs2=FA2, rs1=FA1, rd=FA0):
    return lambda rm: enc_r(funct7, rs2, rs1, rm, rd, OP_FP)

def r4(opcode, fmt):
    return lambda rm: enc_r4(FA3, fmt, FA2, FA1, rm, FA0, opcode)

RM_INSNS = [
    ('fadd.s', op_fp(0x00)), ('fsub.d', op_fp(0x05)), ('fmul.s', op_fp(0x08)), ('fdiv.d', op_fp(0x0D)),
    ('fsqrt.s', op_fp(0x2C, rs2=0)), ('fsqrt.d', op_fp(0x2D, rs2=0)),
    ('fmadd.s', r4(MADD, 0)), ('fmsub.d', r4(MSUB, 1)), ('fnmsub.s', r4(NMSUB, 0)), ('fnmadd.d', r4(NMADD, 1)),
    ('fcvt.w.s', op_fp(0x60, rs2=0, rd=A0)), ('fcvt.lu.d', op_fp(0x61, rs2=3, rd=A0)),
    ('fcvt.s.w', op_fp(0x68, rs2=0, rs1=A1)), ('fcvt.d.l', op_fp(0x69, rs2=2, rs1=A1)),
    ('fcvt.d.wu', op_fp(0x69, rs2=1, rs1=A1)), ('fcvt.d.w', op_fp(0x69, rs2=0, rs1=A1)),
    ('fcvt.s.d', op_fp(0x20, rs2=1)), ('fcvt.d.s', op_fp(0x21, rs2=0)),
]


def gen():
    p = Prog()
    p.raw('/*')
    p.raw(' * fp-csr: the FP control state. mstatus.FS = Off (its reset value) makes every')
    p.raw(' * F/D instruction (compressed ones included) and every access to fcsr, frm and')
    p.raw(' * fflags an illegal instruction that changes nothing; any non-zero FS reads as')
    p.raw(' * Dirty with SD set, in mstatus and sstatus, and stays so after FP writes; FP')
    p.raw(' * works in S and U with FS on. Rounding modes: DYN takes frm (each of the five),')
    p.raw(' * a static mode overrides frm; rm = 5 or 6, and DYN with frm = 5, 6 or 7, are')
    p.raw(' * illegal for every instruction with a rounding-mode field (the exact')
    p.raw(' * conversions FCVT.D.S, FCVT.D.W[U] included) and change neither the')
    p.raw(' * destination nor fflags, while the instructions without one ignore frm.')
    p.raw(' * fflags: each flag alone, accumulation (flags are ORed in, never cleared by an')
    p.raw(' * instruction), compares and conversions to x0 still raise theirs. Reserved')
    p.raw(' * encodings of the FP opcodes are illegal.')
    p.raw(' *')
    p.raw(' * Expected values: from the specification, and an exact rational-arithmetic')
    p.raw(' * model (Python fractions) for the rounded results.')
    p.raw(' */')
    p.raw('#include "rivet_test.h"')
    p.raw('#include "rivet_fp.h"')
    p.raw('')
    p.raw('/* mstatus with its FS field and SD isolated */')
    p.raw('/* fcsr = v (any value; csrwi takes 5 bits only) */')
    p.raw('#define FCSR_SET(v) li t0, v; csrw fcsr, t0')
    p.raw('#define CHECK_FS_SD(val) csrr t5, mstatus; li t6, MSTATUS_FS | MSTATUS_SD; and t5, t5, t6; CHECK(t5, val)')
    p.raw('')
    p.raw('RVT_CODE_BEGIN')
    p.raw('    .option arch, +d')
    p.raw('')
    p.raw('    /* FS is Off at reset: every FP instruction and FP CSR access is illegal (mtval = the bits) */')
    p.case('CHECK_FS_SD(0)')
    p.raw('    la a0, fpbuf')
    p.raw('    la sp, fpbuf')
    for insn in ALL_FP:
        p.case('ILLEGAL_INSN(%s)' % insn)
    for insn in ALL_C:
        p.case('CASE; TRAP_ILLEGAL_SELF16(.option push; .option rvc; %s; .option pop)' % insn)
    for insn in CSR_FORMS:
        p.case('ILLEGAL_INSN(%s)' % insn)
    p.raw('    la sp, rvt_stack_top')
    p.raw('    /* the illegal instructions changed nothing: registers, fcsr, memory */')
    p.case('li a0, 0x1234; li a1, 0x3ff0000000000000; FP_ON; csrwi fcsr, 0; fmv.d.x fa0, a1; FP_OFF; '
           'TRAP(CAUSE_ILLEGAL_INSN, fmv.x.d a0, fa0); CHECK(a0, 0x1234); TRAP(CAUSE_ILLEGAL_INSN, fadd.d fa0, fa0, fa0); '
           'TRAP(CAUSE_ILLEGAL_INSN, fdiv.d fa0, fa0, fa1); FP_ON; CHECK_F(fa0, 0x3ff0000000000000); CHECK_CSR(fcsr, 0)')
    p.case('FP_OFF; la a0, fpbuf; sd zero, 0(a0); TRAP(CAUSE_ILLEGAL_INSN, fsd fa0, 0(a0)); ld a1, 0(a0); CHECK(a1, 0); CHECK_FS_SD(0)')
    p.raw('    /* FS: any non-zero value reads as Dirty with SD; FP writes keep it so; clearing FS clears SD */')
    p.raw('#ifndef RVT_QEMU /* QEMU: keeps FS = Initial and Clean, and SD only with Dirty */')
    p.case('li a0, MSTATUS_FS_INITIAL; csrs mstatus, a0; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD)')
    p.case('FP_OFF; li a0, 2 << 13; csrs mstatus, a0; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD)')
    p.case('li a1, 0x3f800000; fmv.w.x fa0, a1; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD); fadd.s fa0, fa0, fa0; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD); csrwi fflags, 1; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD)')
    p.case('csrr a0, sstatus; li a1, MSTATUS_FS | MSTATUS_SD; and a0, a0, a1; CHECK(a0, MSTATUS_FS_DIRTY | MSTATUS_SD)')
    p.case('FP_OFF; CHECK_FS_SD(0); csrr a0, sstatus; li a1, MSTATUS_FS | MSTATUS_SD; and a0, a0, a1; CHECK(a0, 0)')
    p.case('li a0, MSTATUS_FS_INITIAL; csrs sstatus, a0; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD); FP_OFF; li a0, MSTATUS_FS; csrs sstatus, a0; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD)')
    p.raw('#endif')
    p.raw('    /* FP in S and U mode: works with FS on, illegal (taken in M) with FS off */')
    p.case('FP_ON; csrwi fcsr, 0; li a1, 0x4000000000000000; fmv.d.x fa1, a1; GO_U; fmul.d fa0, fa1, fa1, rne; fmv.x.d a0, fa0; csrr a2, fflags; GO_M; CHECK(a0, 0x4010000000000000); CHECK(a2, 0)')
    p.case('li a1, 0x3f800000; GO_S; fmv.w.x fa0, a1; fdiv.s fa0, fa0, fa0, rtz; csrr a2, fcsr; GO_M; CHECK_F(fa0, 0xffffffff3f800000); CHECK(a2, 0)')
    p.case('FP_OFF; GO_U; TRAP(CAUSE_ILLEGAL_INSN, fadd.d fa0, fa1, fa1); CHECK_TRAP_FROM(PRV_U); CHECK_TRAP_TVAL(0x02b5f553)')
    p.case('GO_S; TRAP(CAUSE_ILLEGAL_INSN, csrr a0, fflags); CHECK_TRAP_FROM(PRV_S); FP_ON')

    # dynamic rounding
    p.raw('')
    p.raw('    /* DYN rounding takes frm, for each of the five modes; frm and fcsr are kept */')
    ulp24, ulp53 = Fr(2) ** -23, Fr(2) ** -52
    third_d = ('b', M.div(M.bits_of(1, D), M.bits_of(3, D), D, RNE)[0])
    for frm in RMS:
        p.raw('    csrwi frm, %d' % frm)
        t_arith2(p, 'fadd', S, frm, 1, ulp24 / 2, rmtext='dyn')
        t_arith2(p, 'fadd', S, frm, -1, -ulp24 / 2, rmtext='dyn')
        t_arith2(p, 'fsub', D, frm, 1, ulp53 / 4, rmtext='dyn')
        t_arith2(p, 'fmul', S, frm, 'max', 2, rmtext='dyn')
        t_arith2(p, 'fdiv', D, frm, -1, 3, rmtext='dyn')
        t_arith2(p, 'fmul', D, frm, 'minsub', Fr(1, 2), rmtext='dyn')
        t_sqrt(p, S, frm, 2, rmtext='dyn')
        t_sqrt(p, D, frm, 3, rmtext='dyn')
        t_fma(p, 'fmadd', D, frm, 1 + ulp53, 1 + ulp53, -1, rmtext='dyn')
        t_fma(p, 'fnmsub', S, frm, Fr(1, 3 * 2 ** 0) if False else 3, ('b', M.div(M.bits_of(1, S), M.bits_of(3, S), S, RNE)[0]), -1, rmtext='dyn')
        t_arith2(p, 'fadd', S, frm, '0', '-0', rmtext='dyn')
        t_cvt_xf(p, 'w', D, frm, Fr(-5, 2), rmtext='dyn')
        t_cvt_xf(p, 'lu', S, frm, Fr(3, 2), rmtext='dyn')
        t_cvt_xf(p, 'wu', D, frm, Fr(-1, 2), rmtext='dyn')
        t_cvt_fx(p, 'l', S, frm, 2 ** 24 + 1, rmtext='dyn')
        t_cvt_fx(p, 'lu', D, frm, 2 ** 64 - 1, rmtext='dyn')
        t_cvt_sd(p, frm, third_d, rmtext='dyn')
        p.case('CHECK_CSR(frm, %d); CHECK_CSR(fcsr, %d)' % (frm, frm << 5 | M.cvt_f_f(third_d[1], D, S, frm)[1]))
    p.raw('    /* a static rounding mode overrides frm */')
    p.raw('    csrwi frm, 3')
    t_arith2(p, 'fadd', S, RTZ, 1, ulp24 / 2)
    t_arith2(p, 'fdiv', D, RDN, 1, 3)
    t_arith2(p, 'fdiv', D, RNE, 1, 3)
    t_cvt_xf(p, 'l', D, RMM, Fr(-5, 2))
    p.raw('    csrwi frm, 1')
    t_arith2(p, 'fadd', S, RUP, 1, ulp24 / 2)
    t_fma(p, 'fmadd', S, RNE, 'max', 2, 0)
    p.raw('    csrwi frm, 0')

    # invalid rounding modes
    p.raw('')
    p.raw('    /* static rm = 5 or 6: illegal instruction; the destination and fflags do not change */')
    for name, build in RM_INSNS:
        for rm in (5, 6):
            w = build(rm)
            p.case('li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(%s) /* %s, rm = %d */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)' % (hx(w), name, rm))
    p.raw('    /* the same instructions with valid static modes (the exact FCVT.D.* accept any of the five) */')
    for name, build in RM_INSNS:
        for rm in (1, 4):
            w = build(rm)
            p.case('FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word %s) /* %s, rm = %d */' % (hx(w), name, rm))
    p.raw('    /* DYN with frm = 5, 6 or 7: illegal; with a valid frm the same words run */')
    for frm in (5, 6, 7):
        for name, build in RM_INSNS:
            w = build(7)
            p.case('li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((%d << 5) | 0x4); ILLEGAL32(%s) /* %s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (%d << 5) | 0x4)' % (frm, hx(w), name, frm))
    for name, build in RM_INSNS:
        p.case('FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word %s) /* %s, dyn */' % (hx(build(7)), name))
    p.raw('    /* instructions without a rounding mode ignore an invalid frm */')
    p.raw('    FCSR_SET(7 << 5)')
    p.raw('    la a0, fpbuf')
    for insn in ['flw fa0, 0(a0)', 'fsw fa0, 0(a0)', 'fld fa0, 0(a0)', 'fsd fa0, 0(a0)', 'fsgnj.s fa0, fa1, fa2',
                 'fsgnjn.d fa0, fa1, fa2', 'fsgnjx.s fa0, fa1, fa2', 'fmin.s fa0, fa1, fa2', 'fmax.d fa0, fa1, fa2',
                 'feq.s a1, fa1, fa2', 'flt.d a1, fa1, fa2', 'fle.s a1, fa1, fa2', 'fclass.d a1, fa1',
                 'fmv.x.w a1, fa1', 'fmv.w.x fa0, a1', 'fmv.x.d a1, fa1', 'fmv.d.x fa0, a1']:
        p.case('CASE; NO_TRAP(%s)' % insn)
    p.case('CASE; NO_TRAP(.option push; .option rvc; c.fld fa0, 8(a0); c.fsd fa0, 8(a0); .option pop)')
    p.raw('    /* frm is unchanged; the only flag is NV from fle.s on the (unboxed, so NaN) operands */')
    p.case('CASE; CHECK_CSR(fcsr, (7 << 5) | 0x10)')
    p.raw('    csrwi fcsr, 0')

    # flags
    p.raw('')
    p.raw('    /* each flag alone (UF and OF come with NX), then accumulation */')
    t_sqrt(p, D, RNE, -1)
    t_arith2(p, 'fdiv', S, RNE, 1, '0')
    t_arith2(p, 'fmul', D, RNE, 'max', 'max')
    t_arith2(p, 'fmul', S, RNE, 'minnorm', Fr(1, 3) if False else ('b', M.div(M.bits_of(1, S), M.bits_of(3, S), S, RNE)[0]))
    t_arith2(p, 'fdiv', D, RNE, 1, 3)
    p.case('CASE; csrwi fcsr, 0; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; li a2, 0x4008000000000000; fmv.d.x fa2, a2; '
           'fdiv.d fa0, fa1, fa2; CHECK_CSR(fflags, 0x01); fdiv.d fa0, fa1, fa2; CHECK_CSR(fflags, 0x01); '
           'fmv.d.x fa3, zero; fdiv.d fa0, fa1, fa3; CHECK_CSR(fflags, 0x09); fdiv.d fa0, fa3, fa3; CHECK_CSR(fflags, 0x19); '
           'fadd.d fa0, fa1, fa1; CHECK_CSR(fflags, 0x19); fsqrt.d fa0, fa1; CHECK_CSR(fcsr, 0x19)')
    p.case('CASE; FCSR_SET((2 << 5) | 0x10); li a1, 0x7f7fffff; fmv.w.x fa1, a1; fmul.s fa0, fa1, fa1; CHECK_CSR(fcsr, (2 << 5) | 0x15); '
           'CHECK_F(fa0, 0xffffffff7f7fffff); li a1, 0x00800000; fmv.w.x fa1, a1; li a2, 0x3f000001; fmv.w.x fa2, a2; '
           'fmul.s fa0, fa1, fa2; CHECK_CSR(fcsr, (2 << 5) | 0x17); CHECK_F(fa0, 0xffffffff00400000)')
    p.case('CASE; csrwi fcsr, 0x08; li a1, 0x7ff4000000000000; fmv.d.x fa1, a1; feq.d a0, fa1, fa1; CHECK(a0, 0); CHECK_CSR(fcsr, 0x18)')
    p.case('CASE; csrwi fcsr, 0; li a1, 0x7ff8000000000000; fmv.d.x fa1, a1; feq.d a0, fa1, fa1; CHECK_CSR(fflags, 0); flt.d a0, fa1, fa1; CHECK_CSR(fflags, 0x10)')
    p.case('CASE; csrwi fcsr, 0; li a1, 0x7ff8000000000000; fmv.d.x fa1, a1; fle.d zero, fa1, fa1; CHECK_CSR(fflags, 0x10); CHECK(zero, 0)')
    p.case('CASE; csrwi fcsr, 0; li a1, 0xffffffff7f800001; fmv.d.x fa1, a1; flt.s x0, fa1, fa1; CHECK_CSR(fflags, 0x10); fclass.s x0, fa1; CHECK(x0, 0)')
    p.case('CASE; csrwi fcsr, 0x1f; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fadd.d fa0, fa1, fa1; fmin.d fa0, fa1, fa1; fcvt.l.d a0, fa1; CHECK_CSR(fflags, 0x1f); csrci fflags, 0x1; CHECK_CSR(fcsr, 0x1e)')
    p.case('CASE; csrwi fcsr, 0; csrsi fflags, 0x4; li a1, 0xbff0000000000000; fmv.d.x fa1, a1; fcvt.wu.d a0, fa1, rtz; CHECK(a0, 0); CHECK_CSR(fflags, 0x14); csrrw a2, fflags, zero; CHECK(a2, 0x14); CHECK_CSR(fcsr, 0)')
    p.raw('    /* flags raised by the instruction before a trap-free CSR read are all visible through fcsr, frm, fflags */')
    p.case('CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, zero; fdiv.d fa0, fa1, fa2; csrr a0, fcsr; CHECK(a0, (4 << 5) | 0x08); csrr a0, frm; CHECK(a0, 4); csrr a0, fflags; CHECK(a0, 0x08)')
    p.raw('    csrwi fcsr, 0')

    # reserved encodings
    p.raw('')
    p.raw('    /* reserved encodings in the FP opcodes (FS on) */')
    res = [
        (enc_r(0x02, FA2, FA1, 0, FA0, OP_FP), 'OP-FP fmt = H (Zfh fadd.h)'),
        (enc_r(0x03, FA2, FA1, 0, FA0, OP_FP), 'OP-FP fmt = Q (fadd.q)'),
        (enc_r4(FA3, 2, FA2, FA1, 0, FA0, MADD), 'fmadd fmt = H'),
        (enc_r4(FA3, 3, FA2, FA1, 0, FA0, NMADD), 'fnmadd fmt = Q'),
        (enc_r(0, 0, A0, 1, FA0, LOAD_FP), 'LOAD-FP width 1 (flh)'),
        (enc_r(0, 0, A0, 4, FA0, LOAD_FP), 'LOAD-FP width 4 (flq)'),
        (enc_r(0, 0, A0, 0, FA0, LOAD_FP), 'LOAD-FP width 0 (vector)'),
        (enc_r(0, FA0, A0, 1, 0, STORE_FP), 'STORE-FP width 1 (fsh)'),
        (enc_r(0, FA0, A0, 4, 0, STORE_FP), 'STORE-FP width 4 (fsq)'),
        (enc_r(0x10, FA2, FA1, 3, FA0, OP_FP), 'fsgnj.s funct3 = 3'),
        (enc_r(0x11, FA2, FA1, 7, FA0, OP_FP), 'fsgnj.d funct3 = 7'),
        (enc_r(0x14, FA2, FA1, 2, FA0, OP_FP), 'fmin.s funct3 = 2'),
        (enc_r(0x15, FA2, FA1, 3, FA0, OP_FP), 'fmax.d funct3 = 3'),
        (enc_r(0x50, FA2, FA1, 3, A0, OP_FP), 'feq.s funct3 = 3'),
        (enc_r(0x51, FA2, FA1, 7, A0, OP_FP), 'fcmp.d funct3 = 7'),
        (enc_r(0x2C, 1, FA1, 0, FA0, OP_FP), 'fsqrt.s rs2 = 1'),
        (enc_r(0x2D, 0x10, FA1, 0, FA0, OP_FP), 'fsqrt.d rs2 = 16'),
        (enc_r(0x60, 4, FA1, 0, A0, OP_FP), 'fcvt.?.s rs2 = 4'),
        (enc_r(0x61, 5, FA1, 0, A0, OP_FP), 'fcvt.?.d rs2 = 5'),
        (enc_r(0x68, 4, A1, 0, FA0, OP_FP), 'fcvt.s.? rs2 = 4'),
        (enc_r(0x69, 8, A1, 0, FA0, OP_FP), 'fcvt.d.? rs2 = 8'),
        (enc_r(0x20, 0, FA1, 0, FA0, OP_FP), 'fcvt.s.s'),
        (enc_r(0x21, 1, FA1, 0, FA0, OP_FP), 'fcvt.d.d'),
        (enc_r(0x20, 3, FA1, 0, FA0, OP_FP), 'fcvt.s.q'),
        (enc_r(0x21, 2, FA1, 0, FA0, OP_FP), 'fcvt.d.h'),
        (enc_r(0x70, 1, FA1, 0, A0, OP_FP), 'fmv.x.w rs2 = 1'),
        (enc_r(0x70, 0, FA1, 2, A0, OP_FP), 'fmv.x.w/fclass.s funct3 = 2'),
        (enc_r(0x71, 0, FA1, 4, A0, OP_FP), 'fmv.x.d/fclass.d funct3 = 4'),
        (enc_r(0x71, 2, FA1, 1, A0, OP_FP), 'fclass.d rs2 = 2'),
        (enc_r(0x78, 0, A1, 1, FA0, OP_FP), 'fmv.w.x funct3 = 1'),
        (enc_r(0x79, 3, A1, 0, FA0, OP_FP), 'fmv.d.x rs2 = 3'),
        (enc_r(0x7F, FA2, FA1, 0, FA0, OP_FP), 'OP-FP funct7 = 0x7f'),
        (enc_r(0x24, FA2, FA1, 0, FA0, OP_FP), 'OP-FP funct7 = 0x24'),
        (enc_r(0x58, FA2, FA1, 0, FA0, OP_FP), 'OP-FP funct7 = 0x58'),
        (enc_r(0x72, 0, FA1, 0, A0, OP_FP), 'fmv.x.h (Zfh)'),
        (enc_r(0x74, 0, A1, 0, FA0, OP_FP), 'OP-FP funct7 = 0x74'),
    ]
    for w, what in res:
        p.case('ILLEGAL32(%s) /* %s */' % (hx(w), what))

    p.raw('')
    p.raw('    RVT_PASS')
    p.raw('RVT_CODE_END')
    p.raw('')
    p.raw('RVT_DATA_BEGIN')
    p.raw('fpbuf:')
    p.raw('    .dword 0x3ff0000000000000, 0xffffffff3f800000')
    p.raw('    .skip 64')
    p.raw('RVT_DATA_END')
    return p


if __name__ == '__main__':
    p = gen()
    open(sys.argv[1] + '/fp-csr.S', 'w').write(p.text())
    print('fp-csr', p.cases)
