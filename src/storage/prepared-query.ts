import type { Compilable, CompiledQuery } from 'kysely'
import type { Db } from './database.js'
import type { Trx } from './group-commit.js'

/** Stands for a value in a prepared query; typed to fit any column. */
export type Placeholder<Name extends string> = (name: Name) => never

const MARK = '\u0000placeholder:'

/**
 * A query that kysely builds and compiles once, for whichever database is in use, and that
 * then runs with fresh values. Building and compiling costs more than running a small indexed
 * query, so a hot path that runs one shape thousands of times a second (the compliance gate)
 * uses this. The query is written with named placeholders, each one parameter; values are put
 * in the order the compiled SQL wants them, whatever the dialect wrote.
 */
export class PreparedQuery<Row, Name extends string> {
  readonly #build: (db: Db | Trx, placeholder: Placeholder<Name>) => Compilable<Row>
  #compiled: { readonly query: CompiledQuery<Row>; readonly names: readonly Name[] } | undefined

  constructor(build: (db: Db | Trx, placeholder: Placeholder<Name>) => Compilable<Row>) {
    this.#build = build
  }

  async execute(db: Db | Trx, values: Readonly<Record<Name, unknown>>): Promise<Row[]> {
    this.#compiled ??= this.#compile(db)
    const { query, names } = this.#compiled
    const result = await db.executeQuery<Row>({
      ...query,
      parameters: names.map((name) => values[name]),
    })
    return result.rows
  }

  #compile(db: Db | Trx): { query: CompiledQuery<Row>; names: Name[] } {
    const query = this.#build(db, (name) => `${MARK}${name}` as never).compile()
    const names = query.parameters.map((parameter) => {
      if (typeof parameter !== 'string' || !parameter.startsWith(MARK)) {
        throw new TypeError(`a prepared query has a value that is not a placeholder: ${parameter}`)
      }
      return parameter.slice(MARK.length) as Name
    })
    return { query, names }
  }
}
