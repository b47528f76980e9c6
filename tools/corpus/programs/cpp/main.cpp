// A C++17 program for wasm32-wasi with libc++ (exceptions off): STL
// containers (vector, map, unordered_map, set, deque, priority_queue),
// std::string and string_view, algorithms and lambdas, virtual calls
// through a class hierarchy, templates (a fixed-point type and a generic
// matrix), std::function, unique_ptr/shared_ptr, and snprintf output.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <queue>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

struct Expr {
  virtual ~Expr() = default;
  virtual double eval(double x) const = 0;
  virtual std::string show() const = 0;
};

struct Const final : Expr {
  double v;
  explicit Const(double v) : v(v) {}
  double eval(double) const override { return v; }
  std::string show() const override {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
  }
};

struct Var final : Expr {
  double eval(double x) const override { return x; }
  std::string show() const override { return "x"; }
};

struct Bin final : Expr {
  char op;
  std::unique_ptr<Expr> l, r;
  Bin(char op, std::unique_ptr<Expr> l, std::unique_ptr<Expr> r) : op(op), l(std::move(l)), r(std::move(r)) {}
  double eval(double x) const override {
    double a = l->eval(x), b = r->eval(x);
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      default: return a / b;
    }
  }
  std::string show() const override { return "(" + l->show() + " " + op + " " + r->show() + ")"; }
};

// Recursive-descent parser over a string_view.
class Parser {
  std::string_view s;
  size_t i = 0;
  void ws() { while (i < s.size() && s[i] == ' ') i++; }
  std::unique_ptr<Expr> atom() {
    ws();
    if (s[i] == '(') { i++; auto e = sum(); ws(); i++; return e; }
    if (s[i] == 'x') { i++; return std::make_unique<Var>(); }
    size_t j = i;
    while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) j++;
    double v = std::stod(std::string(s.substr(i, j - i)));
    i = j;
    return std::make_unique<Const>(v);
  }
  std::unique_ptr<Expr> product() {
    auto e = atom();
    for (ws(); i < s.size() && (s[i] == '*' || s[i] == '/'); ws()) { char op = s[i++]; e = std::make_unique<Bin>(op, std::move(e), atom()); }
    return e;
  }
  std::unique_ptr<Expr> sum() {
    auto e = product();
    for (ws(); i < s.size() && (s[i] == '+' || s[i] == '-'); ws()) { char op = s[i++]; e = std::make_unique<Bin>(op, std::move(e), product()); }
    return e;
  }
 public:
  explicit Parser(std::string_view s) : s(s) {}
  std::unique_ptr<Expr> parse() { return sum(); }
};

template <int Frac>
struct Fixed {
  int64_t raw;
  static Fixed from(double d) { return {static_cast<int64_t>(std::llround(d * (int64_t{1} << Frac)))}; }
  Fixed operator+(Fixed o) const { return {raw + o.raw}; }
  Fixed operator*(Fixed o) const { return {static_cast<int64_t>((static_cast<__int128>(raw) * o.raw) >> Frac)}; }
  double to_double() const { return static_cast<double>(raw) / static_cast<double>(int64_t{1} << Frac); }
};

template <typename T, size_t N>
struct Matrix {
  T m[N][N]{};
  Matrix operator*(const Matrix& o) const {
    Matrix r;
    for (size_t i = 0; i < N; i++)
      for (size_t j = 0; j < N; j++) {
        T acc{};
        for (size_t k = 0; k < N; k++) acc = acc + m[i][k] * o.m[k][j];
        r.m[i][j] = acc;
      }
    return r;
  }
};

uint32_t rng_state = 2463534242u;
uint32_t rng() { rng_state ^= rng_state << 13; rng_state ^= rng_state >> 17; rng_state ^= rng_state << 5; return rng_state; }

}  // namespace

