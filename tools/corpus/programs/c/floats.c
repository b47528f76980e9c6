/* libc numerics: printf of floats in every conversion, strtod round trips,
 * libm functions, float<->int conversions at the edges, qsort and bsearch
 * of doubles and structs, and a small matrix LU solve. wasi-libc's printf
 * (musl) does float formatting with long double (f128 soft-float calls),
 * so this exercises i64 arithmetic heavily as well. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double values[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 123456789.125,
                                1e-300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                                3.141592653589793, 2.718281828459045, 1e21, 1e22, 9007199254740993.0,
                                0.5, 1.5, 2.5, -2.5, 1e-7, 123.456e-10};

typedef struct { char name[12]; double score; int id; } rec;

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int cmp_rec(const void *a, const void *b) {
  const rec *x = a, *y = b;
  if (x->score != y->score) return x->score < y->score ? 1 : -1;
  return strcmp(x->name, y->name);
}

int main(void) {
  size_t nv = sizeof values / sizeof values[0];
  for (size_t i = 0; i < nv; i++) {
    double v = values[i];
    printf("%zu: %f | %.3e | %g | %.17g | %a | %10.4f | %-12.2e| %+.0f\n", i, v, v, v, v, v, v, v, v);
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", v);
    double back = strtod(buf, NULL);
    printf("   roundtrip %s %s\n", buf, memcmp(&back, &v, sizeof v) == 0 ? "exact" : "DIFFERENT");
  }
  float fv[] = {0.1f, 1.0f / 3.0f, 16777217.0f, FLT_MAX, FLT_MIN, 1e-45f};
  for (size_t i = 0; i < sizeof fv / sizeof fv[0]; i++) printf("float %zu: %.9g %a\n", i, fv[i], fv[i]);
  printf("inf %f %e %g, -inf %f\n", INFINITY, INFINITY, INFINITY, -INFINITY);
  printf("nan %f isnan %d\n", fabs(NAN), isnan(NAN));

  const char *inputs[] = {"0", "1e10", "-3.75", "0x1.8p3", "1e-320", "1e400", "  42abc", "3.14159265358979323846264338", ".5e-3", "inf", "-nan(0)"};
  for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
    char *end;
    double d = strtod(inputs[i], &end);
    float f = strtof(inputs[i], NULL);
    long l = strtol(inputs[i], NULL, 0);
    printf("strtod(\"%s\") = %.17g (rest \"%s\") strtof %.9g strtol %ld\n", inputs[i], isnan(d) ? fabs(d) : d, end, isnan(f) ? fabsf(f) : f, l);
  }

  for (int i = -8; i <= 8; i++) {
    double x = i * 0.37 + 0.01;
    printf("x=%.2f sin %.15f cos %.15f tan %.12g exp %.15g log|x| %.15g atan2 %.15f cbrt %.15g pow %.15g\n",
           x, sin(x), cos(x), tan(x), exp(x), log(fabs(x)), atan2(x, 1.0 - x), cbrt(x), pow(fabs(x), 1.7));
    printf("   floor %g ceil %g round %g trunc %g rint %g fmod %.15g hypot %.15g sqrtf %.9g\n", floor(x * 3),
           ceil(x * 3), round(x * 3), trunc(x * 3), rint(x * 3), fmod(x * 7, 1.3), hypot(x, 2.0), (double)sqrtf((float)fabs(x)));
  }
  /* conversions: saturating/truncating casts the C code defines */
  double conv[] = {0.9, -0.9, 2147483647.0, -2147483648.0, 4294967295.0, 1e15, -1e15, 9.2e18};
  for (size_t i = 0; i < sizeof conv / sizeof conv[0]; i++) {
    double c = conv[i];
    long long ll = (long long)c;
    unsigned long long ull = c >= 0 ? (unsigned long long)c : 0;
    int ii = (c > -2147483649.0 && c < 2147483648.0) ? (int)c : 0;
    printf("conv %.1f -> %d %lld %llu %.9g\n", c, ii, ll, ull, (double)(float)c);
  }
  for (uint64_t u = 1; u; u <<= 7) printf("u64 %llu -> %.17g / %.9g\n", (unsigned long long)u, (double)u, (double)(float)u);

  enum { N = 2000 };
  static double arr[N];
  static rec recs[300];
  uint32_t s = 7;
  for (int i = 0; i < N; i++) { s = s * 1664525u + 1013904223u; arr[i] = (double)(int32_t)s / 65536.0; }
  qsort(arr, N, sizeof(double), cmp_double);
  double sum = 0;
  for (int i = 0; i < N; i++) sum += arr[i] * (i + 1);
  printf("sorted: first %.6f median %.6f last %.6f weighted %.6f\n", arr[0], arr[N / 2], arr[N - 1], sum);
  int found = 0;
  for (int i = 0; i < N; i += 37) found += bsearch(&arr[i], arr, N, sizeof(double), cmp_double) != NULL;
  printf("bsearch found %d\n", found);
  for (int i = 0; i < 300; i++) {
    s = s * 1664525u + 1013904223u;
    snprintf(recs[i].name, sizeof recs[i].name, "r%05u", s % 100000);
    recs[i].score = (s >> 20) % 17 * 0.25;
    recs[i].id = i;
  }
  qsort(recs, 300, sizeof(rec), cmp_rec);
  for (int i = 0; i < 300; i += 29) printf("rec %s %.2f %d\n", recs[i].name, recs[i].score, recs[i].id);

  /* LU decomposition with partial pivoting of a Hilbert-like matrix */
  enum { M = 8 };
  double a[M][M], b[M], xs[M];
  for (int i = 0; i < M; i++) { for (int j = 0; j < M; j++) a[i][j] = 1.0 / (i + j + 1) + (i == j); b[i] = i + 1; }
  for (int k = 0; k < M; k++) {
    int p = k;
    for (int i = k + 1; i < M; i++) if (fabs(a[i][k]) > fabs(a[p][k])) p = i;
    if (p != k) { for (int j = 0; j < M; j++) { double t = a[k][j]; a[k][j] = a[p][j]; a[p][j] = t; } double t = b[k]; b[k] = b[p]; b[p] = t; }
    for (int i = k + 1; i < M; i++) {
      double f = a[i][k] / a[k][k];
      for (int j = k; j < M; j++) a[i][j] -= f * a[k][j];
      b[i] -= f * b[k];
    }
  }
  for (int i = M - 1; i >= 0; i--) {
    double t = b[i];
    for (int j = i + 1; j < M; j++) t -= a[i][j] * xs[j];
    xs[i] = t / a[i][i];
  }
  for (int i = 0; i < M; i++) printf("x[%d] = %.17g\n", i, xs[i]);
  return 0;
}
