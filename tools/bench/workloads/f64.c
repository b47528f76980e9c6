/*
 * f64: double-precision floating point.
 *
 * The classic n-body simulation (5 planets, sqrt and division in the inner
 * loop), Mandelbrot escape counts over a zooming 32x32 grid, and a spectral-norm
 * style matrix-vector product. The checksum folds the f64 bit patterns.
 */
#include "common.h"

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NB 5

typedef struct {
  double x, y, z, vx, vy, vz, mass;
} body;

static body bodies[NB];

static const body initial[NB] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS},
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
     -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
     2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
     -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS},
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
     -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS},
};

static void advance(double dt) {
  for (int i = 0; i < NB; i++) {
    body *bi = &bodies[i];
    for (int j = i + 1; j < NB; j++) {
      body *bj = &bodies[j];
      double dx = bi->x - bj->x, dy = bi->y - bj->y, dz = bi->z - bj->z;
      double d2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (d2 * __builtin_sqrt(d2));
      bi->vx -= dx * bj->mass * mag;
      bi->vy -= dy * bj->mass * mag;
      bi->vz -= dz * bj->mass * mag;
      bj->vx += dx * bi->mass * mag;
      bj->vy += dy * bi->mass * mag;
      bj->vz += dz * bi->mass * mag;
    }
  }
  for (int i = 0; i < NB; i++) {
    bodies[i].x += dt * bodies[i].vx;
    bodies[i].y += dt * bodies[i].vy;
    bodies[i].z += dt * bodies[i].vz;
  }
}

static double energy(void) {
  double e = 0.0;
  for (int i = 0; i < NB; i++) {
    body *b = &bodies[i];
    e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
    for (int j = i + 1; j < NB; j++) {
      double dx = b->x - bodies[j].x, dy = b->y - bodies[j].y, dz = b->z - bodies[j].z;
      e -= b->mass * bodies[j].mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

/* escape counts over a size x size grid, zoomed by `zoom` */
static u32 mandel(int size, int maxit, double zoom) {
  u32 count = 0;
  for (int py = 0; py < size; py++) {
    double ci = ((double)py * 2.4 / size - 1.2) * zoom + 0.1;
    for (int px = 0; px < size; px++) {
      double cr = ((double)px * 3.0 / size - 2.1) * zoom - 0.3;
      double zr = 0, zi = 0;
      int it = 0;
      while (it < maxit && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        it++;
      }
      count += (u32)it;
    }
  }
  return count;
}

#define SN 64
static double su[SN], sv[SN], st[SN];

static inline double sa(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_atav(const double *v, double *out) {
  for (int i = 0; i < SN; i++) {
    double s = 0;
    for (int j = 0; j < SN; j++) s += sa(i, j) * v[j];
    st[i] = s;
  }
  for (int i = 0; i < SN; i++) {
    double s = 0;
    for (int j = 0; j < SN; j++) s += sa(j, i) * st[j];
    out[i] = s;
  }
}

u32 run(int n) {
  for (int i = 0; i < NB; i++) bodies[i] = initial[i];
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < NB; i++) {
    px += bodies[i].vx * bodies[i].mass;
    py += bodies[i].vy * bodies[i].mass;
    pz += bodies[i].vz * bodies[i].mass;
  }
  bodies[0].vx = -px / SOLAR_MASS;
  bodies[0].vy = -py / SOLAR_MASS;
  bodies[0].vz = -pz / SOLAR_MASS;

  u64 acc = f64_bits(energy());
  for (int i = 0; i < n * 200; i++) advance(0.01);
  acc ^= f64_bits(energy()) * 31;

  for (int i = 0; i < n; i++) acc += mandel(32, 64, 1.0 / (1.0 + i * 0.05));

  for (int i = 0; i < SN; i++) su[i] = 1.0;
  for (int i = 0; i < n / 2 + 1; i++) {
    mul_atav(su, sv);
    mul_atav(sv, su);
  }
  double vbv = 0, vv = 0;
  for (int i = 0; i < SN; i++) {
    vbv += su[i] * sv[i];
    vv += sv[i] * sv[i];
  }
  acc = acc * 0x9E3779B97F4A7C15ull + f64_bits(__builtin_sqrt(vbv / vv));
  return (u32)(acc ^ (acc >> 32));
}
