/*
 * f32: single-precision floating point.
 *
 * A 2D mass-spring cloth (sqrtf, division, f32 mul/add) stepped with explicit
 * Euler, followed by a separable 5-tap blur over a 128x128 f32 image and a
 * 48x48 f32 matrix multiply. The checksum folds the bit patterns of the
 * results, so any rounding difference shows up.
 */
#include "common.h"

#define GW 24
#define GN (GW * GW)
static float px[GN], py[GN], vx[GN], vy[GN], fx[GN], fy[GN];

static void cloth_init(void) {
  for (int j = 0; j < GW; j++) {
    for (int i = 0; i < GW; i++) {
      int k = j * GW + i;
      px[k] = (float)i * 0.1f;
      py[k] = (float)j * 0.1f;
      vx[k] = vy[k] = 0.0f;
    }
  }
}

static inline void spring(int a, int b, float rest) {
  float dx = px[b] - px[a], dy = py[b] - py[a];
  float len = __builtin_sqrtf(dx * dx + dy * dy) + 1e-6f;
  float f = (len - rest) * 40.0f / len;
  fx[a] += f * dx;
  fy[a] += f * dy;
  fx[b] -= f * dx;
  fy[b] -= f * dy;
}

static void cloth_step(float dt) {
  for (int k = 0; k < GN; k++) {
    fx[k] = -vx[k] * 0.02f;
    fy[k] = -9.8f * 0.01f - vy[k] * 0.02f;
  }
  for (int j = 0; j < GW; j++) {
    for (int i = 0; i < GW; i++) {
      int k = j * GW + i;
      if (i + 1 < GW) spring(k, k + 1, 0.1f);
      if (j + 1 < GW) spring(k, k + GW, 0.1f);
      if (i + 1 < GW && j + 1 < GW) spring(k, k + GW + 1, 0.1414f);
    }
  }
  for (int k = GW; k < GN; k++) { /* first row pinned */
    vx[k] += fx[k] * dt;
    vy[k] += fy[k] * dt;
    px[k] += vx[k] * dt;
    py[k] += vy[k] * dt;
  }
}

#define IW 128
static float img[IW * IW], tmp[IW * IW];

static void blur(void) {
  static const float w[5] = {0.0625f, 0.25f, 0.375f, 0.25f, 0.0625f};
  for (int y = 0; y < IW; y++) {
    for (int x = 2; x < IW - 2; x++) {
      float s = 0.0f;
      for (int t = 0; t < 5; t++) s += w[t] * img[y * IW + x + t - 2];
      tmp[y * IW + x] = s;
    }
  }
  for (int y = 2; y < IW - 2; y++) {
    for (int x = 0; x < IW; x++) {
      float s = 0.0f;
      for (int t = 0; t < 5; t++) s += w[t] * tmp[(y + t - 2) * IW + x];
      img[y * IW + x] = s * 1.01f + 0.001f;
    }
  }
}

#define MD 48
static float ma[MD * MD], mb[MD * MD], mc[MD * MD];

static void matmul(void) {
  for (int i = 0; i < MD; i++) {
    for (int j = 0; j < MD; j++) {
      float s = 0.0f;
      for (int k = 0; k < MD; k++) s += ma[i * MD + k] * mb[k * MD + j];
      mc[i * MD + j] = s;
    }
  }
  for (int i = 0; i < MD * MD; i++) ma[i] = mc[i] * (1.0f / 48.0f) - 0.001f;
}

u32 run(int n) {
  u32 state = 0x1234567u;
  cloth_init();
  for (int i = 0; i < IW * IW; i++) img[i] = (float)(xorshift32(&state) & 0xffff) / 65536.0f;
  for (int i = 0; i < MD * MD; i++) {
    ma[i] = (float)(xorshift32(&state) & 0xfff) / 4096.0f - 0.5f;
    mb[i] = (float)(xorshift32(&state) & 0xfff) / 4096.0f - 0.5f;
  }
  u32 acc = 0;
  for (int it = 0; it < n; it++) {
    for (int s = 0; s < 4; s++) cloth_step(0.002f);
    blur();
    matmul();
    acc = mix32(acc, f32_bits(px[GN - 1]) ^ f32_bits(py[GN / 2]));
    acc = mix32(acc, f32_bits(img[IW * 64 + 64]) ^ f32_bits(mc[MD * 7 + 11]));
  }
  return acc;
}
