/*
 * illegal-ext: the extensions the compatible machine does not have decode
 * as illegal instructions (mtval = the instruction): Zba, Zbb, Zbc, Zbs,
 * Zbkb, Zicond, Zfh (checked with mstatus.FS on, so that it is the opcode
 * that is refused), Zicbom/Zicboz, V, Zacas, Zabha, H, Zawrs. misa reads
 * 0x800000000014112D (RV64 ACDFIMSU). HINT encodings used by other
 * extensions (Zihintntl, Zihintpause, Zicbop) stay no-ops.
 */
#include "rivet_test.h"

RVT_CODE_BEGIN
    .option arch, +zba, +zbb, +zbc, +zbs, +zbkb, +zfh, +zicbom, +zicboz, +v

#ifndef RVT_QEMU /* QEMU 7.2: misa has H; implements Zba, Zbb, Zbc, Zbs, Zbkb */
    CASE; CHECK_CSR(misa, MISA_VALUE)

    /* Zba */
    ILLEGAL_INSN(add.uw a0, a1, a2)
    ILLEGAL_INSN(sh1add a0, a1, a2)
    ILLEGAL_INSN(sh2add a0, a1, a2)
    ILLEGAL_INSN(sh3add a0, a1, a2)
    ILLEGAL_INSN(sh1add.uw a0, a1, a2)
    ILLEGAL_INSN(sh2add.uw a0, a1, a2)
    ILLEGAL_INSN(sh3add.uw a0, a1, a2)
    ILLEGAL_INSN(slli.uw a0, a1, 3)
    /* Zbb */
    ILLEGAL_INSN(andn a0, a1, a2)
    ILLEGAL_INSN(orn a0, a1, a2)
    ILLEGAL_INSN(xnor a0, a1, a2)
    ILLEGAL_INSN(clz a0, a1)
    ILLEGAL_INSN(clzw a0, a1)
    ILLEGAL_INSN(ctz a0, a1)
    ILLEGAL_INSN(ctzw a0, a1)
    ILLEGAL_INSN(cpop a0, a1)
    ILLEGAL_INSN(cpopw a0, a1)
    ILLEGAL_INSN(max a0, a1, a2)
    ILLEGAL_INSN(maxu a0, a1, a2)
    ILLEGAL_INSN(min a0, a1, a2)
    ILLEGAL_INSN(minu a0, a1, a2)
    ILLEGAL_INSN(sext.b a0, a1)
    ILLEGAL_INSN(sext.h a0, a1)
    ILLEGAL_INSN(zext.h a0, a1)
    ILLEGAL_INSN(rol a0, a1, a2)
    ILLEGAL_INSN(rolw a0, a1, a2)
    ILLEGAL_INSN(ror a0, a1, a2)
    ILLEGAL_INSN(rorw a0, a1, a2)
    ILLEGAL_INSN(rori a0, a1, 5)
    ILLEGAL_INSN(roriw a0, a1, 5)
    ILLEGAL_INSN(orc.b a0, a1)
    ILLEGAL_INSN(rev8 a0, a1)
    /* Zbc */
    ILLEGAL_INSN(clmul a0, a1, a2)
    ILLEGAL_INSN(clmulh a0, a1, a2)
    ILLEGAL_INSN(clmulr a0, a1, a2)
    /* Zbs */
    ILLEGAL_INSN(bclr a0, a1, a2)
    ILLEGAL_INSN(bclri a0, a1, 40)
    ILLEGAL_INSN(bext a0, a1, a2)
    ILLEGAL_INSN(bexti a0, a1, 3)
    ILLEGAL_INSN(binv a0, a1, a2)
    ILLEGAL_INSN(binvi a0, a1, 63)
    ILLEGAL_INSN(bset a0, a1, a2)
    ILLEGAL_INSN(bseti a0, a1, 0)
    /* Zbkb */
    ILLEGAL_INSN(pack a0, a1, a2)
    ILLEGAL_INSN(packh a0, a1, a2)
    ILLEGAL_INSN(packw a0, a1, a2)
    ILLEGAL_INSN(brev8 a0, a1)
    /* rd = x0 does not turn them into HINTs */
    ILLEGAL_INSN(andn x0, a1, a2)
    ILLEGAL_INSN(clz x0, a1)
#endif
    /* Zicond (not known to this assembler) */
    ILLEGAL32(0x0ec5d533)       /* czero.eqz a0, a1, a2 */
    ILLEGAL32(0x0ec5f533)       /* czero.nez a0, a1, a2 */

    /* Zfh, with the FP unit on */
    CASE; li a0, MSTATUS_FS_INITIAL; csrs mstatus, a0
    ILLEGAL_INSN(flh ft0, 0(a0))
    ILLEGAL_INSN(fsh ft0, 0(a0))
    ILLEGAL_INSN(fadd.h ft0, ft1, ft2)
    ILLEGAL_INSN(fmul.h ft0, ft1, ft2, rne)
    ILLEGAL_INSN(fmadd.h ft0, ft1, ft2, ft3)
    ILLEGAL_INSN(fsqrt.h ft0, ft1)
    ILLEGAL_INSN(fmv.x.h a0, ft0)
    ILLEGAL_INSN(fmv.h.x ft0, a0)
    ILLEGAL_INSN(fcvt.s.h ft0, ft1)
    ILLEGAL_INSN(fcvt.h.s ft0, ft1)
    ILLEGAL_INSN(fcvt.d.h ft0, ft1)
    ILLEGAL_INSN(feq.h a0, ft0, ft1)
    ILLEGAL_INSN(fclass.h a0, ft0)
    CASE; li a0, MSTATUS_FS; csrc mstatus, a0

    /* cache-block operations */
    ILLEGAL_INSN(cbo.clean (a0))
    ILLEGAL_INSN(cbo.flush (a0))
    ILLEGAL_INSN(cbo.inval (a0))
    ILLEGAL_INSN(cbo.zero (a0))
    /* vector */
    ILLEGAL_INSN(vsetvli a0, a1, e8, m1, ta, ma)
    ILLEGAL_INSN(vadd.vv v1, v2, v3)
    ILLEGAL_INSN(vle8.v v1, (a0))
    /* atomics beyond A */
    ILLEGAL32(0x28c5b52f)       /* amocas.d */
    ILLEGAL32(0x00c5852f)       /* amoadd.b */
    /* hypervisor and wait-on-reservation */
#ifndef RVT_QEMU /* QEMU: implements H */
    ILLEGAL32(0x6005c573)       /* hlv.b */
    ILLEGAL32(0x22000073)       /* hfence.vvma */
#endif
    ILLEGAL32(0x00d00073)       /* wrs.nto */

    /* HINTs stay no-ops */
    CASE; NO_TRAP(.word 0x00200033; .word 0x00500033; .word 0x0100000f; .word 0x00156013; .word 0x00056013; .word 0x00356013; \
        .hword 0x9016; .hword 0x0001)    /* ntl.p1, ntl.all, pause, prefetch.r/i/w, c.ntl.all, c.nop */

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END
