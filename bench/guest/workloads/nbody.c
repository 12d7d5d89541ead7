/*
 * nbody.c - the Sun and the four giant planets under Newtonian gravity,
 * advanced with a fixed step (the classic n-body kernel). Dependent
 * floating-point multiplies, divides and square roots.
 *
 * Checksum: the bits of the system's energy before and after, and of the
 * final positions. Needs only + - * / and sqrt, which IEEE 754 rounds
 * exactly, and -ffp-contract=off, so every build agrees bit for bit.
 */
#include "bench.h"

const char workload_name[] = "nbody";

#define BODIES 5
#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24

struct body {
	double x, y, z, vx, vy, vz, mass;
};

/* Positions in AU, velocities in AU per day (scaled to per year below). */
static const struct body initial[BODIES] = {
	{ 0, 0, 0, 0, 0, 0, SOLAR_MASS },
	{ 4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
	  1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
	  9.54791938424326609e-04 },
	{ 8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
	  -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
	  2.85885980666130812e-04 },
	{ 1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
	  2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
	  4.36624404335156298e-05 },
	{ 1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
	  2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
	  5.15138902046611451e-05 },
};

static struct body b[BODIES];

static double sqrt_d(double x) { return __builtin_sqrt(x); }

static void advance(double dt)
{
	for (int i = 0; i < BODIES; i++)
		for (int j = i + 1; j < BODIES; j++) {
			double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
			double d2 = dx * dx + dy * dy + dz * dz;
			double mag = dt / (d2 * sqrt_d(d2));
			b[i].vx -= dx * b[j].mass * mag;
			b[i].vy -= dy * b[j].mass * mag;
			b[i].vz -= dz * b[j].mass * mag;
			b[j].vx += dx * b[i].mass * mag;
			b[j].vy += dy * b[i].mass * mag;
			b[j].vz += dz * b[i].mass * mag;
		}
	for (int i = 0; i < BODIES; i++) {
		b[i].x += dt * b[i].vx;
		b[i].y += dt * b[i].vy;
		b[i].z += dt * b[i].vz;
	}
}

static double energy(void)
{
	double e = 0;
	for (int i = 0; i < BODIES; i++) {
		e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
		for (int j = i + 1; j < BODIES; j++) {
			double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
			e -= b[i].mass * b[j].mass / sqrt_d(dx * dx + dy * dy + dz * dz);
		}
	}
	return e;
}

uint64_t workload(uint64_t scale_milli)
{
	uint64_t steps = bench_scaled(200000, scale_milli), sum = 0;
	double px = 0, py = 0, pz = 0;
	for (int i = 0; i < BODIES; i++) {
		b[i] = initial[i];
		if (i > 0) {
			b[i].vx *= DAYS_PER_YEAR;
			b[i].vy *= DAYS_PER_YEAR;
			b[i].vz *= DAYS_PER_YEAR;
			b[i].mass *= SOLAR_MASS;
		}
		px += b[i].vx * b[i].mass;
		py += b[i].vy * b[i].mass;
		pz += b[i].vz * b[i].mass;
	}
	/* Give the Sun the momentum that makes the system's total zero. */
	b[0].vx = -px / SOLAR_MASS;
	b[0].vy = -py / SOLAR_MASS;
	b[0].vz = -pz / SOLAR_MASS;
	sum = bench_mix(sum, bench_double_bits(energy()));
	for (uint64_t s = 0; s < steps; s++)
		advance(0.01);
	sum = bench_mix(sum, bench_double_bits(energy()));
	for (int i = 0; i < BODIES; i++) {
		sum = bench_mix(sum, bench_double_bits(b[i].x));
		sum = bench_mix(sum, bench_double_bits(b[i].y));
		sum = bench_mix(sum, bench_double_bits(b[i].z));
	}
	return sum;
}
