import { Client } from 'pg';

/**
 * Names for the statements a process sends again and again, so that Postgres parses (and, once its
 * plan cache settles on a generic plan, plans) each one once per connection instead of on every call.
 *
 * TypeORM's `query()` sends unnamed statements; `pg` prepares a statement on a connection when the
 * query carries a name, and afterwards sends only Bind/Execute. A text earns a name once it has been
 * sent `after` times: one-off statements (migrations, reports, multi-row inserts of a size seen once)
 * stay unnamed, so the names a connection holds stay few. At most `max` names per process: what each
 * Postgres backend keeps for them is bounded whatever the traffic.
 */
export class StatementNames {
  private readonly counts = new Map<string, number>();
  private readonly names = new Map<string, string>();

  constructor(
    private readonly after = 2,
    private readonly max = 1_000,
  ) {}

  /** The name for this text, or undefined while it has not been seen often enough (or names ran out). */
  nameFor(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || this.names.size >= this.max) return name;
    const count = (this.counts.get(text) ?? 0) + 1;
    if (count < this.after) {
      // Forget the tail of one-off texts rather than grow without bound.
      if (this.counts.size >= this.max * 10) this.counts.clear();
      this.counts.set(text, count);
      return undefined;
    }
    this.counts.delete(text);
    const named = `lr_${this.names.size + 1}`;
    this.names.set(text, named);
    return named;
  }

  get size(): number {
    return this.names.size;
  }
}

/** The names every pooled connection of this process uses: one text, one name, on every connection. */
export const processStatementNames = new StatementNames();

/**
 * A `pg` client that sends parameterised statements it has seen before as named (prepared) statements.
 * Only statements with parameters are named: they already go through the extended protocol, so
 * naming changes nothing but the parse and plan that are saved (a statement without parameters may
 * hold several commands, which the extended protocol refuses).
 */
export class PreparingClient extends Client {
  // pg's query() has many overloads; this override forwards every one of them unchanged.
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const forward = Client.prototype.query as (...args: unknown[]) => never;
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = processStatementNames.nameFor(config);
      if (name !== undefined) {
        return forward.call(this, { name, text: config, values }, callback);
      }
    }
    return forward.call(this, config, values, callback);
  }
}
