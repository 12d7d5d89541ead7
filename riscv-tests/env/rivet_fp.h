/*
 * rivet_fp.h - checking macros for the F and D test programs (include after
 * rivet_test.h; the program enables the extensions with `.option arch, +d`).
 *
 * Operands are given as 64-bit register images and loaded with fmv.d.x, so a
 * single-precision operand is written NaN-boxed (0xffffffff_xxxxxxxx) and a
 * case can also pass an improperly boxed one. Results in f registers are read
 * back whole with fmv.x.d, which checks the boxing of single results too.
 *
 * Registers: fa1..fa3 hold the operands (images in a1..a3), fa0 or a0 the
 * result. Each case clears fflags first and checks it afterwards, so the
 * flags expected are exactly those the one instruction raised. frm is left
 * as the program set it (0, RNE, unless a case says otherwise).
 */
#ifndef RIVET_FP_H
#define RIVET_FP_H

/* mstatus.FS on (the reference keeps any non-zero FS as Dirty) or off */
#define FP_ON li t6, MSTATUS_FS_DIRTY; csrs mstatus, t6
#define FP_OFF li t6, MSTATUS_FS; csrc mstatus, t6

/* opens a case with fflags cleared */
#define FP_CASE CASE; csrwi fflags, 0
/* operand images into fa1, fa2, fa3 */
#define FP_IN1(a) li a1, a; fmv.d.x fa1, a1
#define FP_IN2(a, b) FP_IN1(a); li a2, b; fmv.d.x fa2, a2
#define FP_IN3(a, b, c) FP_IN2(a, b); li a3, c; fmv.d.x fa3, a3
/* fails the case unless the 64-bit image of freg is val */
#define CHECK_F(freg, val) fmv.x.d t5, freg; CHECK(t5, val)
#define CHECK_FFLAGS(flags) CHECK_CSR(fflags, flags)

/* fa0 = insn(fa1) / insn(fa1, fa2) / insn(fa1, fa2, fa3), rounding mode rm */
#define TEST_F1(insn, rm, res, flags, a) \
    FP_CASE; FP_IN1(a); insn fa0, fa1, rm; CHECK_F(fa0, res); CHECK_FFLAGS(flags)
#define TEST_F2(insn, rm, res, flags, a, b) \
    FP_CASE; FP_IN2(a, b); insn fa0, fa1, fa2, rm; CHECK_F(fa0, res); CHECK_FFLAGS(flags)
#define TEST_F3(insn, rm, res, flags, a, b, c) \
    FP_CASE; FP_IN3(a, b, c); insn fa0, fa1, fa2, fa3, rm; CHECK_F(fa0, res); CHECK_FFLAGS(flags)
/* fa0 = insn(fa1, fa2) for the instructions without a rounding mode */
#define TEST_F2N(insn, res, flags, a, b) \
    FP_CASE; FP_IN2(a, b); insn fa0, fa1, fa2; CHECK_F(fa0, res); CHECK_FFLAGS(flags)
/* fa0 = insn(fa1) without a rounding mode (fcvt.d.s, written without one) */
#define TEST_F1N(insn, res, flags, a) \
    FP_CASE; FP_IN1(a); insn fa0, fa1; CHECK_F(fa0, res); CHECK_FFLAGS(flags)
/* a0 = insn(fa1, fa2): comparisons */
#define TEST_FX2(insn, res, flags, a, b) \
    FP_CASE; FP_IN2(a, b); insn a0, fa1, fa2; CHECK(a0, res); CHECK_FFLAGS(flags)
/* a0 = insn(fa1): fclass, fmv.x.w, fmv.x.d (never raise flags) */
#define TEST_FX1(insn, res, a) \
    FP_CASE; FP_IN1(a); insn a0, fa1; CHECK(a0, res); CHECK_FFLAGS(0)
/* a0 = insn(fa1) rounded with rm: conversions to integers */
#define TEST_FCVT_XF(insn, rm, res, flags, a) \
    FP_CASE; FP_IN1(a); insn a0, fa1, rm; CHECK(a0, res); CHECK_FFLAGS(flags)
/* fa0 = insn(a1) rounded with rm: conversions from integers */
#define TEST_FCVT_FX(insn, rm, res, flags, x) \
    FP_CASE; li a1, x; insn fa0, a1, rm; CHECK_F(fa0, res); CHECK_FFLAGS(flags)
/* fa0 = insn(a1) without a rounding mode (fcvt.d.w[u], fmv.w.x, fmv.d.x) */
#define TEST_FCVT_FXN(insn, res, flags, x) \
    FP_CASE; li a1, x; insn fa0, a1; CHECK_F(fa0, res); CHECK_FFLAGS(flags)

/* A 16-bit instruction (first of those given) that must raise illegal
 * instruction with mtval = its own 16 bits, read back from memory. */
#define TRAP_ILLEGAL_SELF16(...) TRAP(CAUSE_ILLEGAL_INSN, __VA_ARGS__); \
    la t5, 97b; lhu t5, 0(t5); ld t6, RVT_TVAL(tp); beq t5, t6, 99f; j rvt_fail; 99:

#endif /* RIVET_FP_H */
