/*
 * interp: a larger program, a tiny language implementation.
 *
 * A lexer, a single-pass recursive-descent compiler to stack bytecode, and a
 * switch-dispatched virtual machine (br_table heavy), for a small language
 * with functions, locals, if/else, while, integer arithmetic and one global
 * array. The embedded program runs recursive fib, a sieve of Eratosthenes, a
 * Collatz search and a GCD-driven mixing loop, all scaled by n. run(n)
 * compiles the source and calls main(n).
 */
#include "common.h"

static const char SOURCE[] =
    "fn fib(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); }\n"
    "fn sieve(n) {\n"
    "  var i = 2; while (i < n) { @[i] = 1; i = i + 1; }\n"
    "  var count = 0; i = 2;\n"
    "  while (i < n) {\n"
    "    if (@[i]) { count = count + 1; var j = i * i; while (j < n) { @[j] = 0; j = j + i; } }\n"
    "    i = i + 1;\n"
    "  }\n"
    "  return count;\n"
    "}\n"
    "fn collatz(limit) {\n"
    "  var best = 0; var x = 1;\n"
    "  while (x < limit) {\n"
    "    var y = x; var steps = 0;\n"
    "    while (y != 1) { if (y % 2) { y = 3 * y + 1; } else { y = y / 2; } steps = steps + 1; }\n"
    "    if (steps > best) { best = steps; }\n"
    "    x = x + 1;\n"
    "  }\n"
    "  return best;\n"
    "}\n"
    "fn gcd(a, b) { while (b != 0) { var t = a % b; a = b; b = t; } return a; }\n"
    "fn mix(n) {\n"
    "  var s = 0; var i = 1;\n"
    "  while (i <= n) { s = (s ^ (i * 2654435 + gcd(i, 360))) & 1048575; i = i + 1; }\n"
    "  return s;\n"
    "}\n"
    "fn main(n) {\n"
    "  var f = 0; var k = 0;\n"
    "  while (k < n) { f = f + fib(12 + k % 4); k = k + 1; }\n"
    "  return f * 7 + sieve(n * 2000) * 3 + collatz(n * 100) + mix(n * 500);\n"
    "}\n";

/* ---------------------------------------------------------------- lexer */

enum {
  T_EOF,
  T_NUM,
  T_ID,
  T_FN,
  T_VAR,
  T_IF,
  T_ELSE,
  T_WHILE,
  T_RETURN,
  T_LE,
  T_GE,
  T_EQ,
  T_NE,
  T_AND,
  T_OR,
  T_SHL,
  T_SHR,
  T_CHAR /* single character token: value in tok_char */
};

static const char *src;
static int pos;
static int tok, tok_char, tok_num, tok_start, tok_len;
static int error;

static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }

static int word_is(const char *w) {
  int i = 0;
  for (; i < tok_len; i++) {
    if (w[i] != src[tok_start + i]) return 0;
  }
  return w[i] == 0;
}

static void next(void) {
  while (src[pos] == ' ' || src[pos] == '\n' || src[pos] == '\t') pos++;
  tok_start = pos;
  int c = src[pos];
  if (c == 0) {
    tok = T_EOF;
    return;
  }
  if (is_digit(c)) {
    int v = 0;
    while (is_digit(src[pos])) v = v * 10 + (src[pos++] - '0');
    tok = T_NUM;
    tok_num = v;
    tok_len = pos - tok_start;
    return;
  }
  if (is_alpha(c)) {
    while (is_alpha(src[pos]) || is_digit(src[pos])) pos++;
    tok_len = pos - tok_start;
    tok = T_ID;
    if (word_is("fn")) tok = T_FN;
    else if (word_is("var")) tok = T_VAR;
    else if (word_is("if")) tok = T_IF;
    else if (word_is("else")) tok = T_ELSE;
    else if (word_is("while")) tok = T_WHILE;
    else if (word_is("return")) tok = T_RETURN;
    return;
  }
  int d = src[pos + 1];
  pos += 2;
  tok_len = 2;
  if (c == '<' && d == '=') tok = T_LE;
  else if (c == '>' && d == '=') tok = T_GE;
  else if (c == '=' && d == '=') tok = T_EQ;
  else if (c == '!' && d == '=') tok = T_NE;
  else if (c == '&' && d == '&') tok = T_AND;
  else if (c == '|' && d == '|') tok = T_OR;
  else if (c == '<' && d == '<') tok = T_SHL;
  else if (c == '>' && d == '>') tok = T_SHR;
  else {
    pos--;
    tok_len = 1;
    tok = T_CHAR;
    tok_char = c;
  }
}

