/* A small Lisp interpreter: reader, environments as association lists,
 * closures, tail calls in `if`/`begin`, and a few builtins; evaluates a
 * built-in program (recursion, higher-order functions, list sorting) and
 * prints the results. Exercises recursion depth, pointer-heavy code,
 * switch dispatch, function pointers and doubles printed with %.17g. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { NIL, NUM, SYM, PAIR, PRIM, CLOS, BOOL } tag;
typedef struct obj obj;
typedef obj *(*primfn)(obj *args);
struct obj {
  tag t;
  union {
    double num;
    const char *sym;
    struct { obj *car, *cdr; } p;
    primfn prim;
    struct { obj *params, *body, *env; } c;
    int b;
  };
};

static obj nil_obj = {NIL, {0}};
static obj *nil = &nil_obj;
static obj true_obj = {BOOL, {.b = 1}}, false_obj = {BOOL, {.b = 0}};
static long allocated;

static obj *mk(tag t) { obj *o = malloc(sizeof(obj)); o->t = t; allocated++; return o; }
static obj *num(double d) { obj *o = mk(NUM); o->num = d; return o; }
static obj *cons(obj *a, obj *d) { obj *o = mk(PAIR); o->p.car = a; o->p.cdr = d; return o; }
#define car(o) ((o)->p.car)
#define cdr(o) ((o)->p.cdr)

static obj *symbols = &nil_obj;
static obj *intern(const char *s, size_t n) {
  for (obj *l = symbols; l != nil; l = cdr(l))
    if (strlen(car(l)->sym) == n && memcmp(car(l)->sym, s, n) == 0) return car(l);
  obj *o = mk(SYM);
  char *c = malloc(n + 1);
  memcpy(c, s, n); c[n] = 0;
  o->sym = c;
  symbols = cons(o, symbols);
  return o;
}

static const char *src;
static void skip(void) {
  for (;;) {
    while (isspace((unsigned char)*src)) src++;
    if (*src == ';') { while (*src && *src != '\n') src++; } else break;
  }
}
static obj *read_expr(void);
static obj *read_list(void) {
  skip();
  if (*src == ')') { src++; return nil; }
  obj *head = read_expr();
  return cons(head, read_list());
}
static obj *read_expr(void) {
  skip();
  if (*src == '(') { src++; return read_list(); }
  if (*src == '\'') { src++; return cons(intern("quote", 5), cons(read_expr(), nil)); }
  const char *start = src;
  while (*src && !isspace((unsigned char)*src) && *src != '(' && *src != ')') src++;
  char *end;
  double d = strtod(start, &end);
  if (end == src && end != start) return num(d);
  if (src - start == 2 && start[0] == '#') return start[1] == 't' ? &true_obj : &false_obj;
  return intern(start, (size_t)(src - start));
}

static void print(obj *o) {
  switch (o->t) {
    case NIL: printf("()"); break;
    case NUM: printf("%.17g", o->num); break;
    case SYM: printf("%s", o->sym); break;
    case BOOL: printf(o->b ? "#t" : "#f"); break;
    case PRIM: printf("<prim>"); break;
    case CLOS: printf("<closure>"); break;
    case PAIR:
      putchar('(');
      for (;;) {
        print(car(o));
        o = cdr(o);
        if (o->t != PAIR) break;
        putchar(' ');
      }
      if (o != nil) { printf(" . "); print(o); }
      putchar(')');
  }
}

static obj *lookup(obj *env, obj *s) {
  for (; env != nil; env = cdr(env))
    for (obj *frame = car(env); frame != nil; frame = cdr(frame))
      if (car(car(frame)) == s) return car(frame);
  fprintf(stderr, "unbound %s\n", s->sym);
  exit(2);
}

static obj *s_quote, *s_if, *s_define, *s_lambda, *s_begin, *s_let, *s_set;
static obj *eval(obj *x, obj *env);
static obj *evlis(obj *l, obj *env) { return l == nil ? nil : cons(eval(car(l), env), evlis(cdr(l), env)); }

static obj *eval(obj *x, obj *env) {
  for (;;) {
    switch (x->t) {
      case SYM: return cdr(lookup(env, x));
      case PAIR: break;
      default: return x;
    }
    obj *op = car(x);
    if (op == s_quote) return car(cdr(x));
    if (op == s_if) {
      obj *c = eval(car(cdr(x)), env);
      x = (c == &false_obj) ? (cdr(cdr(cdr(x))) == nil ? nil : car(cdr(cdr(cdr(x))))) : car(cdr(cdr(x)));
      continue;
    }
    if (op == s_define) {
      obj *v = eval(car(cdr(cdr(x))), env);
      car(env) = cons(cons(car(cdr(x)), v), car(env));
      return car(cdr(x));
    }
    if (op == s_set) { cdr(lookup(env, car(cdr(x)))) = eval(car(cdr(cdr(x))), env); return nil; }
    if (op == s_lambda) {
      obj *c = mk(CLOS);
      c->c.params = car(cdr(x)); c->c.body = cdr(cdr(x)); c->c.env = env;
      return c;
    }
    if (op == s_begin) {
      obj *b = cdr(x);
      for (; cdr(b) != nil; b = cdr(b)) eval(car(b), env);
      x = car(b);
      continue;
    }
    if (op == s_let) {
      obj *frame = nil;
      for (obj *b = car(cdr(x)); b != nil; b = cdr(b)) frame = cons(cons(car(car(b)), eval(car(cdr(car(b))), env)), frame);
      env = cons(frame, env);
      obj *b = cdr(cdr(x));
      for (; cdr(b) != nil; b = cdr(b)) eval(car(b), env);
      x = car(b);
      continue;
    }
    obj *f = eval(op, env);
    obj *args = evlis(cdr(x), env);
    if (f->t == PRIM) return f->prim(args);
    if (f->t != CLOS) { fprintf(stderr, "not a function\n"); exit(2); }
    obj *frame = nil;
    for (obj *p = f->c.params; p != nil; p = cdr(p), args = cdr(args)) frame = cons(cons(car(p), car(args)), frame);
    env = cons(frame, f->c.env);
    obj *b = f->c.body;
    for (; cdr(b) != nil; b = cdr(b)) eval(car(b), env);
    x = car(b);
  }
}

static obj *p_add(obj *a) { double s = 0; for (; a != nil; a = cdr(a)) s += car(a)->num; return num(s); }
static obj *p_mul(obj *a) { double s = 1; for (; a != nil; a = cdr(a)) s *= car(a)->num; return num(s); }
static obj *p_sub(obj *a) { if (cdr(a) == nil) return num(-car(a)->num); double s = car(a)->num; for (a = cdr(a); a != nil; a = cdr(a)) s -= car(a)->num; return num(s); }
static obj *p_div(obj *a) { return num(car(a)->num / car(cdr(a))->num); }
static obj *p_lt(obj *a) { return car(a)->num < car(cdr(a))->num ? &true_obj : &false_obj; }
static obj *p_eq(obj *a) {
  obj *x = car(a), *y = car(cdr(a));
  if (x->t == NUM && y->t == NUM) return x->num == y->num ? &true_obj : &false_obj;
  return x == y ? &true_obj : &false_obj;
}
static obj *p_cons(obj *a) { return cons(car(a), car(cdr(a))); }
static obj *p_car(obj *a) { return car(car(a)); }
static obj *p_cdr(obj *a) { return cdr(car(a)); }
static obj *p_nullp(obj *a) { return car(a) == nil ? &true_obj : &false_obj; }
static obj *p_list(obj *a) { return a; }
static obj *p_floor(obj *a) { return num((double)(long long)car(a)->num - (car(a)->num < 0 && car(a)->num != (double)(long long)car(a)->num)); }
static obj *p_sqrt(obj *a) { double x = car(a)->num, r = x; for (int i = 0; i < 60; i++) r = 0.5 * (r + x / r); return num(r); }

static void defprim(obj *env, const char *name, primfn f) {
  obj *p = mk(PRIM);
  p->prim = f;
  car(env) = cons(cons(intern(name, strlen(name)), p), car(env));
}

static const char *program =
    "(define fib (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))\n"
    "(fib 15)\n"
    "(define tak (lambda (x y z) (if (< y x) (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y)) z)))\n"
    "(tak 12 8 4)\n"
    "(define map (lambda (f l) (if (null? l) '() (cons (f (car l)) (map f (cdr l))))))\n"
    "(define filter (lambda (p l) (if (null? l) '() (if (p (car l)) (cons (car l) (filter p (cdr l))) (filter p (cdr l))))))\n"
    "(define append (lambda (a b) (if (null? a) b (cons (car a) (append (cdr a) b)))))\n"
    "(define qsort (lambda (l) (if (null? l) '() (let ((p (car l)) (r (cdr l))) (append (qsort (filter (lambda (x) (< x p)) r)) (cons p (qsort (filter (lambda (x) (if (< x p) #f #t)) r))))))))\n"
    "(define range (lambda (a b) (if (< a b) (cons a (range (+ a 1) b)) '())))\n"
    "(define seed 42)\n"
    "(define rand (lambda () (begin (set! seed (- (* seed 1103515245) (* 2147483648 (floor (/ (* seed 1103515245) 2147483648))))) seed)))\n"
    "(define randlist (lambda (n) (if (< n 1) '() (cons (floor (/ (rand) 65536)) (randlist (- n 1))))))\n"
    "(randlist 8)\n"
    "(qsort (randlist 25))\n"
    "(map (lambda (x) (* x x)) (range 0 15))\n"
    "(map (lambda (x) (/ 1 x)) (range 1 12))\n"
    "(map sqrt (range 1 10))\n"
    "(define loop (lambda (i acc) (if (< i 1) acc (loop (- i 1) (+ acc (/ 1 (* i i)))))))\n"
    "(loop 3000 0)\n"
    "(define compose (lambda (f g) (lambda (x) (f (g x)))))\n"
    "((compose (lambda (x) (* x 3)) (lambda (x) (+ x 1))) 13)\n"
    "(let ((a 1.5) (b -2.25)) (list (* a b) (/ a b) (- a) 1e300 (* 1e300 1e300) 0.1 (+ 0.1 0.2)))\n"
    "'(a b (c . d) #t #f)\n";

int main(void) {
  s_quote = intern("quote", 5); s_if = intern("if", 2); s_define = intern("define", 6);
  s_lambda = intern("lambda", 6); s_begin = intern("begin", 5); s_let = intern("let", 3);
  s_set = intern("set!", 4);
  obj *env = cons(nil, nil);
  defprim(env, "+", p_add); defprim(env, "*", p_mul); defprim(env, "-", p_sub);
  defprim(env, "/", p_div); defprim(env, "<", p_lt); defprim(env, "=", p_eq);
  defprim(env, "cons", p_cons); defprim(env, "car", p_car); defprim(env, "cdr", p_cdr);
  defprim(env, "null?", p_nullp); defprim(env, "list", p_list); defprim(env, "floor", p_floor);
  defprim(env, "sqrt", p_sqrt);
  src = program;
  for (;;) {
    skip();
    if (!*src) break;
    obj *e = read_expr();
    obj *v = eval(e, env);
    print(v);
    putchar('\n');
  }
  printf("allocated %ld objects\n", allocated);
  return 0;
}
