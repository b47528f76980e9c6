/* A threaded bytecode VM: every handler ends in a guaranteed tail call
 * ([[clang::musttail]]) to the next handler through a table, the dispatch
 * style of wasm3 and of Python 3.14's tail-calling interpreter. With
 * -mtail-call these become return_call_indirect; deep recursion in the
 * guest (a recursive Fibonacci in bytecode) uses an explicit stack. */
#include <stdint.h>
#include <stdio.h>

typedef struct vm vm;
typedef int64_t (*handler)(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc);
struct vm { const handler *table; int64_t *stack_base; uint64_t steps; const uint8_t *code; int64_t *frames; int fp; };

enum { PUSH, ADD, SUB, MUL, DUP, SWAP, DROP, JZ, JMP, LT, CALL, RET, HALT, ARG, OVER, MOD, NOP };

#define NEXT(m, ip, sp, acc) __attribute__((musttail)) return (m)->table[*(ip)]((m), (ip) + 1, (sp), (acc))

static int64_t op_push(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) {
  int32_t v = (int32_t)(ip[0] | ip[1] << 8 | ip[2] << 16 | (uint32_t)ip[3] << 24);
  *sp++ = acc; acc = v; m->steps++;
  NEXT(m, ip + 4, sp, acc);
}
static int64_t op_add(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { acc = *--sp + acc; m->steps++; NEXT(m, ip, sp, acc); }
static int64_t op_sub(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { acc = *--sp - acc; m->steps++; NEXT(m, ip, sp, acc); }
static int64_t op_mul(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { acc = *--sp * acc; m->steps++; NEXT(m, ip, sp, acc); }
static int64_t op_mod(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { acc = *--sp % acc; m->steps++; NEXT(m, ip, sp, acc); }
static int64_t op_dup(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { *sp++ = acc; m->steps++; NEXT(m, ip, sp, acc); }
static int64_t op_over(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { int64_t t = sp[-1]; *sp++ = acc; acc = t; m->steps++; NEXT(m, ip, sp, acc); }
static int64_t op_swap(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { int64_t t = sp[-1]; sp[-1] = acc; acc = t; m->steps++; NEXT(m, ip, sp, acc); }
static int64_t op_drop(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { acc = *--sp; m->steps++; NEXT(m, ip, sp, acc); }
static int64_t op_lt(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { acc = *--sp < acc; m->steps++; NEXT(m, ip, sp, acc); }
static int64_t op_jz(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) {
  int64_t c = acc; acc = *--sp; m->steps++;
  if (c == 0) { NEXT(m, m->code + ip[0], sp, acc); }
  NEXT(m, ip + 1, sp, acc);
}
static int64_t op_jmp(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { m->steps++; NEXT(m, m->code + ip[0], sp, acc); }
/* CALL target: pushes the return address on the frame stack; the argument stays in acc */
static int64_t op_call(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) {
  m->frames[m->fp++] = (ip + 1) - m->code;
  m->frames[m->fp++] = acc; /* the argument, read by ARG */
  m->steps++;
  NEXT(m, m->code + ip[0], sp, acc);
}
static int64_t op_arg(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { *sp++ = acc; acc = m->frames[m->fp - 1]; m->steps++; NEXT(m, ip, sp, acc); }
static int64_t op_ret(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) {
  m->fp -= 2;
  m->steps++;
  (void)ip;
  NEXT(m, m->code + m->frames[m->fp], sp, acc);
}
static int64_t op_nop(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { m->steps++; NEXT(m, ip, sp, acc); }
static int64_t op_halt(vm *m, const uint8_t *ip, int64_t *sp, int64_t acc) { (void)ip; (void)sp; (void)m; return acc; }

static const handler TABLE[] = {op_push, op_add, op_sub, op_mul, op_dup, op_swap, op_drop, op_jz, op_jmp, op_lt, op_call, op_ret, op_halt, op_arg, op_over, op_mod, op_nop};

#define I32(v) (uint8_t)(v), (uint8_t)((v) >> 8), (uint8_t)((v) >> 16), (uint8_t)((uint32_t)(v) >> 24)

static int64_t stack[4096], frames[4096];

static int64_t run(const uint8_t *code, int64_t arg, uint64_t *steps) {
  vm m = {TABLE, stack, 0, code, frames, 0};
  stack[0] = 0;
  int64_t r = TABLE[code[0]](&m, code + 1, stack + 1, arg);
  *steps = m.steps;
  return r;
}

int main(void) {
  /* fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2); entry: CALL fib; HALT. */
  static const uint8_t fib[] = {CALL, 3, HALT,
                                /* 3: */ ARG, PUSH, I32(2), LT, JZ, 13,
                                /* 12: */ RET,
                                /* 13: */ PUSH, I32(1), SUB, CALL, 3, ARG, PUSH, I32(2), SUB, CALL, 3, ADD, RET};
  /* sum(n) = n < 1 ? 0 : n + sum(n - 1): 2000 guest frames deep */
  static const uint8_t sum[] = {CALL, 3, HALT,
                                /* 3: */ ARG, PUSH, I32(1), LT, JZ, 13,
                                /* 12: */ RET,
                                /* 13: */ PUSH, I32(1), SUB, CALL, 3, ARG, ADD, RET};
  for (int n = 0; n <= 20; n += 4) {
    uint64_t steps;
    int64_t r = run(fib, n, &steps);
    printf("fib(%d) = %lld in %llu steps\n", n, (long long)r, (unsigned long long)steps);
  }
  for (int n = 1; n <= 2000; n *= 3) {
    uint64_t steps;
    int64_t r = run(sum, n, &steps);
    printf("sum(%d) = %lld in %llu steps\n", n, (long long)r, (unsigned long long)steps);
  }
  return 0;
}
