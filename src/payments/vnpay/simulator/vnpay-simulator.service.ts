import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock';
import { DomainError, notFound } from '../../../common/errors/domain-error';
import { Environment } from '../../../config/environment';
import { vnpSignData, VnpParams } from '../vnpay-signing';
import { VnpaySettings } from '../vnpay-settings';
import {
  apiAnswer,
  isSignedApiRequest,
  payUrlProblem,
  resultParams,
  SimulatedTransaction,
} from './vnpay-simulated-gateway';

/**
 * The local stand-in for VNPAY (PAYMENT_GATEWAY=vnpay with the simulator on): checks a payment URL as
 * VNPAY does, records the citizen's choice in its own ledger, calls our IPN server to server with a
 * signed query and sends the browser to the return URL; answers querydr and refund from that ledger.
 */
@Injectable()
export class VnpaySimulatorService {
  private readonly logger = new Logger(VnpaySimulatorService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: Environment,
    private readonly settings: VnpaySettings,
    private readonly clock: Clock,
  ) {}

  assertEnabled(): void {
    if (!this.env.PAYMENT_SIMULATOR_ENABLED || !this.settings.enabled) {
      throw notFound('The VNPAY simulator (PAYMENT_GATEWAY=vnpay and PAYMENT_SIMULATOR_ENABLED=true)');
    }
  }

  /** Why the payment URL would be refused, or null. */
  check(params: VnpParams): string | null {
    this.assertEnabled();
    return payUrlProblem(this.settings.merchant, params, this.clock.now());
  }

  /** Pays or cancels; returns where the browser goes next (the merchant's return URL with the result). */
  async complete(params: VnpParams, paid: boolean): Promise<string> {
    const problem = this.check(params);
    if (problem) throw new DomainError('BAD_REQUEST', `VNPAY would refuse this payment: ${problem}.`);
    const [{ no }] = await this.db.query<{ no: string }[]>(
      `SELECT nextval('vnpay_simulator_transaction_no_seq')::text AS no`,
    );
    const result = resultParams(this.settings.merchant, params, {
      paid,
      transactionNo: no,
      payDate: this.clock.now(),
    });
    const recorded = await this.db.query<unknown[]>(
      `INSERT INTO vnpay_simulator_transactions
         (txn_ref, transaction_no, amount, response_code, transaction_status, order_info, pay_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (txn_ref) DO UPDATE SET transaction_no = EXCLUDED.transaction_no,
         response_code = EXCLUDED.response_code, transaction_status = EXCLUDED.transaction_status,
         pay_date = EXCLUDED.pay_date
       WHERE vnpay_simulator_transactions.transaction_status <> '00'
       RETURNING 1`,
      [
        result.vnp_TxnRef,
        no,
        result.vnp_Amount,
        result.vnp_ResponseCode,
        result.vnp_TransactionStatus,
        result.vnp_OrderInfo,
        result.vnp_PayDate,
      ],
    );
    if (recorded.length === 0) {
      throw new DomainError('CONFLICT', 'VNPAY would refuse this payment: the order was paid already.');
    }
    const query = `${vnpSignData(result)}&vnp_SecureHash=${result.vnp_SecureHash}`;
    await this.callIpn(query);
    return `${params.vnp_ReturnUrl}?${query}`;
  }

  /** VNPAY calls the IPN and reads its answer; a failed call is only logged (VNPAY would retry later). */
  private async callIpn(query: string): Promise<void> {
    try {
      const response = await fetch(`${this.settings.ipnUrl()}?${query}`, {
        signal: AbortSignal.timeout(15_000),
      });
      const answer = (await response.json()) as { RspCode?: string; Message?: string };
      this.logger.log({ rspCode: answer.RspCode, message: answer.Message }, 'Simulated VNPAY IPN answered');
    } catch (error) {
      this.logger.warn({ err: error }, 'Simulated VNPAY IPN call failed');
    }
  }

  /** The merchant API (querydr, refund), answered from the simulator's ledger. */
  async api(body: unknown): Promise<Record<string, string>> {
    this.assertEnabled();
    const merchant = this.settings.merchant;
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, string | undefined>;
    const command = b.vnp_Command === 'refund' ? 'refund' : 'querydr';
    if (b.vnp_Command !== 'refund' && b.vnp_Command !== 'querydr') {
      return apiAnswer(merchant, command, '03', 'Invalid command');
    }
    if (b.vnp_TmnCode !== merchant.tmnCode) return apiAnswer(merchant, command, '02', 'Invalid TmnCode');
    if (!isSignedApiRequest(merchant, b)) return apiAnswer(merchant, command, '97', 'Invalid Checksum');
    const [tx] = await this.db.query<SimulatedTransaction[]>(
      `SELECT txn_ref, transaction_no::text, amount::text, response_code, transaction_status, order_info, pay_date,
              refunded_amount::text
         FROM vnpay_simulator_transactions WHERE txn_ref = $1`,
      [b.vnp_TxnRef ?? ''],
    );
    if (!tx) return apiAnswer(merchant, command, '91', 'Transaction not found');
    if (command === 'querydr') return apiAnswer(merchant, command, '00', 'QueryDR Success', tx);
    return this.refund(b, tx);
  }

  private async refund(b: Record<string, string | undefined>, tx: SimulatedTransaction) {
    const merchant = this.settings.merchant;
    if (tx.transaction_status !== '00')
      return apiAnswer(merchant, 'refund', '95', 'Transaction not successful', tx);
    if (b.vnp_TransactionNo !== tx.transaction_no)
      return apiAnswer(merchant, 'refund', '91', 'Transaction not found');
    const amount = Number(b.vnp_Amount);
    const remaining = Number(tx.amount) - Number(tx.refunded_amount);
    const full = b.vnp_TransactionType === '02';
    if (
      !Number.isInteger(amount) ||
      amount <= 0 ||
      amount > remaining ||
      (full && amount !== Number(tx.amount))
    ) {
      return apiAnswer(
        merchant,
        'refund',
        full && Number(tx.refunded_amount) > 0 ? '04' : '93',
        'Invalid refund amount',
        tx,
      );
    }
    await this.db.query(
      `UPDATE vnpay_simulator_transactions SET refunded_amount = refunded_amount + $2 WHERE txn_ref = $1`,
      [tx.txn_ref, amount],
    );
    // 05: VNPAY is processing the refund.
    return apiAnswer(
      merchant,
      'refund',
      '00',
      'Refund success',
      { ...tx, amount: String(amount) },
      b.vnp_TransactionType,
      '05',
    );
  }
}