static int accept_char(int c) {
  if (tok == T_CHAR && tok_char == c) {
    next();
    return 1;
  }
  return 0;
}

static void expect_char(int c) {
  if (!accept_char(c)) error = 1;
}

/* ------------------------------------------------------------- bytecode */

enum {
  OP_PUSH, OP_LOAD, OP_STORE, OP_POP, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_AND,
  OP_OR, OP_XOR, OP_SHL, OP_SHR, OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE, OP_LAND,
  OP_LOR, OP_NEG, OP_NOT, OP_JMP, OP_JZ, OP_CALL, OP_RET, OP_ALOAD, OP_ASTORE, OP_HALT
};

#define MAX_CODE 8192
#define MAX_FUNCS 32
#define MAX_LOCALS 32

static i32 code[MAX_CODE];
static int ncode;

typedef struct {
  int name_start, name_len;
  int entry;
  int nparams, nlocals;
} func;

static func funcs[MAX_FUNCS];
static int nfuncs;

static int local_start[MAX_LOCALS], local_len[MAX_LOCALS];
static int nlocals;

static void emit(i32 v) {
  if (ncode < MAX_CODE) code[ncode++] = v;
  else error = 1;
}

static int same_name(int s1, int l1, int s2, int l2) {
  if (l1 != l2) return 0;
  for (int i = 0; i < l1; i++) {
    if (src[s1 + i] != src[s2 + i]) return 0;
  }
  return 1;
}

static int find_func(int start, int len) {
  for (int i = 0; i < nfuncs; i++) {
    if (same_name(funcs[i].name_start, funcs[i].name_len, start, len)) return i;
  }
  if (nfuncs == MAX_FUNCS) {
    error = 1;
    return 0;
  }
  funcs[nfuncs].name_start = start;
  funcs[nfuncs].name_len = len;
  funcs[nfuncs].entry = -1;
  return nfuncs++;
}

static int find_local(int start, int len, int create) {
  for (int i = 0; i < nlocals; i++) {
    if (same_name(local_start[i], local_len[i], start, len)) return i;
  }
  if (!create || nlocals == MAX_LOCALS) {
    error = 1;
    return 0;
  }
  local_start[nlocals] = start;
  local_len[nlocals] = len;
  return nlocals++;
}

/* ------------------------------------------------------------- compiler */

static void expr(void);

static void primary(void) {
  if (tok == T_NUM) {
    emit(OP_PUSH);
    emit(tok_num);
    next();
  } else if (tok == T_ID) {
    int s = tok_start, l = tok_len;
    next();
    if (accept_char('(')) {
      int argc = 0;
      if (!accept_char(')')) {
        do {
          expr();
          argc++;
        } while (accept_char(','));
        expect_char(')');
      }
      emit(OP_CALL);
      emit(find_func(s, l));
      emit(argc);
    } else {
      emit(OP_LOAD);
      emit(find_local(s, l, 0));
    }
  } else if (accept_char('@')) {
    expect_char('[');
    expr();
    expect_char(']');
    emit(OP_ALOAD);
  } else if (accept_char('(')) {
    expr();
    expect_char(')');
  } else if (accept_char('-')) {
    primary();
    emit(OP_NEG);
  } else if (accept_char('!')) {
    primary();
    emit(OP_NOT);
  } else {
    error = 1;
    next();
  }
}

