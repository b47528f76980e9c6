// An AssemblyScript program: strings (concatenation, templates, split,
// replace, UTF-16 and UTF-8), arrays and typed arrays (sort with a
// comparator, map/filter/reduce), Map and Set, classes with inheritance
// and overridden methods, i64/u64 and f64 math, number formatting (AS's
// own itoa/dtoa). Output goes through one host import.

@external("host", "print")
declare function print(s: string): void;

class Shape {
  constructor(public name: string) {}
  area(): f64 {
    return 0;
  }
  describe(): string {
    return this.name + " area=" + this.area().toString();
  }
}

class Circle extends Shape {
  constructor(public r: f64) {
    super("circle");
  }
  area(): f64 {
    return Math.PI * this.r * this.r;
  }
}

class Square extends Shape {
  constructor(public side: f64) {
    super("square");
  }
  area(): f64 {
    return this.side * this.side;
  }
}

function fib64(n: i32): u64 {
  let a: u64 = 0,
    b: u64 = 1;
  for (let i = 0; i < n; i++) {
    const t = a + b;
    a = b;
    b = t;
  }
  return a;
}

function isqrt(n: u64): u64 {
  if (n < 2) return n;
  let x = n;
  let y = (x + 1) >> 1;
  while (y < x) {
    x = y;
    y = (x + n / x) >> 1;
  }
  return x;
}

function splitmix(state: u64): u64 {
  let z = state + 0x9e3779b97f4a7c15;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

export function main(): void {
  // strings
  const words = "the quick brown fox jumps over the lazy dog".split(" ");
  print("words: " + words.length.toString() + " " + words.join("|"));
  print(`template: ${words[1].toUpperCase()} ${words[3].length} ${"abc".repeat(3)} ${"  pad".padStart(8, "*")}`);
  print("replace: " + "a-b-c-d".replaceAll("-", "+") + " " + "hello".charAt(1) + " " + "hello".indexOf("l").toString());
  const uni = "zażółć gęślą jaźń ✓";
  print("unicode: " + uni + " utf16=" + uni.length.toString() + " utf8=" + String.UTF8.byteLength(uni).toString());
  print("codes: " + uni.charCodeAt(2).toString() + " " + String.fromCharCode(0x41, 0x42) + " " + uni.substring(7, 12));

  // arrays
  const arr = new Array<i32>();
  let s: u64 = 42;
  for (let i = 0; i < 50; i++) {
    s = splitmix(s);
    arr.push(<i32>(s % 1000) - 500);
  }
  arr.sort((a, b) => a - b);
  const evens = arr.filter((x) => x % 2 == 0);
  const total = arr.reduce((acc, x) => acc + x, 0);
  const doubled = arr.map<i32>((x) => x * 2);
  print("sorted: " + arr.slice(0, 8).join(",") + " ... " + arr[arr.length - 1].toString());
  print("evens " + evens.length.toString() + " total " + total.toString() + " doubled[3] " + doubled[3].toString());
  const f = new Float64Array(8);
  for (let i = 0; i < f.length; i++) f[i] = Math.sin(<f64>i) * 100;
  f.sort();
  let fs = "";
  for (let i = 0; i < f.length; i++) fs += f[i].toString() + " ";
  print("float64array: " + fs);

  // Map and Set
  const counts = new Map<string, i32>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    counts.set(w, counts.has(w) ? counts.get(w) + 1 : 1);
  }
  const keys = counts.keys();
  keys.sort();
  let ks = "";
  for (let i = 0; i < keys.length; i++) ks += keys[i] + "=" + counts.get(keys[i]).toString() + " ";
  print("map: " + ks);
  const set = new Set<i32>();
  for (let i = 0; i < arr.length; i++) set.add(arr[i] % 7);
  const sv = set.values();
  sv.sort();
  print("set: " + sv.join(","));

  // classes
  const shapes: Shape[] = [new Circle(1.5), new Square(2.25), new Circle(0.1)];
  for (let i = 0; i < shapes.length; i++) print(shapes[i].describe());

  // i64 / u64
  print("fib(90) = " + fib64(90).toString() + " fib(93) = " + fib64(93).toString());
  print("isqrt(2^62) = " + isqrt(<u64>1 << 62).toString() + " isqrt(10^18) = " + isqrt(1000000000000000000).toString());
  const big: i64 = -9223372036854775807 - 1;
  print("i64: " + big.toString() + " " + (big / 3).toString() + " " + (big % 1000).toString() + " " + (<u64>big >> 3).toString() + " " + i64.MAX_VALUE.toString());
  print("clz/ctz/popcnt: " + clz<u64>(12345).toString() + " " + ctz<u64>(1 << 40).toString() + " " + popcnt<u64>(0xf0f0f0f0f0f0).toString() + " rotl " + rotl<u64>(0x8000000000000001, 4).toString());

  // f64 math and formatting
  const vals: f64[] = [0.1 + 0.2, 1.0 / 3.0, 1e21, 1e-7, 123456789.125, -0.0, Infinity, 2.5e-308, Math.E];
  let vs = "";
  for (let i = 0; i < vals.length; i++) vs += vals[i].toString() + " ";
  print("f64: " + vs);
  print("math: " + Math.sqrt(2).toString() + " " + Math.pow(2, 0.5).toString() + " " + Math.exp(1).toString() + " " + Math.log(10).toString() + " " + Math.atan2(1, 2).toString() + " " + Math.cbrt(27).toString());
  print("f32: " + (<f32>1.0 / <f32>3.0).toString() + " " + Mathf.sqrt(2).toString() + " " + (<f32>16777217.0).toString());
  print("parse: " + parseFloat("3.25e2").toString() + " " + parseInt("ff", 16).toString() + " " + I32.parseInt("-123").toString() + " " + (<i32>(<f64>-7.9)).toString());
  print("trunc: " + (<i64>1e18).toString() + " " + (<u32>4294967295.0).toString() + " " + Math.floor(-2.5).toString() + " " + Math.round(2.5).toString());
}
