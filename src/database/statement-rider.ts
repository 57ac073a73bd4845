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
