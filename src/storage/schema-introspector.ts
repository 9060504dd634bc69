import { sql, type DatabaseIntrospector, type Kysely, type TableMetadata } from 'kysely'

const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock']

/**
 * Reads tables from the schema in use only. Kysely's own PostgreSQL introspector reads every
 * schema of the database, and its catalog query fails when another process drops a schema
 * or table at that moment: with several installations (or test runs) sharing one database,
 * migrating would then fail at random.
 */
export class CurrentSchemaIntrospector implements DatabaseIntrospector {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: catalogs only
  readonly #db: Kysely<any>

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: catalogs only
  constructor(db: Kysely<any>) {
    this.#db = db
  }

  async getSchemas(): Promise<{ name: string }[]> {
    const { rows } = await sql<{ name: string }>`
      select nspname as name from pg_catalog.pg_namespace`.execute(this.#db)
    return rows
  }

  async getTables(
    options: { withInternalKyselyTables: boolean } = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const { rows } = await sql<{
      table: string
      schema: string
      is_view: boolean
      column: string | null
      data_type: string | null
      is_nullable: boolean | null
      has_default: boolean | null
    }>`
      select t.table_name as "table", t.table_schema as "schema",
             t.table_type = 'VIEW' as is_view, c.column_name as "column",
             c.data_type as data_type, c.is_nullable = 'YES' as is_nullable,
             c.column_default is not null as has_default
      from information_schema.tables t
      left join information_schema.columns c
        on c.table_schema = t.table_schema and c.table_name = t.table_name
      where t.table_schema = current_schema()
      order by t.table_name, c.ordinal_position`.execute(this.#db)

    const tables = new Map<
      string,
      TableMetadata & { columns: TableMetadata['columns'][number][] }
    >()
    for (const row of rows) {
      if (!options.withInternalKyselyTables && MIGRATION_TABLES.includes(row.table)) continue
      let table = tables.get(row.table)
      if (table === undefined) {
        table = { name: row.table, schema: row.schema, isView: row.is_view, columns: [] }
        tables.set(row.table, table)
      }
      if (row.column !== null) {
        table.columns.push({
          name: row.column,
          dataType: row.data_type ?? '',
          isNullable: row.is_nullable ?? true,
          hasDefaultValue: row.has_default ?? false,
          isAutoIncrementing: false,
        })
      }
    }
    return [...tables.values()]
  }

  async getMetadata(options?: { withInternalKyselyTables: boolean }) {
    return { tables: await this.getTables(options) }
  }
}
