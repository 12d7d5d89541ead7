/*
 * crc32.c - CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) of a
 * 64 KiB buffer of pseudo-random bytes, repeated: the checksum is the CRC of
 * the buffer concatenated `rounds` times. One table lookup, shift and xor
 * per byte.
 */
#include "bench.h"

const char workload_name[] = "crc32";

#define BUF_LEN 65536

static uint32_t table[256];
static uint8_t buf[BUF_LEN];

uint64_t workload(uint64_t scale_milli)
{
	uint64_t rounds = bench_scaled(600, scale_milli);
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int j = 0; j < 8; j++)
			c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
		table[i] = c;
	}
	uint64_t seed = 0x12345678;
	for (size_t i = 0; i < BUF_LEN; i++)
		buf[i] = (uint8_t)bench_rand(&seed);
	uint32_t crc = 0xFFFFFFFFu;
	for (uint64_t r = 0; r < rounds; r++)
		for (size_t i = 0; i < BUF_LEN; i++)
			crc = table[(crc ^ buf[i]) & 0xFF] ^ (crc >> 8);
	return crc ^ 0xFFFFFFFFu;
}
