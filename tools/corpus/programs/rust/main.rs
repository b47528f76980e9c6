//! A Rust program for wasm32-wasi: iterators and closures, Vec and sorting,
//! HashMap/BTreeMap, String formatting of every kind, 128-bit integers,
//! f32/f64 math, trait objects, generics, checked/wrapping/saturating
//! arithmetic, parse errors, stderr and an exit code.
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;

trait Animal {
    fn name(&self) -> String;
    fn legs(&self) -> u32;
}
struct Bird;
struct Dog(u8);
impl Animal for Bird {
    fn name(&self) -> String { "bird".into() }
    fn legs(&self) -> u32 { 2 }
}
impl Animal for Dog {
    fn name(&self) -> String { format!("dog#{}", self.0) }
    fn legs(&self) -> u32 { 4 }
}

#[derive(Debug, Clone, PartialEq, PartialOrd)]
struct Point { x: f64, y: f64 }

fn gcd<T>(a: T, b: T) -> T
where T: Copy + PartialEq + std::ops::Rem<Output = T> + Default {
    if b == T::default() { a } else { gcd(b, a % b) }
}

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn main() {
    // iterators
    let squares: Vec<u64> = (1..=20).map(|x| x * x).filter(|x| x % 3 != 0).collect();
    println!("squares {:?}", squares);
    let sum: u64 = squares.iter().sum();
    let prod: u128 = (1..=30u128).product();
    println!("sum {} 30! {} max {:?} pos {:?}", sum, prod, squares.iter().max(), squares.iter().position(|&x| x > 100));
    let words = "the quick brown fox jumps over the lazy dog and the quick cat";
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for w in words.split_whitespace() { *freq.entry(w).or_insert(0) += 1; }
    let mut fv: Vec<_> = freq.into_iter().collect();
    fv.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("freq {:?}", fv);
    let bt: BTreeMap<usize, Vec<&str>> = words.split(' ').fold(BTreeMap::new(), |mut m, w| { m.entry(w.len()).or_insert_with(Vec::new).push(w); m });
    println!("by length {:?}", bt);
    let zipped: Vec<(char, i32)> = "wasm".chars().zip((0..).step_by(7)).collect::<Vec<_>>().into_iter().rev().collect();
    println!("zip {:?} {:?}", zipped, "Hello, Wörld! ✓".char_indices().filter(|(_, c)| !c.is_ascii()).collect::<Vec<_>>());

    // sorting
    let mut st = 0x2545F4914F6CDD1Du64;
    let mut v: Vec<i64> = (0..2000).map(|_| (xorshift(&mut st) % 100000) as i64 - 50000).collect();
    v.sort_unstable();
    let mut pts: Vec<Point> = (0..10).map(|i| Point { x: (i as f64 * 1.7).sin(), y: (i as f64).sqrt() }).collect();
    pts.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("sorted {} {} {} dedup {}", v[0], v[1000], v[1999], { let mut d = v.clone(); d.dedup(); d.len() });
    println!("points {:?}", &pts[..3]);
    let mut dq: VecDeque<u32> = (1..=5).collect();
    dq.rotate_left(2); dq.push_front(0); dq.pop_back();
    println!("deque {:?}", dq);

    // formatting
    let mut s = String::new();
    write!(s, "{:>8}|{:<8}|{:^8}|{:+}|{:#x}|{:#b}|{:o}|{:08.3}|{:e}|{:E}", "r", "l", "c", 5, 255, 5, 64, -3.14159, 1234.5, 0.00012).unwrap();
    println!("{}", s);
    println!("{:?} {:?} {:?} {:?}", 0.1f32 + 0.2f32, 0.1 + 0.2, f64::MAX, f32::MIN_POSITIVE);
    println!("{} {} {} {}", 1e21, 1e-7, 123456789.0f32, f64::EPSILON);
    println!("{:?} {:?} {:?}", f64::NAN.max(1.0), (-0.0f64).to_bits(), 2.5f64.round());

    // 128-bit and checked arithmetic
    let a: u128 = 0xDEADBEEF_CAFEBABE_01234567_89ABCDEF;
    let b: u128 = 0x1_0000_0001;
    println!("u128 {} {} {} {} {:x}", a / b, a % b, a.wrapping_mul(a), a.leading_zeros(), a.rotate_left(37));
    let c: i128 = -170141183460469231731687303715884105728;
    println!("i128 {} {:?} {:?} {}", c + 1, c.checked_neg(), c.checked_abs(), (c / 7) as f64);
    println!("i64 {:?} {} {} {}", i64::MAX.checked_add(1), i64::MAX.wrapping_add(1), (-7i64).rem_euclid(3), (-7i64) / 2);
    println!("u32 {} {} {} {}", u32::MAX.saturating_add(5), 200u8.saturating_mul(2), 0x80000000u32.swap_bytes(), 12345u32.pow(2));
    println!("gcd {} {}", gcd(1071u64, 462), gcd(-48i32, 18));

    // f32 / f64 math
    for i in 0..6 {
        let x = i as f64 * 0.9 - 2.0;
        let y = x as f32;
        println!("x={:.1} sin={:.12} exp={:.10e} ln|x|={:.12} atan2={:.12} sqrtf={:.6} powf={:.6} hypot={:.12} tanh={:.12} cbrt={:.12}",
            x, x.sin(), x.exp(), x.abs().ln(), x.atan2(1.5), y.abs().sqrt(), y.abs().powf(1.3), x.hypot(2.0), x.tanh(), x.cbrt());
    }
    println!("casts {} {} {} {} {}", 3.99f64 as i32, -1.5f64 as u8, 1e20f64 as i64, f64::NAN as i32, 300.7f32 as u8);

    // trait objects
    let zoo: Vec<Box<dyn Animal>> = vec![Box::new(Bird), Box::new(Dog(7)), Box::new(Dog(2))];
    let legs: u32 = zoo.iter().map(|a| a.legs()).sum();
    println!("zoo {} legs {}", zoo.iter().map(|a| a.name()).collect::<Vec<_>>().join(","), legs);

    // errors as values (wasm32 panics abort: no unwinding to catch)
    let parsed: Vec<Result<i32, String>> = ["42", "-7", "x1", "99999999999"].iter().map(|s| s.parse::<i32>().map_err(|e| e.to_string())).collect();
    println!("parsed {:?}", parsed);
    eprintln!("to stderr");
    std::process::exit(7);
}
