/** A real Spark SQL 3.x grammar (dt-sql-parser's, ANTLR) for the tests of the Spark queries: the syntax errors of a query, none when it parses. */
export type SparkValidator = (sql: string) => Array<{ message: string; startLine: number; startColumn: number }>;

export async function sparkValidator(): Promise<SparkValidator> {
    // The Spark grammar alone: importing the package root loads every dialect's parser (and fails under plain Node 20).
    const { SparkSQL } = await import('dt-sql-parser/dist/parser/spark/index.js');
    const parser = new SparkSQL();
    return sql => parser.validate(sql);
}