/* precedence of the current token as a binary operator, and its opcode */
static int binop(int *op) {
  if (tok == T_CHAR) {
    switch (tok_char) {
      case '*': *op = OP_MUL; return 10;
      case '/': *op = OP_DIV; return 10;
      case '%': *op = OP_MOD; return 10;
      case '+': *op = OP_ADD; return 9;
      case '-': *op = OP_SUB; return 9;
      case '<': *op = OP_LT; return 7;
      case '>': *op = OP_GT; return 7;
      case '&': *op = OP_AND; return 5;
      case '^': *op = OP_XOR; return 4;
      case '|': *op = OP_OR; return 3;
    }
    return -1;
  }
  switch (tok) {
    case T_SHL: *op = OP_SHL; return 8;
    case T_SHR: *op = OP_SHR; return 8;
    case T_LE: *op = OP_LE; return 7;
    case T_GE: *op = OP_GE; return 7;
    case T_EQ: *op = OP_EQ; return 6;
    case T_NE: *op = OP_NE; return 6;
    case T_AND: *op = OP_LAND; return 2;
    case T_OR: *op = OP_LOR; return 1;
  }
  return -1;
}

static void binary(int min_prec) {
  primary();
  for (;;) {
    int op;
    int prec = binop(&op);
    if (prec < min_prec || error) return;
    next();
    binary(prec + 1);
    emit(op);
  }
}

static void expr(void) { binary(0); }

static void block(void);

static void statement(void) {
  if (tok == T_VAR) {
    next();
    int slot = find_local(tok_start, tok_len, 1);
    next();
    expect_char('=');
    expr();
    expect_char(';');
    emit(OP_STORE);
    emit(slot);
  } else if (tok == T_IF) {
    next();
    expect_char('(');
    expr();
    expect_char(')');
    emit(OP_JZ);
    int jz = ncode;
    emit(0);
    block();
    if (tok == T_ELSE) {
      next();
      emit(OP_JMP);
      int jmp = ncode;
      emit(0);
      code[jz] = ncode;
      block();
      code[jmp] = ncode;
    } else {
      code[jz] = ncode;
    }
  } else if (tok == T_WHILE) {
    next();
    int top = ncode;
    expect_char('(');
    expr();
    expect_char(')');
    emit(OP_JZ);
    int jz = ncode;
    emit(0);
    block();
    emit(OP_JMP);
    emit(top);
    code[jz] = ncode;
  } else if (tok == T_RETURN) {
    next();
    expr();
    expect_char(';');
    emit(OP_RET);
  } else if (tok == T_CHAR && tok_char == '@') {
    next();
    expect_char('[');
    expr();
    expect_char(']');
    expect_char('=');
    expr();
    expect_char(';');
    emit(OP_ASTORE);
  } else if (tok == T_ID) {
    int slot = find_local(tok_start, tok_len, 0);
    next();
    expect_char('=');
    expr();
    expect_char(';');
    emit(OP_STORE);
    emit(slot);
  } else {
    error = 1;
    next();
  }
}

static void block(void) {
  expect_char('{');
  while (!error && tok != T_EOF && !(tok == T_CHAR && tok_char == '}')) statement();
  expect_char('}');
}

static void function(void) {
  next(); /* fn */
  int f = find_func(tok_start, tok_len);
  next();
  nlocals = 0;
  expect_char('(');
  if (!accept_char(')')) {
    do {
      find_local(tok_start, tok_len, 1);
      next();
    } while (accept_char(','));
    expect_char(')');
  }
  funcs[f].nparams = nlocals;
  funcs[f].entry = ncode;
  block();
  emit(OP_PUSH);
  emit(0);
  emit(OP_RET);
  funcs[f].nlocals = nlocals;
}

static int compile(const char *text) {
  src = text;
  pos = 0;
  ncode = 0;
  nfuncs = 0;
  error = 0;
  next();
  while (!error && tok == T_FN) function();
  if (tok != T_EOF) error = 1;
  for (int i = 0; i < nfuncs; i++) {
    if (funcs[i].entry < 0) error = 1;
  }
  return !error;
}

/* ------------------------------------------------------------------- vm */

#define STACK 4096
#define FRAMES 1024
#define HEAP (1 << 18)

static i32 stack[STACK];
static i32 heap[HEAP];
static struct {
  int ret_pc, bp;
} frames[FRAMES];

