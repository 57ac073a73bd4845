import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/errors/domain-error';
import { ApplicationActions } from '../workflow/application-actions';
import { personActor } from '../workflow/workflow-gate';
import { sourcesOf } from '../workflow/application-workflow';
import { ShipmentsRepository } from './shipments.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Staff hand the card over at the office: an office-pickup case once issued, or a card the post
 * returned. Scoped to the staff member's province in the query: another province's case is not found.
 */
@Injectable()
export class CollectionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly shipments: ShipmentsRepository,
    private readonly actions: ApplicationActions,
  ) {}

  async collect(
    user: AuthUser,
    id: string,
    ip: string,
  ): Promise<{ id: string; reference: string; status: string }> {
    if (!UUID.test(id) || !user.provinceCode) throw notFound('Application');
    return this.db.transaction(async (tx) => {
      const [app] = await tx.query<{ reference: string; status: string; national_id: string }[]>(
        `SELECT reference, status, national_id FROM applications WHERE id = $1 AND province_code = $2`,
        [id, user.provinceCode],
      );
      if (!app) throw notFound('Application');
      if (user.nationalId && user.nationalId === app.national_id) {
        throw new DomainError(
          'FORBIDDEN',
          'This is your own application: another officer must hand the card over.',
        );
      }
      // The shipment is locked before the application, in the order pickup and events take them.
      const shipment = await this.shipments.lockByApplication(tx, id);
      if (shipment && shipment.status !== 'RETURNED') {
        throw new DomainError(
          'CONFLICT',
          `The card is with the post (shipment ${shipment.trackingNumber} is ${shipment.status}): it can be collected at the office only once the post has returned it.`,
        );
      }
      const moved = await this.actions.take(tx, {
        applicationId: id,
        action: 'COLLECT',
        actor: personActor(user, ip),
        data: { citizenDetail: 'You collected your new licence at the office' },
        notice: { template: 'COLLECTED' },
      });
      if (!moved) {
        throw new DomainError(
          'CONFLICT',
          `Application ${app.reference} is ${app.status}: only a card waiting at the office (${sourcesOf('COLLECT').join(' or ')}) can be collected.`,
        );
      }
      return { id, reference: moved.reference, status: moved.status };
    });
  }
}
