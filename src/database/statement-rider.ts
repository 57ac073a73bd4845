/**
 * Writes that another statement of the same transaction can carry as extra data-modifying CTEs
 * (`WITH …, name AS (INSERT …)`), so that independent writes cost one round trip and one statement
 * instead of two. Postgres runs every data-modifying CTE exactly once, whether or not the main query
 * reads it. The carrier numbers the rider's parameters after its own: `ctes(first)` is the rider's text
 * with its first parameter at `$first`, the same text for the same `first`, so the carrier stays one
 * prepared statement.
 */
export interface StatementRider {
  ctes: (first: number) => string;
  params: unknown[];
}

/** The rider on its own, when there is nothing to carry it. */
export const riderAlone = (rider: StatementRider): [string, unknown[]] => [
  `WITH ${rider.ctes(1)} SELECT 1`,
  rider.params,
];

type Ctes = StatementRider['ctes'];
const combined = new Map<Ctes, Map<number, Map<Ctes, Ctes>>>();

/**
 * Two riders as one, `b`'s parameters numbered after `a`'s. The combined text is one function per
 * combination (made once, then reused), as a carrier caches its statement text by that function.
 */
export function ridersTogether(a: StatementRider | null, b: StatementRider | null): StatementRider | null {
  if (!a || !b) return a ?? b;
  const byLength = combined.get(a.ctes) ?? new Map<number, Map<Ctes, Ctes>>();
  combined.set(a.ctes, byLength);
  const byB = byLength.get(a.params.length) ?? new Map<Ctes, Ctes>();
  byLength.set(a.params.length, byB);
  let ctes = byB.get(b.ctes);
  if (!ctes) {
    const [first, second, skip] = [a.ctes, b.ctes, a.params.length];
    ctes = (at: number) => `${first(at)}, ${second(at + skip)}`;
    byB.set(b.ctes, ctes);
  }
  return { ctes, params: [...a.params, ...b.params] };
}
