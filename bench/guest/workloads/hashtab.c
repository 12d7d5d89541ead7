/*
 * hashtab.c - an open-addressing hash table (linear probing, 2^18 slots of
 * 64-bit key and value): each round empties it, inserts 150,000 pseudo-random
 * keys, then looks up 300,000 keys, half of them present. Hashing,
 * unpredictable loads and branches.
 *
 * Checksum: the number of hits and the sum of the values found.
 */
#include <string.h>

#include "bench.h"

const char workload_name[] = "hashtab";

#define SLOT_BITS 18
#define SLOTS (1u << SLOT_BITS)
#define INSERTS 150000
#define MASK (SLOTS - 1)

/* key 0 marks an empty slot; generated keys have their low bit set. */
static uint64_t keys[SLOTS], values[SLOTS];

static inline uint32_t slot_of(uint64_t key)
{
	return (uint32_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - SLOT_BITS));
}

static void insert(uint64_t key, uint64_t value)
{
	uint32_t s = slot_of(key);
	while (keys[s] != 0 && keys[s] != key)
		s = (s + 1) & MASK;
	keys[s] = key;
	values[s] = value;
}

static int lookup(uint64_t key, uint64_t *value)
{
	for (uint32_t s = slot_of(key);; s = (s + 1) & MASK) {
		if (keys[s] == key) {
			*value = values[s];
			return 1;
		}
		if (keys[s] == 0)
			return 0;
	}
}

uint64_t workload(uint64_t scale_milli)
{
	uint64_t rounds = bench_scaled(12, scale_milli), sum = 0;
	for (uint64_t r = 0; r < rounds; r++) {
		memset(keys, 0, sizeof keys);
		uint64_t seed = 0xABCDEF + r;
		for (uint64_t i = 0; i < INSERTS; i++)
			insert(bench_rand(&seed) | 1, i);
		uint64_t again = 0xABCDEF + r, miss = 0x5EED + r, hits = 0, found = 0;
		for (uint64_t i = 0; i < INSERTS; i++) {
			uint64_t v;
			if (lookup(bench_rand(&again) | 1, &v)) {
				hits++;
				found += v;
			}
			if (lookup(bench_rand(&miss) | 1, &v)) {
				hits++;
				found += v;
			}
		}
		sum = bench_mix(sum, hits);
		sum = bench_mix(sum, found);
	}
	return sum;
}
