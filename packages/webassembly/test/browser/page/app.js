// The page's own code: uses sql.js as its README says.
const engine = document.getElementById('engine');
const result = document.getElementById('result');
engine.textContent = String(WebAssembly.Module).includes('[native code]') ? 'native' : 'weft';
try {
  const SQL = await initSqlJs({ locateFile: (file) => `/${file}` });
  const db = new SQL.Database();
  db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL)');
  for (let i = 0; i < 200; i++)
    db.run('INSERT INTO t (name, score) VALUES (?, ?)', [`n${(i * 7919) % 211}`, (i * 37) % 101]);
  const rows = db.exec('SELECT COUNT(*), SUM(score), MIN(name), MAX(name) FROM t')[0].values[0];
  result.textContent = `rows=${rows[0]} sum=${rows[1]} min=${rows[2]} max=${rows[3]} sqlite=${db.exec('SELECT sqlite_version()')[0].values[0][0]}`;
} catch (e) {
  result.textContent = `error: ${e && e.stack ? e.stack : e}`;
}
