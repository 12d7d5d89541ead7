#include <stdint.h>

enum {
	HOSTFP_ADD,
	HOSTFP_SUB,
	HOSTFP_MUL,
	HOSTFP_DIV,
	HOSTFP_SQRT,
	HOSTFP_FMA,
	HOSTFP_EQ,
	HOSTFP_LT,
	HOSTFP_LE,
	HOSTFP_CLASS,
	HOSTFP_MIN,
	HOSTFP_MAX,
	HOSTFP_TO_I32,
	HOSTFP_TO_U32,
	HOSTFP_TO_I64,
	HOSTFP_TO_U64,
	HOSTFP_FROM_I32,
	HOSTFP_FROM_U32,
	HOSTFP_FROM_I64,
	HOSTFP_FROM_U64,
	HOSTFP_WIDEN,  // binary32 to binary64 (run32 only)
	HOSTFP_NARROW, // binary64 to binary32 (run64 only)
};

unsigned hostfp_run32(int op, uint64_t a, uint64_t b, uint64_t c, int rm, uint64_t *res);
unsigned hostfp_run64(int op, uint64_t a, uint64_t b, uint64_t c, int rm, uint64_t *res);
