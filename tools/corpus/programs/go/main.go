// A Go program for GOOS=js GOARCH=wasm: goroutines and channels (a
// pipeline and a worker pool with sync.WaitGroup), maps and sorting,
// fmt of every common verb, strconv, strings.Builder, math and math/big,
// hash/crc32, a panic recovered, and a select with a timer. Its output
// is deterministic: goroutine results are gathered and sorted.
package main

import (
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"math/big"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

type shape interface {
	area() float64
	name() string
}

type circle struct{ r float64 }
type rect struct{ w, h float64 }

func (c circle) area() float64 { return math.Pi * c.r * c.r }
func (c circle) name() string   { return "circle" }
func (r rect) area() float64    { return r.w * r.h }
func (r rect) name() string     { return "rect" }

func sieve(n int) []int {
	composite := make([]bool, n+1)
	var primes []int
	for i := 2; i <= n; i++ {
		if !composite[i] {
			primes = append(primes, i)
			for j := i * i; j <= n; j += i {
				composite[j] = true
			}
		}
	}
	return primes
}

func collatz(n uint64) int {
	steps := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

func mayPanic(i int) (res string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	arr := []int{1, 2, 3}
	return strconv.Itoa(arr[i]), nil
}

var errOdd = errors.New("odd")

func checkEven(n int) error {
	if n%2 != 0 {
		return fmt.Errorf("check %d: %w", n, errOdd)
	}
	return nil
}

func main() {
	// pipeline: generator -> square -> sum
	gen := make(chan int)
	sq := make(chan int, 4)
	go func() {
		for i := 1; i <= 1000; i++ {
			gen <- i
		}
		close(gen)
	}()
	go func() {
		for v := range gen {
			sq <- v * v
		}
		close(sq)
	}()
	total := 0
	for v := range sq {
		total += v
	}
	fmt.Println("sum of squares:", total)

	// worker pool
	var wg sync.WaitGroup
	var mu sync.Mutex
	results := map[int]int{}
	jobs := make(chan int, 100)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range jobs {
				s := collatz(uint64(n))
				mu.Lock()
				results[n] = s
				mu.Unlock()
			}
		}()
	}
	for n := 1; n <= 3000; n++ {
		jobs <- n
	}
	close(jobs)
	wg.Wait()
	best, bestN := 0, 0
	for n, s := range results {
		if s > best || (s == best && n < bestN) {
			best, bestN = s, n
		}
	}
	fmt.Printf("collatz: %d results, longest %d steps at %d\n", len(results), best, bestN)

	// maps, sorting
	words := strings.Fields("the quick brown fox jumps over the lazy dog the fox is quick and the dog is lazy")
	counts := make(map[string]int)
	for _, w := range words {
		counts[w]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var sb strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&sb, "%s=%d ", k, counts[k])
	}
	fmt.Println(strings.TrimSpace(sb.String()))

	primes := sieve(100000)
	fmt.Println("primes:", len(primes), primes[:10], primes[len(primes)-3:])

	// fmt verbs and floats
	shapes := []shape{circle{1.5}, rect{2, 3.25}, circle{0.1}}
	for _, s := range shapes {
		fmt.Printf("%-6s %8.4f %e %g %v %T\n", s.name(), s.area(), s.area(), s.area(), s, s)
	}
	fmt.Printf("%x %X %o %b %q %U %c %08.3f %+d %5s|%-5s|\n", 3735928559, 48879, 511, 37, "hi\n", 0x1F600, 'λ', math.E, 42, "ab", "cd")
	fmt.Println(math.Sqrt(2), math.Sin(1), math.Exp(10), math.Log(7), math.Pow(2, 0.5), math.Inf(1), -math.MaxFloat64, math.SmallestNonzeroFloat64)
	fmt.Println(float32(1)/3, math.Float64bits(0.1), math.Float32frombits(0x40490fdb), math.Trunc(-2.7), math.Mod(7.5, 2))
	fmt.Println(strconv.FormatFloat(1.0/3, 'g', -1, 64), strconv.FormatFloat(2.5e-8, 'f', 12, 64), strconv.Quote("tab\tnl\n"))
	if v, err := strconv.ParseFloat("6.02214076e23", 64); err == nil {
		fmt.Println("parsed", v, int64(v/1e10))
	}
	if _, err := strconv.Atoi("12a"); err != nil {
		fmt.Println("error:", err)
	}

	// integers: 64-bit wraparound, division, shifts
	var h uint64 = 1469598103934665603
	for i := 0; i < 1000; i++ {
		h ^= uint64(i)
		h *= 1099511628211
	}
	var s32 int32 = math.MaxInt32
	s32++
	fmt.Println("fnv", h, "wrap", s32, -7/2, -7%2, uint32(1)<<31, int64(-1)>>3, uint8(h)+uint8(100))

	// math/big: factorial and a big Fibonacci
	f := big.NewInt(1)
	for i := int64(2); i <= 60; i++ {
		f.Mul(f, big.NewInt(i))
	}
	a, b := big.NewInt(0), big.NewInt(1)
	for i := 0; i < 300; i++ {
		a.Add(a, b)
		a, b = b, a
	}
	fmt.Println("60! =", f.String())
	fmt.Println("fib(300) =", a.String())
	r := new(big.Rat).SetFrac64(355, 113)
	fmt.Println("355/113 =", r.FloatString(20))

	fmt.Printf("crc32 %08x\n", crc32.ChecksumIEEE([]byte(strings.Repeat("weft", 1000))))

	for _, i := range []int{1, 5} {
		v, err := mayPanic(i)
		fmt.Printf("mayPanic(%d) = %q, %v\n", i, v, err)
	}
	for _, n := range []int{4, 7} {
		err := checkEven(n)
		fmt.Println("checkEven", n, err, errors.Is(err, errOdd))
	}

	// select with a timer: the channel never sends, the timer fires
	never := make(chan int)
	select {
	case <-never:
		fmt.Println("impossible")
	case <-time.After(20 * time.Millisecond):
		fmt.Println("timer fired")
	}
	fmt.Fprintln(os.Stderr, "done (stderr)")
	os.Exit(3)
}
