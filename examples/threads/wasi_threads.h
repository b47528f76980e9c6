/*
 * Threads on wasi-threads without a threads libc: thread_create and
 * thread_join on `thread-spawn`, and a futex mutex on
 * memory.atomic.wait32/notify. Debian's wasi-libc (and clang 14) have no
 * wasm32-wasip1-threads sysroot, so this is the smallest runtime a C
 * program needs: stacks come from a static pool, and threads must not call
 * into libc (built without threads, it is not thread-safe).
 */
#ifndef WASI_THREADS_H
#define WASI_THREADS_H
#include <stdatomic.h>
#include <stdint.h>

#define WT_MAX_THREADS 16
#define WT_STACK_SIZE 32768

__attribute__((import_module("wasi"), import_name("thread-spawn")))
int32_t wt_thread_spawn(void *arg);

/* A thread. stack_top must stay first: start.s reads it at offset 0. */
struct wt_thread {
  void *stack_top;
  void (*fn)(void *);
  void *arg;
  _Atomic int done;
  int tid;
};

static _Alignas(16) char wt_stacks[WT_MAX_THREADS][WT_STACK_SIZE];
static _Atomic int wt_next_stack;

/* Called by start.s in the new thread. */
void wt_thread_main(int tid, struct wt_thread *t) {
  (void)tid;
  t->fn(t->arg);
  atomic_store(&t->done, 1);
  __builtin_wasm_memory_atomic_notify((int *)&t->done, 1);
}

/* Starts fn(arg) in a new thread; 0, or a negative error. */
static int thread_create(struct wt_thread *t, void (*fn)(void *), void *arg) {
  int slot = atomic_fetch_add(&wt_next_stack, 1);
  if (slot >= WT_MAX_THREADS) return -1;
  t->stack_top = wt_stacks[slot] + WT_STACK_SIZE;
  t->fn = fn;
  t->arg = arg;
  atomic_store(&t->done, 0);
  int tid = wt_thread_spawn(t);
  if (tid < 1) return tid;
  t->tid = tid;
  return 0;
}

/* Waits (sleeping, not spinning) until t's function returned. */
static void thread_join(struct wt_thread *t) {
  while (!atomic_load(&t->done)) __builtin_wasm_memory_atomic_wait32((int *)&t->done, 0, -1);
}

/* A futex mutex (Drepper's): 0 free, 1 locked, 2 locked with waiters. */
typedef struct { _Atomic int state; } wt_mutex;

static void mutex_lock(wt_mutex *m) {
  int c = 0;
  if (atomic_compare_exchange_strong(&m->state, &c, 1)) return;
  if (c != 2) c = atomic_exchange(&m->state, 2);
  while (c != 0) {
    __builtin_wasm_memory_atomic_wait32((int *)&m->state, 2, -1);
    c = atomic_exchange(&m->state, 2);
  }
}

static void mutex_unlock(wt_mutex *m) {
  if (atomic_fetch_sub(&m->state, 1) != 1) {
    atomic_store(&m->state, 0);
    __builtin_wasm_memory_atomic_notify((int *)&m->state, 1);
  }
}
#endif
