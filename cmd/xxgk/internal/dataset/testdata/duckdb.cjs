// Runs each SQL statement given on the command line in DuckDB and prints
// the rows of each as one JSON line: the dataset tests read the Parquet
// files with a reader that is not ours. @duckdb/node-api comes from
// NODE_PATH (.ci/duckdb/node_modules, installed by .ci/run).
const { DuckDBInstance } = require('@duckdb/node-api');

(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  for (const sql of process.argv.slice(2)) {
    const res = await conn.runAndReadAll(sql);
    console.log(JSON.stringify(res.getRowObjectsJson()));
  }
})().catch((e) => { console.error(e.message); process.exit(1); });
