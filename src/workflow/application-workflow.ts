/**
 * The application workflow as data: every state, every action, who may take it, where it leads, and
 * the deadline each state carries. Services check transitions against this table; the README's state
 * diagram is generated from it (see workflow-diagram.ts and its test).
 */
export const APPLICATION_STATUSES = [
  'AWAITING_PAYMENT',
  'CHECKING',
  'NEEDS_ATTENTION',
  'PENDING_REVIEW',
  'NEEDS_INFO',
  'AWAITING_VERIFICATION',
  'APPROVED',
  'REJECTED',
  'ISSUED',
  'IN_DELIVERY',
  'DELIVERED',
  'RETURNED_TO_OFFICE',
  'COLLECTED',
  'CANCELLED',
  'EXPIRED',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type ActorRole =
  'citizen' | 'officer' | 'supervisor' | 'auditor' | 'admin' | 'system' | 'provider' | 'partner';

export interface WorkflowAction {
  from: readonly ApplicationStatus[] | 'NEW';
  to: ApplicationStatus;
  roles: readonly ActorRole[];
  /** Shown to the citizen in the timeline and notifications when true. */
  citizenVisible: boolean;
}

export const WORKFLOW = {
  SUBMIT: { from: 'NEW', to: 'AWAITING_PAYMENT', roles: ['citizen'], citizenVisible: true },
  /** The records refuse the application before any fee is asked for: recorded, never open. */
  REFUSED_AT_SUBMISSION: { from: 'NEW', to: 'REJECTED', roles: ['citizen'], citizenVisible: true },
  PAY: { from: ['AWAITING_PAYMENT'], to: 'CHECKING', roles: ['provider'], citizenVisible: true },
  EXPIRE: { from: ['AWAITING_PAYMENT'], to: 'EXPIRED', roles: ['system'], citizenVisible: true },
  CANCEL: {
    from: [
      'AWAITING_PAYMENT',
      'CHECKING',
      'PENDING_REVIEW',
      'NEEDS_INFO',
      'NEEDS_ATTENTION',
      'AWAITING_VERIFICATION',
    ],
    to: 'CANCELLED',
    roles: ['citizen'],
    citizenVisible: true,
  },
  CHECKS_PASSED: { from: ['CHECKING'], to: 'PENDING_REVIEW', roles: ['system'], citizenVisible: true },
  CHECKS_FAILED: { from: ['CHECKING'], to: 'REJECTED', roles: ['system'], citizenVisible: true },
  /** The licence is missing from the register: the issuing office is asked to verify it. */
  CHECKS_NEED_VERIFICATION: {
    from: ['CHECKING'],
    to: 'AWAITING_VERIFICATION',
    roles: ['system'],
    citizenVisible: true,
  },
  /** The issuing office confirmed the licence (now in the register): the checks run again on it. */
  LICENCE_VERIFIED: {
    from: ['AWAITING_VERIFICATION'],
    to: 'CHECKING',
    roles: ['officer', 'supervisor'],
    citizenVisible: true,
  },
  /** Not in the issuing office's lists either: refused, and the fee refunded. */
  LICENCE_NOT_VERIFIED: {
    from: ['AWAITING_VERIFICATION'],
    to: 'REJECTED',
    roles: ['officer', 'supervisor'],
    citizenVisible: true,
  },
  CHECKS_ERRORED: { from: ['CHECKING'], to: 'NEEDS_ATTENTION', roles: ['system'], citizenVisible: false },
  RETRY_CHECKS: {
    from: ['NEEDS_ATTENTION'],
    to: 'CHECKING',
    roles: ['supervisor', 'admin'],
    citizenVisible: false,
  },
  AUTO_APPROVE: { from: ['PENDING_REVIEW'], to: 'APPROVED', roles: ['system'], citizenVisible: true },
  APPROVE: {
    from: ['PENDING_REVIEW'],
    to: 'APPROVED',
    roles: ['officer', 'supervisor'],
    citizenVisible: true,
  },
  REJECT: {
    from: ['PENDING_REVIEW'],
    to: 'REJECTED',
    roles: ['officer', 'supervisor'],
    citizenVisible: true,
  },
  REQUEST_INFO: {
    from: ['PENDING_REVIEW'],
    to: 'NEEDS_INFO',
    roles: ['officer', 'supervisor'],
    citizenVisible: true,
  },
  SUPPLEMENT: { from: ['NEEDS_INFO'], to: 'CHECKING', roles: ['citizen'], citizenVisible: true },
  ISSUE: { from: ['APPROVED'], to: 'ISSUED', roles: ['system'], citizenVisible: true },
  HAND_TO_POST: { from: ['ISSUED'], to: 'IN_DELIVERY', roles: ['partner'], citizenVisible: true },
  DELIVER: { from: ['IN_DELIVERY'], to: 'DELIVERED', roles: ['partner'], citizenVisible: true },
  RETURN_TO_OFFICE: {
    from: ['IN_DELIVERY'],
    to: 'RETURNED_TO_OFFICE',
    roles: ['partner', 'system'],
    citizenVisible: true,
  },
  COLLECT: {
    from: ['ISSUED', 'RETURNED_TO_OFFICE'],
    to: 'COLLECTED',
    roles: ['officer', 'supervisor'],
    citizenVisible: true,
  },
} as const satisfies Record<string, WorkflowAction>;

export type WorkflowActionName = keyof typeof WORKFLOW;

/** States in which the case is still being worked on: at most one such case per citizen and licence. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = [
  'AWAITING_PAYMENT',
  'CHECKING',
  'NEEDS_ATTENTION',
  'PENDING_REVIEW',
  'NEEDS_INFO',
  'AWAITING_VERIFICATION',
  'APPROVED',
];

/** States that end the case. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = [
  'REJECTED',
  'DELIVERED',
  'COLLECTED',
  'CANCELLED',
  'EXPIRED',
];

/** Deadlines per state, in working days (DOMAIN.md: decide a complete case within 5, ask for more within 2). */
export const STATE_DEADLINES: Partial<Record<ApplicationStatus, { workingDays: number; meaning: string }>> = {
  PENDING_REVIEW: { workingDays: 5, meaning: 'decide a complete application' },
  NEEDS_INFO: { workingDays: 2, meaning: 'the citizen answers the request for information' },
  AWAITING_VERIFICATION: {
    workingDays: 5,
    meaning: 'the issuing office verifies a licence missing from the register',
  },
};

export function canTake(
  action: WorkflowActionName,
  from: ApplicationStatus | 'NEW',
  role: ActorRole,
): boolean {
  const rule: WorkflowAction = WORKFLOW[action];
  const fromOk = rule.from === 'NEW' ? from === 'NEW' : (rule.from as readonly string[]).includes(from);
  return fromOk && rule.roles.includes(role);
}

/** The states an action may start from, for conditional UPDATE … WHERE status = ANY(…). */
export function sourcesOf(action: WorkflowActionName): ApplicationStatus[] {
  const rule: WorkflowAction = WORKFLOW[action];
  return rule.from === 'NEW' ? [] : [...rule.from];
}