static i32 execute(int fidx, i32 arg) {
  int sp = 0, fp = 0, pc;
  stack[sp++] = arg;
  int bp = 0;
  for (int i = funcs[fidx].nparams; i < funcs[fidx].nlocals; i++) stack[sp++] = 0;
  frames[fp].ret_pc = -1;
  frames[fp].bp = 0;
  fp++;
  pc = funcs[fidx].entry;
  for (;;) {
    i32 a, b;
    switch (code[pc++]) {
      case OP_PUSH: stack[sp++] = code[pc++]; break;
      case OP_LOAD: stack[sp++] = stack[bp + code[pc++]]; break;
      case OP_STORE: stack[bp + code[pc++]] = stack[--sp]; break;
      case OP_POP: sp--; break;
#define BIN(OP, EXPR)   \
  case OP:              \
    b = stack[--sp];    \
    a = stack[sp - 1];  \
    stack[sp - 1] = (EXPR); \
    break;
      BIN(OP_ADD, (i32)((u32)a + (u32)b))
      BIN(OP_SUB, (i32)((u32)a - (u32)b))
      BIN(OP_MUL, (i32)((u32)a * (u32)b))
      BIN(OP_DIV, b == 0 ? 0 : (a == (i32)0x80000000 && b == -1) ? a : a / b)
      BIN(OP_MOD, b == 0 ? 0 : (a == (i32)0x80000000 && b == -1) ? 0 : a % b)
      BIN(OP_AND, a & b)
      BIN(OP_OR, a | b)
      BIN(OP_XOR, a ^ b)
      BIN(OP_SHL, (i32)((u32)a << (b & 31)))
      BIN(OP_SHR, a >> (b & 31))
      BIN(OP_LT, a < b)
      BIN(OP_LE, a <= b)
      BIN(OP_GT, a > b)
      BIN(OP_GE, a >= b)
      BIN(OP_EQ, a == b)
      BIN(OP_NE, a != b)
      BIN(OP_LAND, a != 0 && b != 0)
      BIN(OP_LOR, a != 0 || b != 0)
#undef BIN
      case OP_NEG: stack[sp - 1] = (i32)(0u - (u32)stack[sp - 1]); break;
      case OP_NOT: stack[sp - 1] = !stack[sp - 1]; break;
      case OP_JMP: pc = code[pc]; break;
      case OP_JZ:
        if (stack[--sp] == 0) pc = code[pc];
        else pc++;
        break;
      case OP_CALL: {
        int f = code[pc], argc = code[pc + 1];
        if (fp == FRAMES || sp + MAX_LOCALS >= STACK || argc != funcs[f].nparams) return -1;
        frames[fp].ret_pc = pc + 2;
        frames[fp].bp = bp;
        fp++;
        bp = sp - argc;
        for (int i = funcs[f].nparams; i < funcs[f].nlocals; i++) stack[sp++] = 0;
        pc = funcs[f].entry;
        break;
      }
      case OP_RET: {
        i32 v = stack[--sp];
        sp = bp;
        fp--;
        pc = frames[fp].ret_pc;
        bp = frames[fp].bp;
        if (pc < 0) return v;
        stack[sp++] = v;
        break;
      }
      case OP_ALOAD: a = stack[sp - 1]; stack[sp - 1] = heap[(u32)a % HEAP]; break;
      case OP_ASTORE:
        b = stack[--sp];
        a = stack[--sp];
        heap[(u32)a % HEAP] = b;
        break;
      default: return -2;
    }
  }
}

u32 run(int n) {
  if (!compile(SOURCE)) return 0xbad;
  int main_fn = -1;
  for (int i = 0; i < nfuncs; i++) {
    const char *name = src + funcs[i].name_start;
    if (funcs[i].name_len == 4 && name[0] == 'm' && name[1] == 'a' && name[2] == 'i' &&
        name[3] == 'n') {
      main_fn = i;
    }
  }
  if (main_fn < 0) return 0xbad;
  i32 r = execute(main_fn, n);
  return mix32((u32)r, (u32)ncode);
}
