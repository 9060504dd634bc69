import { randomBytes } from 'node:crypto'
import { NotFoundError } from '../../runtime/index.js'
import type { Db } from '../../storage/index.js'
import { endStoreSessions } from './dashboard-sessions.js'
import { hashPassword, verifyPassword } from './password-hash.js'

/** Stores' dashboard passwords, kept as scrypt hashes beside the store. */
export class DashboardPasswords {
  readonly #db: Db
  #decoy: Promise<string> | undefined

  constructor(options: { db: Db }) {
    this.#db = options.db
  }

  /**
   * Sets or replaces a store's password and ends the store's open sessions in the same
   * transaction: whoever knew the old password, or was logged in with it, is out.
   */
  async set(storeId: string, password: string): Promise<{ sessionsEnded: number }> {
    const hash = await hashPassword(password)

    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('stores')
        .set({ dashboard_password_hash: hash })
        .where('id', '=', storeId)
        .executeTakeFirst()
      if (result.numUpdatedRows === 0n) throw new NotFoundError('store', storeId)
      return { sessionsEnded: await endStoreSessions(trx, storeId) }
    })
  }

  /**
   * Whether `password` is the store's. An unknown store, or one without a password, is
   * checked against a decoy hash, so the time taken does not tell which stores exist.
   */
  async verify(storeId: string, password: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('stores')
      .select('dashboard_password_hash')
      .where('id', '=', storeId)
      .executeTakeFirst()
    const hash = row?.dashboard_password_hash ?? null
    if (hash === null) {
      await verifyPassword(password, await this.#decoyHash())
      return false
    }
    return verifyPassword(password, hash)
  }

  #decoyHash(): Promise<string> {
    this.#decoy ??= hashPassword(randomBytes(24).toString('base64url'))
    return this.#decoy
  }
}
