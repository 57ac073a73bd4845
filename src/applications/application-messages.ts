import { EntityManager } from 'typeorm';

export interface NewApplicationMessage {
  applicationId: string;
  authorKind: 'staff' | 'citizen';
  authorId: string;
  kind: 'REQUEST_INFO' | 'SUPPLEMENT';
  body: string;
}

/** The conversation on a case: a request for information and the citizen's answer, in the caller's transaction. */
export async function addApplicationMessage(tx: EntityManager, m: NewApplicationMessage): Promise<void> {
  await tx.query(
    `INSERT INTO application_messages (application_id, author_kind, author_id, kind, body) VALUES ($1, $2, $3, $4, $5)`,
    [m.applicationId, m.authorKind, m.authorId, m.kind, m.body],
  );
}
