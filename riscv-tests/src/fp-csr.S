/*
 * fp-csr: the FP control state. mstatus.FS = Off (its reset value) makes every
 * F/D instruction (compressed ones included) and every access to fcsr, frm and
 * fflags an illegal instruction that changes nothing; any non-zero FS reads as
 * Dirty with SD set, in mstatus and sstatus, and stays so after FP writes; FP
 * works in S and U with FS on. Rounding modes: DYN takes frm (each of the five),
 * a static mode overrides frm; rm = 5 or 6, and DYN with frm = 5, 6 or 7, are
 * illegal for every instruction with a rounding-mode field (the exact
 * conversions FCVT.D.S, FCVT.D.W[U] included) and change neither the
 * destination nor fflags, while the instructions without one ignore frm.
 * fflags: each flag alone, accumulation (flags are ORed in, never cleared by an
 * instruction), compares and conversions to x0 still raise theirs. Reserved
 * encodings of the FP opcodes are illegal.
 *
 * Expected values: from the specification, and an exact rational-arithmetic
 * model (Python fractions) for the rounded results.
 */
#include "rivet_test.h"
#include "rivet_fp.h"

/* mstatus with its FS field and SD isolated */
/* fcsr = v (any value; csrwi takes 5 bits only) */
#define FCSR_SET(v) li t0, v; csrw fcsr, t0
#define CHECK_FS_SD(val) csrr t5, mstatus; li t6, MSTATUS_FS | MSTATUS_SD; and t5, t5, t6; CHECK(t5, val)

