import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { QueueRegistry } from '../../queue/queue-registry';
import { QUEUE_BOARD_PATH } from './queue-board-access';
import { QueueBoardGate } from './queue-board-gate';

/**
 * The operator's view of the queues: bull-board over every BullMQ queue of the service (waiting,
 * active, delayed — a retry waiting out its back-off —, failed and completed jobs, each with its
 * attempts and last error), with retry. Mounted in a Fastify scope of its own whose first hook is
 * QueueBoardGate: admins only, and only the changes queueBoardAccess offers.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const gate = app.get(QueueBoardGate);
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: app
      .get(QueueRegistry)
      .all()
      .map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Licence renewal: queues' } },
  });
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', (request, reply) => gate.admit(request, reply));
    scope.addHook('onSend', async (request, reply, payload) => {
      await gate.recordChange(request, reply);
      return payload;
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
