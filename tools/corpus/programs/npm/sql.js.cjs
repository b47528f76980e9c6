// sql.js (SQLite compiled with Emscripten): create tables, insert rows in a
// transaction, run joins, aggregates, a recursive CTE, window functions,
// string and date functions, and print every result. The package's glue
// instantiates dist/sql-wasm.wasm through the global WebAssembly.
const initSqlJs = require('sql.js');

module.exports = async function run() {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`
    CREATE TABLE author(id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER);
    CREATE TABLE book(id INTEGER PRIMARY KEY, author INTEGER REFERENCES author(id), title TEXT, year INTEGER, price REAL);
    CREATE INDEX book_year ON book(year);
  `);
  db.run('BEGIN');
  const authors = [['Ursula K. Le Guin', 1929], ['Stanisław Lem', 1921], ['Octavia Butler', 1947], ['Ted Chiang', 1967]];
  authors.forEach(([name, born], i) => db.run('INSERT INTO author VALUES (?, ?, ?)', [i + 1, name, born]));
  const stmt = db.prepare('INSERT INTO book(author, title, year, price) VALUES (?, ?, ?, ?)');
  let seed = 7;
  for (let i = 0; i < 200; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    stmt.run([1 + (seed % 4), `Book ${i} ${'ąßç'.repeat(i % 3)}`, 1950 + (seed % 70), (seed % 5000) / 100]);
  }
  stmt.free();
  db.run('COMMIT');
  const queries = [
    'SELECT count(*), sum(price), round(avg(price), 6), min(year), max(year) FROM book',
    'SELECT a.name, count(*), round(sum(b.price), 2), group_concat(DISTINCT b.year / 10 * 10) FROM book b JOIN author a ON a.id = b.author GROUP BY a.id ORDER BY a.name',
    'WITH RECURSIVE fib(n, a, b) AS (SELECT 1, 0, 1 UNION ALL SELECT n + 1, b, a + b FROM fib WHERE n < 60) SELECT n, a FROM fib WHERE n % 10 = 0',
    'SELECT title, year, price, rank() OVER (PARTITION BY author ORDER BY price DESC) AS r FROM book WHERE year BETWEEN 1990 AND 1992 ORDER BY author, r LIMIT 12',
    "SELECT upper(name), length(name), substr(name, 3, 4), instr(name, 'Le'), replace(name, ' ', '_'), hex(name) FROM author",
    "SELECT date('2024-02-28', '+1 day'), strftime('%Y-%j', '2023-12-31'), julianday('2000-01-01'), 7 / 2, 7 / 2.0, -7 % 3, 1e308 * 10, typeof(1 / 0)",
    'SELECT printf("%.3f|%5d|%-6s|%x", 3.14159, 42, "ab", 255), quote(x\'00ff\'), 9223372036854775807 + 0, abs(-9223372036854775807)',
  ];
  for (const q of queries) {
    for (const r of db.exec(q)) {
      console.log(r.columns.join(' | '));
      for (const row of r.values) console.log(row.map((v) => (v instanceof Uint8Array ? `<${v.length} bytes>` : String(v))).join(' | '));
    }
  }
  const bytes = db.export();
  console.log('database file:', bytes.length, 'bytes');
  db.close();
  return 0;
};