RVT_CODE_BEGIN
    .option arch, +d

    /* FS is Off at reset: every FP instruction and FP CSR access is illegal (mtval = the bits) */
    CASE; CHECK_FS_SD(0)
    la a0, fpbuf
    la sp, fpbuf
    ILLEGAL_INSN(flw fa0, 0(a0))
    ILLEGAL_INSN(fsw fa0, 0(a0))
    ILLEGAL_INSN(fld fa0, 0(a0))
    ILLEGAL_INSN(fsd fa0, 0(a0))
    ILLEGAL_INSN(fmadd.s fa0, fa1, fa2, fa3)
    ILLEGAL_INSN(fmsub.s fa0, fa1, fa2, fa3)
    ILLEGAL_INSN(fnmsub.s fa0, fa1, fa2, fa3)
    ILLEGAL_INSN(fnmadd.s fa0, fa1, fa2, fa3)
    ILLEGAL_INSN(fmadd.d fa0, fa1, fa2, fa3)
    ILLEGAL_INSN(fmsub.d fa0, fa1, fa2, fa3)
    ILLEGAL_INSN(fnmsub.d fa0, fa1, fa2, fa3)
    ILLEGAL_INSN(fnmadd.d fa0, fa1, fa2, fa3)
    ILLEGAL_INSN(fadd.s fa0, fa1, fa2)
    ILLEGAL_INSN(fsub.s fa0, fa1, fa2)
    ILLEGAL_INSN(fmul.s fa0, fa1, fa2)
    ILLEGAL_INSN(fdiv.s fa0, fa1, fa2)
    ILLEGAL_INSN(fsqrt.s fa0, fa1)
    ILLEGAL_INSN(fadd.d fa0, fa1, fa2)
    ILLEGAL_INSN(fsub.d fa0, fa1, fa2)
    ILLEGAL_INSN(fmul.d fa0, fa1, fa2)
    ILLEGAL_INSN(fdiv.d fa0, fa1, fa2)
    ILLEGAL_INSN(fsqrt.d fa0, fa1)
    ILLEGAL_INSN(fsgnj.s fa0, fa1, fa2)
    ILLEGAL_INSN(fsgnjn.s fa0, fa1, fa2)
    ILLEGAL_INSN(fsgnjx.s fa0, fa1, fa2)
    ILLEGAL_INSN(fsgnj.d fa0, fa1, fa2)
    ILLEGAL_INSN(fsgnjn.d fa0, fa1, fa2)
    ILLEGAL_INSN(fsgnjx.d fa0, fa1, fa2)
    ILLEGAL_INSN(fmin.s fa0, fa1, fa2)
    ILLEGAL_INSN(fmax.s fa0, fa1, fa2)
    ILLEGAL_INSN(fmin.d fa0, fa1, fa2)
    ILLEGAL_INSN(fmax.d fa0, fa1, fa2)
    ILLEGAL_INSN(fcvt.w.s a0, fa1)
    ILLEGAL_INSN(fcvt.wu.s a0, fa1)
    ILLEGAL_INSN(fcvt.l.s a0, fa1)
    ILLEGAL_INSN(fcvt.lu.s a0, fa1)
    ILLEGAL_INSN(fcvt.w.d a0, fa1)
    ILLEGAL_INSN(fcvt.wu.d a0, fa1)
    ILLEGAL_INSN(fcvt.l.d a0, fa1)
    ILLEGAL_INSN(fcvt.lu.d a0, fa1)
    ILLEGAL_INSN(fcvt.s.w fa0, a1)
    ILLEGAL_INSN(fcvt.s.wu fa0, a1)
    ILLEGAL_INSN(fcvt.s.l fa0, a1)
    ILLEGAL_INSN(fcvt.s.lu fa0, a1)
    ILLEGAL_INSN(fcvt.d.w fa0, a1)
    ILLEGAL_INSN(fcvt.d.wu fa0, a1)
    ILLEGAL_INSN(fcvt.d.l fa0, a1)
    ILLEGAL_INSN(fcvt.d.lu fa0, a1)
    ILLEGAL_INSN(fcvt.s.d fa0, fa1)
    ILLEGAL_INSN(fcvt.d.s fa0, fa1)
    ILLEGAL_INSN(fmv.x.w a0, fa1)
    ILLEGAL_INSN(fmv.w.x fa0, a1)
    ILLEGAL_INSN(fmv.x.d a0, fa1)
    ILLEGAL_INSN(fmv.d.x fa0, a1)
    ILLEGAL_INSN(feq.s a0, fa1, fa2)
    ILLEGAL_INSN(flt.s a0, fa1, fa2)
    ILLEGAL_INSN(fle.s a0, fa1, fa2)
    ILLEGAL_INSN(feq.d a0, fa1, fa2)
    ILLEGAL_INSN(flt.d a0, fa1, fa2)
    ILLEGAL_INSN(fle.d a0, fa1, fa2)
    ILLEGAL_INSN(fclass.s a0, fa1)
    ILLEGAL_INSN(fclass.d a0, fa1)
    CASE; TRAP_ILLEGAL_SELF16(.option push; .option rvc; c.fld fa0, 0(a0); .option pop)
    CASE; TRAP_ILLEGAL_SELF16(.option push; .option rvc; c.fsd fa0, 0(a0); .option pop)
    CASE; TRAP_ILLEGAL_SELF16(.option push; .option rvc; c.fldsp fa0, 0(sp); .option pop)
    CASE; TRAP_ILLEGAL_SELF16(.option push; .option rvc; c.fsdsp fa0, 0(sp); .option pop)
    ILLEGAL_INSN(csrr a0, fcsr)
    ILLEGAL_INSN(csrw fcsr, a1)
    ILLEGAL_INSN(csrr a0, frm)
    ILLEGAL_INSN(csrw frm, a1)
    ILLEGAL_INSN(csrr a0, fflags)
    ILLEGAL_INSN(csrs fflags, a1)
    ILLEGAL_INSN(csrc fflags, a1)
    ILLEGAL_INSN(csrrwi a0, fcsr, 0)
    ILLEGAL_INSN(csrrsi a0, frm, 1)
    ILLEGAL_INSN(csrrci a0, fflags, 1)
    ILLEGAL_INSN(csrrs a0, fcsr, zero)
    ILLEGAL_INSN(csrrc zero, frm, zero)
    la sp, rvt_stack_top
    /* the illegal instructions changed nothing: registers, fcsr, memory */
    CASE; li a0, 0x1234; li a1, 0x3ff0000000000000; FP_ON; csrwi fcsr, 0; fmv.d.x fa0, a1; FP_OFF; TRAP(CAUSE_ILLEGAL_INSN, fmv.x.d a0, fa0); CHECK(a0, 0x1234); TRAP(CAUSE_ILLEGAL_INSN, fadd.d fa0, fa0, fa0); TRAP(CAUSE_ILLEGAL_INSN, fdiv.d fa0, fa0, fa1); FP_ON; CHECK_F(fa0, 0x3ff0000000000000); CHECK_CSR(fcsr, 0)
    CASE; FP_OFF; la a0, fpbuf; sd zero, 0(a0); TRAP(CAUSE_ILLEGAL_INSN, fsd fa0, 0(a0)); ld a1, 0(a0); CHECK(a1, 0); CHECK_FS_SD(0)
    /* FS: any non-zero value reads as Dirty with SD; FP writes keep it so; clearing FS clears SD */
#ifndef RVT_QEMU /* QEMU: keeps FS = Initial and Clean, and SD only with Dirty */
    CASE; li a0, MSTATUS_FS_INITIAL; csrs mstatus, a0; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD)
    CASE; FP_OFF; li a0, 2 << 13; csrs mstatus, a0; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD)
    CASE; li a1, 0x3f800000; fmv.w.x fa0, a1; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD); fadd.s fa0, fa0, fa0; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD); csrwi fflags, 1; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD)
    CASE; csrr a0, sstatus; li a1, MSTATUS_FS | MSTATUS_SD; and a0, a0, a1; CHECK(a0, MSTATUS_FS_DIRTY | MSTATUS_SD)
    CASE; FP_OFF; CHECK_FS_SD(0); csrr a0, sstatus; li a1, MSTATUS_FS | MSTATUS_SD; and a0, a0, a1; CHECK(a0, 0)
    CASE; li a0, MSTATUS_FS_INITIAL; csrs sstatus, a0; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD); FP_OFF; li a0, MSTATUS_FS; csrs sstatus, a0; CHECK_FS_SD(MSTATUS_FS_DIRTY | MSTATUS_SD)
