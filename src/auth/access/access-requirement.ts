import type { StaffRole } from '../auth-user';

/** Route metadata set by @Citizen() / @Staff(): which accounts may call it. */
export type AccessRequirement = { kind: 'citizen' } | { kind: 'staff'; roles: StaffRole[] };

export const ACCESS_REQUIREMENT = 'auth:access-requirement';