int main() {
  const char* sources[] = {"1 + 2 * 3", "(x + 1) * (x - 1)", "x * x * x / 4 - 2.5", "((x))"};
  for (const char* src : sources) {
    auto e = Parser(src).parse();
    std::printf("%-22s => %-32s f(0.5)=%.6f f(3)=%.6f\n", src, e->show().c_str(), e->eval(0.5), e->eval(3));
  }

  std::vector<int> v(500);
  for (auto& x : v) x = static_cast<int>(rng() % 1000);
  std::sort(v.begin(), v.end(), std::greater<>());
  auto uniq = v;
  uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
  long sum = std::accumulate(v.begin(), v.end(), 0L);
  auto [mn, mx] = std::minmax_element(v.begin(), v.end());
  std::printf("vector: first %d last %d unique %zu sum %ld min %d max %d evens %td\n", v.front(), v.back(), uniq.size(), sum, *mn, *mx,
              std::count_if(v.begin(), v.end(), [](int x) { return x % 2 == 0; }));

  std::string text = "it was the best of times it was the worst of times it was the age of wisdom it was the age of foolishness";
  std::unordered_map<std::string, int> counts;
  std::map<std::string, int> ordered;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    std::string w = text.substr(pos, end - pos);
    counts[w]++;
    ordered[w] += static_cast<int>(w.size());
    pos = end + 1;
  }
  std::vector<std::pair<std::string, int>> cv(counts.begin(), counts.end());
  std::sort(cv.begin(), cv.end(), [](auto& a, auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  for (auto& [w, c] : cv) std::printf("%s:%d ", w.c_str(), c);
  std::printf("\n");
  for (auto& [w, c] : ordered) std::printf("%s=%d ", w.c_str(), c);
  std::printf("\n");

  std::set<int> primes;
  for (int n = 2; primes.size() < 30; n++)
    if (std::none_of(primes.begin(), primes.end(), [n](int p) { return n % p == 0; })) primes.insert(n);
  std::printf("primes: %d .. %d, lower_bound(50) = %d\n", *primes.begin(), *primes.rbegin(), *primes.lower_bound(50));

  std::priority_queue<std::pair<int, std::string>> pq;
  std::deque<std::string> dq;
  for (int i = 0; i < 8; i++) {
    std::string name = "task" + std::to_string(i);
    pq.push({static_cast<int>(rng() % 100), name});
    if (i % 2) dq.push_front(name); else dq.push_back(name);
  }
  while (!pq.empty()) { std::printf("%d:%s ", pq.top().first, pq.top().second.c_str()); pq.pop(); }
  std::printf("\n");
  for (auto& s : dq) std::printf("%s ", s.c_str());
  std::printf("\n");

  std::vector<std::function<int(int)>> fs;
  for (int k = 1; k <= 4; k++) fs.push_back([k](int x) { return x * k + k; });
  auto shared = std::make_shared<std::vector<int>>();
  for (auto& f : fs) shared->push_back(f(10));
  auto alias = shared;
  std::printf("functions: %d %d %d %d use_count %ld\n", (*alias)[0], (*alias)[1], (*alias)[2], (*alias)[3], shared.use_count());

  Matrix<Fixed<16>, 3> a, b;
  Matrix<double, 3> da, db;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      double x = (i + 1) * 0.75 - j * 0.5, y = (j + 2) * 0.25 + i;
      a.m[i][j] = Fixed<16>::from(x); b.m[i][j] = Fixed<16>::from(y);
      da.m[i][j] = x; db.m[i][j] = y;
    }
  auto c = a * b;
  auto dc = da * db;
  for (int i = 0; i < 3; i++) std::printf("row %d: %.5f %.5f %.5f | %.5f %.5f %.5f\n", i, c.m[i][0].to_double(), c.m[i][1].to_double(), c.m[i][2].to_double(), dc.m[i][0], dc.m[i][1], dc.m[i][2]);

  std::string s = "Hello, WebAssembly";
  std::reverse(s.begin(), s.end());
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  std::printf("%s %zu %s\n", s.c_str(), s.find("LLEH"), std::to_string(3.14159).c_str());
  return 0;
}