#endif
    /* FP in S and U mode: works with FS on, illegal (taken in M) with FS off */
    CASE; FP_ON; csrwi fcsr, 0; li a1, 0x4000000000000000; fmv.d.x fa1, a1; GO_U; fmul.d fa0, fa1, fa1, rne; fmv.x.d a0, fa0; csrr a2, fflags; GO_M; CHECK(a0, 0x4010000000000000); CHECK(a2, 0)
    CASE; li a1, 0x3f800000; GO_S; fmv.w.x fa0, a1; fdiv.s fa0, fa0, fa0, rtz; csrr a2, fcsr; GO_M; CHECK_F(fa0, 0xffffffff3f800000); CHECK(a2, 0)
    CASE; FP_OFF; GO_U; TRAP(CAUSE_ILLEGAL_INSN, fadd.d fa0, fa1, fa1); CHECK_TRAP_FROM(PRV_U); CHECK_TRAP_TVAL(0x02b5f553)
    CASE; GO_S; TRAP(CAUSE_ILLEGAL_INSN, csrr a0, fflags); CHECK_TRAP_FROM(PRV_S); FP_ON

    /* DYN rounding takes frm, for each of the five modes; frm and fcsr are kept */
    csrwi frm, 0
    TEST_F2(fadd.s, dyn, 0xffffffff3f800000, 0x1, 0xffffffff3f800000, 0xffffffff33800000)
    TEST_F2(fadd.s, dyn, 0xffffffffbf800000, 0x1, 0xffffffffbf800000, 0xffffffffb3800000)
    TEST_F2(fsub.d, dyn, 0x3ff0000000000000, 0x1, 0x3ff0000000000000, 0x3c90000000000000)
    TEST_F2(fmul.s, dyn, 0xffffffff7f800000, 0x5, 0xffffffff7f7fffff, 0xffffffff40000000)
    TEST_F2(fdiv.d, dyn, 0xbfd5555555555555, 0x1, 0xbff0000000000000, 0x4008000000000000)
    TEST_F2(fmul.d, dyn, 0x0, 0x3, 0x1, 0x3fe0000000000000)
    TEST_F1(fsqrt.s, dyn, 0xffffffff3fb504f3, 0x1, 0xffffffff40000000)
    TEST_F1(fsqrt.d, dyn, 0x3ffbb67ae8584caa, 0x1, 0x4008000000000000)
    TEST_F3(fmadd.d, dyn, 0x3cc0000000000000, 0x1, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)
    TEST_F3(fnmsub.s, dyn, 0xffffffffc0000000, 0x1, 0xffffffff40400000, 0xffffffff3eaaaaab, 0xffffffffbf800000)
    TEST_F2(fadd.s, dyn, 0xffffffff00000000, 0x0, 0xffffffff00000000, 0xffffffff80000000)
    TEST_FCVT_XF(fcvt.w.d, dyn, 0xfffffffffffffffe, 0x1, 0xc004000000000000)
    TEST_FCVT_XF(fcvt.lu.s, dyn, 0x2, 0x1, 0xffffffff3fc00000)
    TEST_FCVT_XF(fcvt.wu.d, dyn, 0x0, 0x1, 0xbfe0000000000000)
    TEST_FCVT_FX(fcvt.s.l, dyn, 0xffffffff4b800000, 0x1, 0x1000001)
    TEST_FCVT_FX(fcvt.d.lu, dyn, 0x43f0000000000000, 0x1, 0xffffffffffffffff)
    TEST_F1(fcvt.s.d, dyn, 0xffffffff3eaaaaab, 0x1, 0x3fd5555555555555)
    CASE; CHECK_CSR(frm, 0); CHECK_CSR(fcsr, 1)
    csrwi frm, 1
    TEST_F2(fadd.s, dyn, 0xffffffff3f800000, 0x1, 0xffffffff3f800000, 0xffffffff33800000)
    TEST_F2(fadd.s, dyn, 0xffffffffbf800000, 0x1, 0xffffffffbf800000, 0xffffffffb3800000)
    TEST_F2(fsub.d, dyn, 0x3fefffffffffffff, 0x1, 0x3ff0000000000000, 0x3c90000000000000)
    TEST_F2(fmul.s, dyn, 0xffffffff7f7fffff, 0x5, 0xffffffff7f7fffff, 0xffffffff40000000)
    TEST_F2(fdiv.d, dyn, 0xbfd5555555555555, 0x1, 0xbff0000000000000, 0x4008000000000000)
    TEST_F2(fmul.d, dyn, 0x0, 0x3, 0x1, 0x3fe0000000000000)
    TEST_F1(fsqrt.s, dyn, 0xffffffff3fb504f3, 0x1, 0xffffffff40000000)
    TEST_F1(fsqrt.d, dyn, 0x3ffbb67ae8584caa, 0x1, 0x4008000000000000)
    TEST_F3(fmadd.d, dyn, 0x3cc0000000000000, 0x1, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)
    TEST_F3(fnmsub.s, dyn, 0xffffffffc0000000, 0x1, 0xffffffff40400000, 0xffffffff3eaaaaab, 0xffffffffbf800000)
    TEST_F2(fadd.s, dyn, 0xffffffff00000000, 0x0, 0xffffffff00000000, 0xffffffff80000000)
    TEST_FCVT_XF(fcvt.w.d, dyn, 0xfffffffffffffffe, 0x1, 0xc004000000000000)
    TEST_FCVT_XF(fcvt.lu.s, dyn, 0x1, 0x1, 0xffffffff3fc00000)
    TEST_FCVT_XF(fcvt.wu.d, dyn, 0x0, 0x1, 0xbfe0000000000000)
    TEST_FCVT_FX(fcvt.s.l, dyn, 0xffffffff4b800000, 0x1, 0x1000001)
    TEST_FCVT_FX(fcvt.d.lu, dyn, 0x43efffffffffffff, 0x1, 0xffffffffffffffff)
    TEST_F1(fcvt.s.d, dyn, 0xffffffff3eaaaaaa, 0x1, 0x3fd5555555555555)
    CASE; CHECK_CSR(frm, 1); CHECK_CSR(fcsr, 33)
    csrwi frm, 2
    TEST_F2(fadd.s, dyn, 0xffffffff3f800000, 0x1, 0xffffffff3f800000, 0xffffffff33800000)
    TEST_F2(fadd.s, dyn, 0xffffffffbf800001, 0x1, 0xffffffffbf800000, 0xffffffffb3800000)
    TEST_F2(fsub.d, dyn, 0x3fefffffffffffff, 0x1, 0x3ff0000000000000, 0x3c90000000000000)
    TEST_F2(fmul.s, dyn, 0xffffffff7f7fffff, 0x5, 0xffffffff7f7fffff, 0xffffffff40000000)
    TEST_F2(fdiv.d, dyn, 0xbfd5555555555556, 0x1, 0xbff0000000000000, 0x4008000000000000)
    TEST_F2(fmul.d, dyn, 0x0, 0x3, 0x1, 0x3fe0000000000000)
    TEST_F1(fsqrt.s, dyn, 0xffffffff3fb504f3, 0x1, 0xffffffff40000000)
    TEST_F1(fsqrt.d, dyn, 0x3ffbb67ae8584caa, 0x1, 0x4008000000000000)
    TEST_F3(fmadd.d, dyn, 0x3cc0000000000000, 0x1, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)
    TEST_F3(fnmsub.s, dyn, 0xffffffffc0000001, 0x1, 0xffffffff40400000, 0xffffffff3eaaaaab, 0xffffffffbf800000)
    TEST_F2(fadd.s, dyn, 0xffffffff80000000, 0x0, 0xffffffff00000000, 0xffffffff80000000)
    TEST_FCVT_XF(fcvt.w.d, dyn, 0xfffffffffffffffd, 0x1, 0xc004000000000000)
    TEST_FCVT_XF(fcvt.lu.s, dyn, 0x1, 0x1, 0xffffffff3fc00000)
    TEST_FCVT_XF(fcvt.wu.d, dyn, 0x0, 0x10, 0xbfe0000000000000)
    TEST_FCVT_FX(fcvt.s.l, dyn, 0xffffffff4b800000, 0x1, 0x1000001)
    TEST_FCVT_FX(fcvt.d.lu, dyn, 0x43efffffffffffff, 0x1, 0xffffffffffffffff)
    TEST_F1(fcvt.s.d, dyn, 0xffffffff3eaaaaaa, 0x1, 0x3fd5555555555555)
    CASE; CHECK_CSR(frm, 2); CHECK_CSR(fcsr, 65)
    csrwi frm, 3
    TEST_F2(fadd.s, dyn, 0xffffffff3f800001, 0x1, 0xffffffff3f800000, 0xffffffff33800000)
    TEST_F2(fadd.s, dyn, 0xffffffffbf800000, 0x1, 0xffffffffbf800000, 0xffffffffb3800000)
    TEST_F2(fsub.d, dyn, 0x3ff0000000000000, 0x1, 0x3ff0000000000000, 0x3c90000000000000)
    TEST_F2(fmul.s, dyn, 0xffffffff7f800000, 0x5, 0xffffffff7f7fffff, 0xffffffff40000000)
    TEST_F2(fdiv.d, dyn, 0xbfd5555555555555, 0x1, 0xbff0000000000000, 0x4008000000000000)
    TEST_F2(fmul.d, dyn, 0x1, 0x3, 0x1, 0x3fe0000000000000)
    TEST_F1(fsqrt.s, dyn, 0xffffffff3fb504f4, 0x1, 0xffffffff40000000)
    TEST_F1(fsqrt.d, dyn, 0x3ffbb67ae8584cab, 0x1, 0x4008000000000000)
    TEST_F3(fmadd.d, dyn, 0x3cc0000000000001, 0x1, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)
    TEST_F3(fnmsub.s, dyn, 0xffffffffc0000000, 0x1, 0xffffffff40400000, 0xffffffff3eaaaaab, 0xffffffffbf800000)
    TEST_F2(fadd.s, dyn, 0xffffffff00000000, 0x0, 0xffffffff00000000, 0xffffffff80000000)
    TEST_FCVT_XF(fcvt.w.d, dyn, 0xfffffffffffffffe, 0x1, 0xc004000000000000)
    TEST_FCVT_XF(fcvt.lu.s, dyn, 0x2, 0x1, 0xffffffff3fc00000)
    TEST_FCVT_XF(fcvt.wu.d, dyn, 0x0, 0x1, 0xbfe0000000000000)
    TEST_FCVT_FX(fcvt.s.l, dyn, 0xffffffff4b800001, 0x1, 0x1000001)
    TEST_FCVT_FX(fcvt.d.lu, dyn, 0x43f0000000000000, 0x1, 0xffffffffffffffff)
    TEST_F1(fcvt.s.d, dyn, 0xffffffff3eaaaaab, 0x1, 0x3fd5555555555555)
    CASE; CHECK_CSR(frm, 3); CHECK_CSR(fcsr, 97)
    csrwi frm, 4
    TEST_F2(fadd.s, dyn, 0xffffffff3f800001, 0x1, 0xffffffff3f800000, 0xffffffff33800000)
    TEST_F2(fadd.s, dyn, 0xffffffffbf800001, 0x1, 0xffffffffbf800000, 0xffffffffb3800000)
    TEST_F2(fsub.d, dyn, 0x3ff0000000000000, 0x1, 0x3ff0000000000000, 0x3c90000000000000)
    TEST_F2(fmul.s, dyn, 0xffffffff7f800000, 0x5, 0xffffffff7f7fffff, 0xffffffff40000000)
    TEST_F2(fdiv.d, dyn, 0xbfd5555555555555, 0x1, 0xbff0000000000000, 0x4008000000000000)
    TEST_F2(fmul.d, dyn, 0x1, 0x3, 0x1, 0x3fe0000000000000)
    TEST_F1(fsqrt.s, dyn, 0xffffffff3fb504f3, 0x1, 0xffffffff40000000)
    TEST_F1(fsqrt.d, dyn, 0x3ffbb67ae8584caa, 0x1, 0x4008000000000000)
    TEST_F3(fmadd.d, dyn, 0x3cc0000000000001, 0x1, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)
    TEST_F3(fnmsub.s, dyn, 0xffffffffc0000000, 0x1, 0xffffffff40400000, 0xffffffff3eaaaaab, 0xffffffffbf800000)
    TEST_F2(fadd.s, dyn, 0xffffffff00000000, 0x0, 0xffffffff00000000, 0xffffffff80000000)
    TEST_FCVT_XF(fcvt.w.d, dyn, 0xfffffffffffffffd, 0x1, 0xc004000000000000)
    TEST_FCVT_XF(fcvt.lu.s, dyn, 0x2, 0x1, 0xffffffff3fc00000)
    TEST_FCVT_XF(fcvt.wu.d, dyn, 0x0, 0x10, 0xbfe0000000000000)
    TEST_FCVT_FX(fcvt.s.l, dyn, 0xffffffff4b800001, 0x1, 0x1000001)
    TEST_FCVT_FX(fcvt.d.lu, dyn, 0x43f0000000000000, 0x1, 0xffffffffffffffff)
    TEST_F1(fcvt.s.d, dyn, 0xffffffff3eaaaaab, 0x1, 0x3fd5555555555555)
    CASE; CHECK_CSR(frm, 4); CHECK_CSR(fcsr, 129)
    /* a static rounding mode overrides frm */
    csrwi frm, 3
    TEST_F2(fadd.s, rtz, 0xffffffff3f800000, 0x1, 0xffffffff3f800000, 0xffffffff33800000)
    TEST_F2(fdiv.d, rdn, 0x3fd5555555555555, 0x1, 0x3ff0000000000000, 0x4008000000000000)
    TEST_F2(fdiv.d, rne, 0x3fd5555555555555, 0x1, 0x3ff0000000000000, 0x4008000000000000)
    TEST_FCVT_XF(fcvt.l.d, rmm, 0xfffffffffffffffd, 0x1, 0xc004000000000000)
    csrwi frm, 1
    TEST_F2(fadd.s, rup, 0xffffffff3f800001, 0x1, 0xffffffff3f800000, 0xffffffff33800000)
    TEST_F3(fmadd.s, rne, 0xffffffff7f800000, 0x5, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff00000000)
    csrwi frm, 0

    /* static rm = 5 or 6: illegal instruction; the destination and fflags do not change */
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xc5d553) /* fadd.s, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xc5e553) /* fadd.s, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xac5d553) /* fsub.d, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xac5e553) /* fsub.d, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x10c5d553) /* fmul.s, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x10c5e553) /* fmul.s, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x1ac5d553) /* fdiv.d, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x1ac5e553) /* fdiv.d, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x5805d553) /* fsqrt.s, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x5805e553) /* fsqrt.s, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x5a05d553) /* fsqrt.d, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x5a05e553) /* fsqrt.d, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x68c5d543) /* fmadd.s, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x68c5e543) /* fmadd.s, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x6ac5d547) /* fmsub.d, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x6ac5e547) /* fmsub.d, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x68c5d54b) /* fnmsub.s, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x68c5e54b) /* fnmsub.s, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x6ac5d54f) /* fnmadd.d, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x6ac5e54f) /* fnmadd.d, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xc005d553) /* fcvt.w.s, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xc005e553) /* fcvt.w.s, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xc235d553) /* fcvt.lu.d, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xc235e553) /* fcvt.lu.d, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xd005d553) /* fcvt.s.w, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xd005e553) /* fcvt.s.w, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xd225d553) /* fcvt.d.l, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xd225e553) /* fcvt.d.l, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xd215d553) /* fcvt.d.wu, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xd215e553) /* fcvt.d.wu, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xd205d553) /* fcvt.d.w, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0xd205e553) /* fcvt.d.w, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x4015d553) /* fcvt.s.d, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x4015e553) /* fcvt.s.d, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x4205d553) /* fcvt.d.s, rm = 5 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; csrwi fflags, 0x3; ILLEGAL32(0x4205e553) /* fcvt.d.s, rm = 6 */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_FFLAGS(0x3)
    /* the same instructions with valid static modes (the exact FCVT.D.* accept any of the five) */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xc59553) /* fadd.s, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xc5c553) /* fadd.s, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xac59553) /* fsub.d, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xac5c553) /* fsub.d, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x10c59553) /* fmul.s, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x10c5c553) /* fmul.s, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x1ac59553) /* fdiv.d, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x1ac5c553) /* fdiv.d, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x58059553) /* fsqrt.s, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x5805c553) /* fsqrt.s, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x5a059553) /* fsqrt.d, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x5a05c553) /* fsqrt.d, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x68c59543) /* fmadd.s, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x68c5c543) /* fmadd.s, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x6ac59547) /* fmsub.d, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x6ac5c547) /* fmsub.d, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x68c5954b) /* fnmsub.s, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x68c5c54b) /* fnmsub.s, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x6ac5954f) /* fnmadd.d, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x6ac5c54f) /* fnmadd.d, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xc0059553) /* fcvt.w.s, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xc005c553) /* fcvt.w.s, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xc2359553) /* fcvt.lu.d, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xc235c553) /* fcvt.lu.d, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd0059553) /* fcvt.s.w, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd005c553) /* fcvt.s.w, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd2259553) /* fcvt.d.l, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd225c553) /* fcvt.d.l, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd2159553) /* fcvt.d.wu, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd215c553) /* fcvt.d.wu, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd2059553) /* fcvt.d.w, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd205c553) /* fcvt.d.w, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x40159553) /* fcvt.s.d, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x4015c553) /* fcvt.s.d, rm = 4 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x42059553) /* fcvt.d.s, rm = 1 */
    FP_CASE; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x4205c553) /* fcvt.d.s, rm = 4 */
    /* DYN with frm = 5, 6 or 7: illegal; with a valid frm the same words run */
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0xc5f553) /* fadd.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0xac5f553) /* fsub.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0x10c5f553) /* fmul.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0x1ac5f553) /* fdiv.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0x5805f553) /* fsqrt.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0x5a05f553) /* fsqrt.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0x68c5f543) /* fmadd.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0x6ac5f547) /* fmsub.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0x68c5f54b) /* fnmsub.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0x6ac5f54f) /* fnmadd.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0xc005f553) /* fcvt.w.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0xc235f553) /* fcvt.lu.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0xd005f553) /* fcvt.s.w, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0xd225f553) /* fcvt.d.l, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0xd215f553) /* fcvt.d.wu, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0xd205f553) /* fcvt.d.w, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0x4015f553) /* fcvt.s.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((5 << 5) | 0x4); ILLEGAL32(0x4205f553) /* fcvt.d.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (5 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0xc5f553) /* fadd.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0xac5f553) /* fsub.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0x10c5f553) /* fmul.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0x1ac5f553) /* fdiv.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0x5805f553) /* fsqrt.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0x5a05f553) /* fsqrt.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0x68c5f543) /* fmadd.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0x6ac5f547) /* fmsub.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0x68c5f54b) /* fnmsub.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0x6ac5f54f) /* fnmadd.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0xc005f553) /* fcvt.w.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0xc235f553) /* fcvt.lu.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0xd005f553) /* fcvt.s.w, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0xd225f553) /* fcvt.d.l, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0xd215f553) /* fcvt.d.wu, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0xd205f553) /* fcvt.d.w, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0x4015f553) /* fcvt.s.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((6 << 5) | 0x4); ILLEGAL32(0x4205f553) /* fcvt.d.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (6 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0xc5f553) /* fadd.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0xac5f553) /* fsub.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0x10c5f553) /* fmul.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0x1ac5f553) /* fdiv.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0x5805f553) /* fsqrt.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0x5a05f553) /* fsqrt.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0x68c5f543) /* fmadd.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0x6ac5f547) /* fmsub.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0x68c5f54b) /* fnmsub.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0x6ac5f54f) /* fnmadd.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0xc005f553) /* fcvt.w.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0xc235f553) /* fcvt.lu.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0xd005f553) /* fcvt.s.w, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0xd225f553) /* fcvt.d.l, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0xd215f553) /* fcvt.d.wu, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0xd205f553) /* fcvt.d.w, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0x4015f553) /* fcvt.s.d, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; li a0, 0x5555; fmv.d.x fa0, a0; FCSR_SET((7 << 5) | 0x4); ILLEGAL32(0x4205f553) /* fcvt.d.s, dyn */; CHECK(a0, 0x5555); CHECK_F(fa0, 0x5555); CHECK_CSR(fcsr, (7 << 5) | 0x4)
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xc5f553) /* fadd.s, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xac5f553) /* fsub.d, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x10c5f553) /* fmul.s, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x1ac5f553) /* fdiv.d, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x5805f553) /* fsqrt.s, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x5a05f553) /* fsqrt.d, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x68c5f543) /* fmadd.s, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x6ac5f547) /* fmsub.d, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x68c5f54b) /* fnmsub.s, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x6ac5f54f) /* fnmadd.d, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xc005f553) /* fcvt.w.s, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xc235f553) /* fcvt.lu.d, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd005f553) /* fcvt.s.w, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd225f553) /* fcvt.d.l, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd215f553) /* fcvt.d.wu, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0xd205f553) /* fcvt.d.w, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x4015f553) /* fcvt.s.d, dyn */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, a1; fmv.d.x fa3, a1; NO_TRAP(.word 0x4205f553) /* fcvt.d.s, dyn */
    /* instructions without a rounding mode ignore an invalid frm */
    FCSR_SET(7 << 5)
    la a0, fpbuf
    CASE; NO_TRAP(flw fa0, 0(a0))
    CASE; NO_TRAP(fsw fa0, 0(a0))
    CASE; NO_TRAP(fld fa0, 0(a0))
    CASE; NO_TRAP(fsd fa0, 0(a0))
    CASE; NO_TRAP(fsgnj.s fa0, fa1, fa2)
    CASE; NO_TRAP(fsgnjn.d fa0, fa1, fa2)
    CASE; NO_TRAP(fsgnjx.s fa0, fa1, fa2)
    CASE; NO_TRAP(fmin.s fa0, fa1, fa2)
    CASE; NO_TRAP(fmax.d fa0, fa1, fa2)
    CASE; NO_TRAP(feq.s a1, fa1, fa2)
    CASE; NO_TRAP(flt.d a1, fa1, fa2)
    CASE; NO_TRAP(fle.s a1, fa1, fa2)
    CASE; NO_TRAP(fclass.d a1, fa1)
    CASE; NO_TRAP(fmv.x.w a1, fa1)
    CASE; NO_TRAP(fmv.w.x fa0, a1)
    CASE; NO_TRAP(fmv.x.d a1, fa1)
    CASE; NO_TRAP(fmv.d.x fa0, a1)
    CASE; NO_TRAP(.option push; .option rvc; c.fld fa0, 8(a0); c.fsd fa0, 8(a0); .option pop)
    /* frm is unchanged; the only flag is NV from fle.s on the (unboxed, so NaN) operands */
    CASE; CHECK_CSR(fcsr, (7 << 5) | 0x10)
    csrwi fcsr, 0

    /* each flag alone (UF and OF come with NX), then accumulation */
    TEST_F1(fsqrt.d, rne, 0x7ff8000000000000, 0x10, 0xbff0000000000000)
    TEST_F2(fdiv.s, rne, 0xffffffff7f800000, 0x8, 0xffffffff3f800000, 0xffffffff00000000)
    TEST_F2(fmul.d, rne, 0x7ff0000000000000, 0x5, 0x7fefffffffffffff, 0x7fefffffffffffff)
    TEST_F2(fmul.s, rne, 0xffffffff002aaaab, 0x3, 0xffffffff00800000, 0xffffffff3eaaaaab)
    TEST_F2(fdiv.d, rne, 0x3fd5555555555555, 0x1, 0x3ff0000000000000, 0x4008000000000000)
    CASE; csrwi fcsr, 0; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; li a2, 0x4008000000000000; fmv.d.x fa2, a2; fdiv.d fa0, fa1, fa2; CHECK_CSR(fflags, 0x01); fdiv.d fa0, fa1, fa2; CHECK_CSR(fflags, 0x01); fmv.d.x fa3, zero; fdiv.d fa0, fa1, fa3; CHECK_CSR(fflags, 0x09); fdiv.d fa0, fa3, fa3; CHECK_CSR(fflags, 0x19); fadd.d fa0, fa1, fa1; CHECK_CSR(fflags, 0x19); fsqrt.d fa0, fa1; CHECK_CSR(fcsr, 0x19)
    CASE; FCSR_SET((2 << 5) | 0x10); li a1, 0x7f7fffff; fmv.w.x fa1, a1; fmul.s fa0, fa1, fa1; CHECK_CSR(fcsr, (2 << 5) | 0x15); CHECK_F(fa0, 0xffffffff7f7fffff); li a1, 0x00800000; fmv.w.x fa1, a1; li a2, 0x3f000001; fmv.w.x fa2, a2; fmul.s fa0, fa1, fa2; CHECK_CSR(fcsr, (2 << 5) | 0x17); CHECK_F(fa0, 0xffffffff00400000)
    CASE; csrwi fcsr, 0x08; li a1, 0x7ff4000000000000; fmv.d.x fa1, a1; feq.d a0, fa1, fa1; CHECK(a0, 0); CHECK_CSR(fcsr, 0x18)
    CASE; csrwi fcsr, 0; li a1, 0x7ff8000000000000; fmv.d.x fa1, a1; feq.d a0, fa1, fa1; CHECK_CSR(fflags, 0); flt.d a0, fa1, fa1; CHECK_CSR(fflags, 0x10)
    CASE; csrwi fcsr, 0; li a1, 0x7ff8000000000000; fmv.d.x fa1, a1; fle.d zero, fa1, fa1; CHECK_CSR(fflags, 0x10); CHECK(zero, 0)
    CASE; csrwi fcsr, 0; li a1, 0xffffffff7f800001; fmv.d.x fa1, a1; flt.s x0, fa1, fa1; CHECK_CSR(fflags, 0x10); fclass.s x0, fa1; CHECK(x0, 0)
    CASE; csrwi fcsr, 0x1f; li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fadd.d fa0, fa1, fa1; fmin.d fa0, fa1, fa1; fcvt.l.d a0, fa1; CHECK_CSR(fflags, 0x1f); csrci fflags, 0x1; CHECK_CSR(fcsr, 0x1e)
    CASE; csrwi fcsr, 0; csrsi fflags, 0x4; li a1, 0xbff0000000000000; fmv.d.x fa1, a1; fcvt.wu.d a0, fa1, rtz; CHECK(a0, 0); CHECK_CSR(fflags, 0x14); csrrw a2, fflags, zero; CHECK(a2, 0x14); CHECK_CSR(fcsr, 0)
    /* flags raised by the instruction before a trap-free CSR read are all visible through fcsr, frm, fflags */
    CASE; FCSR_SET(4 << 5); li a1, 0x3ff0000000000000; fmv.d.x fa1, a1; fmv.d.x fa2, zero; fdiv.d fa0, fa1, fa2; csrr a0, fcsr; CHECK(a0, (4 << 5) | 0x08); csrr a0, frm; CHECK(a0, 4); csrr a0, fflags; CHECK(a0, 0x08)
    csrwi fcsr, 0

    /* reserved encodings in the FP opcodes (FS on) */
    ILLEGAL32(0x4c58553) /* OP-FP fmt = H (Zfh fadd.h) */
    ILLEGAL32(0x6c58553) /* OP-FP fmt = Q (fadd.q) */
    ILLEGAL32(0x6cc58543) /* fmadd fmt = H */
    ILLEGAL32(0x6ec5854f) /* fnmadd fmt = Q */
    ILLEGAL32(0x51507) /* LOAD-FP width 1 (flh) */
    ILLEGAL32(0x54507) /* LOAD-FP width 4 (flq) */
    ILLEGAL32(0x50507) /* LOAD-FP width 0 (vector) */
    ILLEGAL32(0xa51027) /* STORE-FP width 1 (fsh) */
    ILLEGAL32(0xa54027) /* STORE-FP width 4 (fsq) */
    ILLEGAL32(0x20c5b553) /* fsgnj.s funct3 = 3 */
    ILLEGAL32(0x22c5f553) /* fsgnj.d funct3 = 7 */
    ILLEGAL32(0x28c5a553) /* fmin.s funct3 = 2 */
    ILLEGAL32(0x2ac5b553) /* fmax.d funct3 = 3 */
    ILLEGAL32(0xa0c5b553) /* feq.s funct3 = 3 */
    ILLEGAL32(0xa2c5f553) /* fcmp.d funct3 = 7 */
    ILLEGAL32(0x58158553) /* fsqrt.s rs2 = 1 */
    ILLEGAL32(0x5b058553) /* fsqrt.d rs2 = 16 */
    ILLEGAL32(0xc0458553) /* fcvt.?.s rs2 = 4 */
    ILLEGAL32(0xc2558553) /* fcvt.?.d rs2 = 5 */
    ILLEGAL32(0xd0458553) /* fcvt.s.? rs2 = 4 */
    ILLEGAL32(0xd2858553) /* fcvt.d.? rs2 = 8 */
    ILLEGAL32(0x40058553) /* fcvt.s.s */
    ILLEGAL32(0x42158553) /* fcvt.d.d */
    ILLEGAL32(0x40358553) /* fcvt.s.q */
    ILLEGAL32(0x42258553) /* fcvt.d.h */
    ILLEGAL32(0xe0158553) /* fmv.x.w rs2 = 1 */
    ILLEGAL32(0xe005a553) /* fmv.x.w/fclass.s funct3 = 2 */
    ILLEGAL32(0xe205c553) /* fmv.x.d/fclass.d funct3 = 4 */
    ILLEGAL32(0xe2259553) /* fclass.d rs2 = 2 */
    ILLEGAL32(0xf0059553) /* fmv.w.x funct3 = 1 */
    ILLEGAL32(0xf2358553) /* fmv.d.x rs2 = 3 */
    ILLEGAL32(0xfec58553) /* OP-FP funct7 = 0x7f */
    ILLEGAL32(0x48c58553) /* OP-FP funct7 = 0x24 */
    ILLEGAL32(0xb0c58553) /* OP-FP funct7 = 0x58 */
    ILLEGAL32(0xe4058553) /* fmv.x.h (Zfh) */
    ILLEGAL32(0xe8058553) /* OP-FP funct7 = 0x74 */

    RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
fpbuf:
    .dword 0x3ff0000000000000, 0xffffffff3f800000
    .skip 64
RVT_DATA_END
