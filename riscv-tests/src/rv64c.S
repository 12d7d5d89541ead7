/*
 * rv64c: the C extension (RV64, without Zcb: see rv64zcb). Every compressed
 * instruction, the HINT encodings (no-ops), the reserved encodings (illegal
 * instruction with mtval = the 16-bit instruction only, even though the
 * machine fetched 32 bits), C.EBREAK, the FP loads/stores while mstatus.FS
 * is Off (illegal), and 4-byte instructions at 2-byte aligned addresses and
 * across a page boundary.
 */
#include "rivet_test.h"

RVT_CODE_BEGIN
    .option rvc

    /* c.addi4spn */
    CASE; li sp, 0x1000; c.addi4spn a0, sp, 4; CHECK(a0, 0x1004)
    CASE; li sp, 0x1000; c.addi4spn s1, sp, 1020; CHECK(s1, 0x13fc)
    CASE; li sp, -8; c.addi4spn a5, sp, 8; CHECK(a5, 0)
    CASE; li sp, 0x7ffffffffffffffc; c.addi4spn s0, sp, 4; CHECK(s0, 0x8000000000000000)

    /* c.lw / c.ld / c.sw / c.sd */
    CASE; la s0, cdata; c.lw a0, 0(s0); CHECK(a0, 0x44332211)
    CASE; la s0, cdata; c.lw a0, 4(s0); CHECK(a0, 0xffffffff88776655)
    CASE; la s0, cdata; c.lw a1, 124(s0); CHECK(a1, 0xfffffffffedcba98)
    CASE; la a5, cdata; c.lw s1, 120(a5); CHECK(s1, 0x76543210)
    CASE; la s1, cdata; c.ld a2, 0(s1); CHECK(a2, 0x8877665544332211)
    CASE; la s1, cdata; c.ld a3, 248(s1); CHECK(a3, 0x0123456789abcdef)
    CASE; la a0, cdata; c.ld a0, 120(a0); CHECK(a0, 0xfedcba9876543210)
    CASE; la a4, cbuf; li a2, -1; sd a2, 0(a4); li a3, 0x12345678; c.sw a3, 0(a4); ld a0, 0(a4); CHECK(a0, 0xffffffff12345678)
    CASE; la a4, cbuf; li a3, 0x9abcdef0; c.sw a3, 124(a4); lwu a0, 124(a4); CHECK(a0, 0x9abcdef0)
    CASE; la a4, cbuf; li a3, 0x0fedcba987654321; c.sd a3, 248(a4); ld a0, 248(a4); CHECK(a0, 0x0fedcba987654321)
    CASE; la a4, cbuf; li a3, -2; c.sd a3, 8(a4); ld a0, 8(a4); CHECK(a0, -2)

    /* stack-pointer based: c.lwsp / c.ldsp / c.swsp / c.sdsp */
    CASE; la sp, cdata; c.lwsp a0, 0(sp); CHECK(a0, 0x44332211)
    CASE; la sp, cdata; c.lwsp t2, 252(sp); CHECK(t2, 0x01234567)
    CASE; la sp, cdata; c.ldsp s2, 504(sp); CHECK(s2, 0x1122334455667788)
    CASE; la sp, cdata; c.ldsp ra, 248(sp); CHECK(ra, 0x0123456789abcdef)
    CASE; la sp, cbuf; li t1, 0x55aa55aa; c.swsp t1, 252(sp); lwu a0, 252(sp); CHECK(a0, 0x55aa55aa)
    CASE; la sp, cbuf; li s3, 0x8000000000000001; c.sdsp s3, 504(sp); ld a0, 504(sp); CHECK(a0, 0x8000000000000001)
    CASE; la sp, cbuf; c.sdsp zero, 0(sp); ld a0, 0(sp); CHECK(a0, 0)
    la sp, rvt_stack_top

    /* c.addi, c.addiw, c.li, c.addi16sp, c.lui */
    CASE; li a0, 0; c.addi a0, -32; CHECK(a0, -32)
    CASE; li a0, 5; c.addi a0, 31; CHECK(a0, 36)
    CASE; li t3, 0x7fffffffffffffff; c.addi t3, 1; CHECK(t3, 0x8000000000000000)
    CASE; li a0, 0x7fffffff; c.addiw a0, 1; CHECK(a0, 0xffffffff80000000)
    CASE; li a0, 0x12345678ffffffff; c.addiw a0, 0; CHECK(a0, 0xffffffffffffffff)
    CASE; li s4, 0x80000000; c.addiw s4, -1; CHECK(s4, 0x7fffffff)
    CASE; c.li a0, -32; CHECK(a0, -32)
    CASE; c.li a5, 31; CHECK(a5, 31)
    CASE; c.li t6, 0; CHECK(t6, 0)
    CASE; li sp, 0x10000; c.addi16sp sp, -512; CHECK(sp, 0xfe00)
    CASE; li sp, 0x10000; c.addi16sp sp, 496; CHECK(sp, 0x101f0)
    CASE; li sp, 0x10000; c.addi16sp sp, 16; CHECK(sp, 0x10010)
    la sp, rvt_stack_top
    CASE; c.lui a0, 1; CHECK(a0, 0x1000)
    CASE; c.lui a1, 0x1f; CHECK(a1, 0x1f000)
    CASE; c.lui a2, 0xfffe0; CHECK(a2, 0xfffffffffffe0000)
    CASE; c.lui s5, 0xfffff; CHECK(s5, 0xfffffffffffff000)

    /* c.srli, c.srai, c.andi, c.slli */
    CASE; li a0, 0x8000000000000000; c.srli a0, 1; CHECK(a0, 0x4000000000000000)
    CASE; li a0, 0x8000000000000000; c.srli a0, 63; CHECK(a0, 1)
    CASE; li s1, -1; c.srli s1, 32; CHECK(s1, 0xffffffff)
    CASE; li a0, 0x8000000000000000; c.srai a0, 63; CHECK(a0, -1)
    CASE; li a0, 0x8000000000000000; c.srai a0, 1; CHECK(a0, 0xc000000000000000)
    CASE; li a5, 0x7000000000000000; c.srai a5, 60; CHECK(a5, 7)
    CASE; li a0, 0xffff; c.andi a0, -32; CHECK(a0, 0xffe0)
    CASE; li a0, 0xffff; c.andi a0, 15; CHECK(a0, 15)
    CASE; li a0, 0xffff; c.andi a0, 0; CHECK(a0, 0)
    CASE; li a0, 0x8000000000000001; c.andi a0, -1; CHECK(a0, 0x8000000000000001)
    CASE; li a0, 1; c.slli a0, 63; CHECK(a0, 0x8000000000000000)
    CASE; li s2, 0xffffffff; c.slli s2, 32; CHECK(s2, 0xffffffff00000000)
    CASE; li t4, 3; c.slli t4, 1; CHECK(t4, 6)

    /* register-register (rd', rs2' in x8..x15) */
    CASE; li a0, 5; li a1, 7; c.sub a0, a1; CHECK(a0, -2)
    CASE; li a0, 0; li a1, 0x8000000000000000; c.sub a0, a1; CHECK(a0, 0x8000000000000000)
    CASE; li s0, 0xff00ff00ff00ff00; li s1, 0x0f0f0f0f0f0f0f0f; c.xor s0, s1; CHECK(s0, 0xf00ff00ff00ff00f)
    CASE; li s0, 0xff00ff00ff00ff00; li s1, 0x0f0f0f0f0f0f0f0f; c.or s0, s1; CHECK(s0, 0xff0fff0fff0fff0f)
    CASE; li s0, 0xff00ff00ff00ff00; li s1, 0x0f0f0f0f0f0f0f0f; c.and s0, s1; CHECK(s0, 0x0f000f000f000f00)
    CASE; li a2, 0x80000000; li a3, 1; c.subw a2, a3; CHECK(a2, 0x7fffffff)
    CASE; li a2, 0x1234567800000000; li a3, 1; c.subw a2, a3; CHECK(a2, -1)
    CASE; li a4, 0x7fffffff; li a5, 1; c.addw a4, a5; CHECK(a4, 0xffffffff80000000)
    CASE; li a4, 0xffffffff00000003; li a5, 0x0000000100000004; c.addw a4, a5; CHECK(a4, 7)
    CASE; li a4, 0x42; c.xor a4, a4; CHECK(a4, 0)

    /* c.mv, c.add */
    CASE; li a1, 0x123456789; c.mv a0, a1; CHECK(a0, 0x123456789)
    CASE; li t5, -1; c.mv s11, t5; CHECK(s11, -1)
    CASE; li a0, 0x7fffffffffffffff; li a1, 1; c.add a0, a1; CHECK(a0, 0x8000000000000000)
    CASE; li s7, 10; c.add s7, s7; CHECK(s7, 20)

    /* c.j, c.beqz, c.bnez, c.jr, c.jalr */
    CASE; c.j 1f; j rvt_fail; 1:
    CASE; li a0, 0; c.j 2f; 1: c.addi a0, 1; c.j 3f; 2: c.j 1b; 3: CHECK(a0, 1)
    CASE; li s0, 0; c.beqz s0, 1f; j rvt_fail; 1:
    CASE; li s0, 1; c.beqz s0, 1f; c.j 2f; 1: j rvt_fail; 2:
    CASE; li a5, 0x100000000; c.bnez a5, 1f; j rvt_fail; 1:
    CASE; li a5, 0; c.bnez a5, 1f; c.j 2f; 1: j rvt_fail; 2:
    CASE; li a0, 3; li a1, 0; 1: c.addi a1, 2; c.addi a0, -1; c.bnez a0, 1b; CHECK(a1, 6)
    CASE; la a0, 1f; c.jr a0; j rvt_fail; 1:
    CASE; la a0, 1f; addi a0, a0, 1; c.jr a0; j rvt_fail; 1:
    CASE; la a0, 1f; c.jalr a0; 2: j rvt_fail; 1: la a1, 2b; CHECK_REG(ra, a1)
    CASE; la ra, 1f; c.jalr ra; 2: j rvt_fail; 1: la a1, 2b; CHECK_REG(ra, a1)
    CASE; li a0, 21; la t0, c_double; c.jalr t0; CHECK(a0, 42)

    /* c.ebreak: breakpoint, mtval = mepc = its address */
    CASE; TRAP(CAUSE_BREAKPOINT, c.ebreak)
