import type Database from 'better-sqlite3';

/**
 * Series names ↔ ids. Ids are cached so a flush costs one map lookup per sample;
 * the cache must be dropped (`forget`) whenever rows it knows may have been rolled back
 * or deleted, or a stale id would break the next flush.
 */
export class SeriesRegistry {
  private readonly ids = new Map<string, number>();
  private readonly upsert: Database.Statement<[string], { id: number }>;
  private readonly select: Database.Statement<[string], { id: number }>;
  private readonly byPrefix: Database.Statement<{ prefix: string }, { name: string }>;

  constructor(db: Database.Database) {
    // DO UPDATE (a no-op) rather than DO NOTHING so RETURNING yields the id of an existing row too.
    this.upsert = db.prepare('INSERT INTO series(name) VALUES (?) ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id');
    this.select = db.prepare('SELECT id FROM series WHERE name = ?');
    this.byPrefix = db.prepare(
      'SELECT name FROM series WHERE name >= @prefix AND substr(name, 1, length(@prefix)) = @prefix ORDER BY name',
    );
  }

  /** The id of a series, creating the row if needed. Call inside the writer's transaction. */
  idFor(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.upsert.get(name)!.id;
      this.ids.set(name, id);
    }
    return id;
  }

  /** The id of an existing series, or undefined; never creates one. */
  idOf(name: string): number | undefined {
    const cached = this.ids.get(name);
    if (cached !== undefined) return cached;
    return this.select.get(name)?.id;
  }

  /** Names starting with `prefix` (case-sensitive), sorted. */
  list(prefix: string): string[] {
    return this.byPrefix.all({ prefix }).map((row) => row.name);
  }

  forget(): void {
    this.ids.clear();
  }
}