#ifndef RVT_QEMU /* QEMU: leaves mtval = 0 on breakpoints */
    CHECK_ENV_LABEL(RVT_TVAL, 97b)
#endif
    CASE; TRAP(CAUSE_BREAKPOINT, .hword 0x9002)
#ifndef RVT_QEMU /* QEMU: leaves mtval = 0 on breakpoints */
    CHECK_ENV_LABEL(RVT_TVAL, 97b)
#endif

    /* HINTs: no effect, no trap */
    CASE; li a0, 0x5a; NO_TRAP(.hword 0x0005; .hword 0x0501; .hword 0x4015; .hword 0x6005; .hword 0x0006; \
        .hword 0x0502; .hword 0x802a; .hword 0x902a; .hword 0x8101; .hword 0x8501; c.nop); CHECK(a0, 0x5a); CHECK(x0, 0)

    /* reserved encodings: illegal, mtval = the 16 bits */
    ILLEGAL16(0x0000)       /* all zeros */
    ILLEGAL16(0x0004)       /* c.addi4spn with imm = 0 */
    ILLEGAL16(0x0010)       /* c.addi4spn with imm = 0, rd' = a2 */
    ILLEGAL16(0x2005)       /* c.addiw with rd = x0 */
    ILLEGAL16(0x2001)       /* c.addiw with rd = x0, imm = 0 */
    ILLEGAL16(0x6501)       /* c.lui a0 with imm = 0 */
    ILLEGAL16(0x6001)       /* c.lui x0 with imm = 0 */
    ILLEGAL16(0x6101)       /* c.addi16sp with imm = 0 */
    ILLEGAL16(0x4002)       /* c.lwsp with rd = x0 */
    ILLEGAL16(0x5002)       /* c.lwsp with rd = x0, imm[5] = 1 */
    ILLEGAL16(0x6002)       /* c.ldsp with rd = x0 */
    ILLEGAL16(0x8002)       /* c.jr with rs1 = x0 */
    ILLEGAL16(0x9000)       /* quadrant 0, funct3 100, bits 12..10 = 100 */
    ILLEGAL16(0x9400)       /* ... 101 */
    ILLEGAL16(0x9800)       /* ... 110 */
    ILLEGAL16(0x9c00)       /* ... 111 */
    /* the FP loads and stores are illegal while mstatus.FS is Off (its reset value) */
    CASE; csrr a0, mstatus; li a1, MSTATUS_FS; and a0, a0, a1; CHECK(a0, 0)
    ILLEGAL16(0x2108)       /* c.fld fa0, 0(a0) */
    ILLEGAL16(0xa108)       /* c.fsd fa0, 0(a0) */
    ILLEGAL16(0x2502)       /* c.fldsp fa0, 0(sp) */
    ILLEGAL16(0xa02a)       /* c.fsdsp fa0, 0(sp) */

    /* a 4-byte instruction that straddles a page boundary */
    CASE; li a0, 0; call straddle; CHECK(a0, 1)

RVT_PASS

c_double:
    c.add a0, a0
    c.jr ra

    .balign 4096
    .skip 4092
straddle:
    c.nop
    .option norvc
    addi a0, zero, 1            /* bytes 4094..4097 of the page pair */
    .option rvc
    c.jr ra

RVT_CODE_END

RVT_DATA_BEGIN
    .balign 16
cdata:
    .dword 0x8877665544332211
    .org cdata + 120
    .dword 0xfedcba9876543210
    .org cdata + 248
    .dword 0x0123456789abcdef
    .org cdata + 504
    .dword 0x1122334455667788
    .dword 0
cbuf:
    .skip 512
RVT_DATA_END
