import type { ApplicationView } from '../../applications/application-view';
import { checkLines, decisionReason, messageLines, nextActions, timelineLines } from './status-view';
import { finesOf } from './fines-view';

const app = (over: Partial<ApplicationView>): ApplicationView =>
  ({
    status: 'AWAITING_PAYMENT',
    fee: {
      amount: 150000,
      licenceFee: 115000,
      postalFee: 35000,
      currency: 'VND',
      dueBy: '2026-11-28T00:00:00Z',
    },
    checks: [],
    decision: null,
    ...over,
  }) as ApplicationView;
const now = new Date('2026-11-27T00:00:00Z');

describe('the status page', () => {
  it('offers what can be done in each state', () => {
    expect(nextActions(app({}), 'p1', now)).toEqual({
      pay: true,
      payAgain: false,
      answer: false,
      cancel: true,
    });
    expect(nextActions(app({}), null, now)).toEqual({
      pay: false,
      payAgain: true,
      answer: false,
      cancel: true,
    });
    expect(nextActions(app({}), null, new Date('2026-11-29T00:00:00Z')).payAgain).toBe(false);
    expect(nextActions(app({ status: 'NEEDS_INFO' }), null, now)).toEqual({
      pay: false,
      payAgain: false,
      answer: true,
      cancel: true,
    });
    expect(nextActions(app({ status: 'APPROVED' }), null, now)).toEqual({
      pay: false,
      payAgain: false,
      answer: false,
      cancel: false,
    });
  });

  it('turns checks into sentences and lists unpaid fines', () => {
    const violations = [
      {
        id: 'V-1',
        plate: '29A-123.45',
        amount: 800000,
        occurredOn: '2026-01-02',
        asDriver: false,
        asOwner: true,
      },
      { id: 'V-2', plate: null, amount: 170000, occurredOn: '2026-02-03', asDriver: true, asOwner: false },
    ];
    const application = app({
      checks: [
        {
          rule: 'UNPAID_VIOLATIONS',
          outcome: 'FAIL',
          detail: 'Còn 2 vi phạm',
          action: 'Nộp phạt',
          evidence: { violations },
        },
      ],
    });
    expect(finesOf(application.checks)).toEqual([
      { id: 'V-1', plate: '29A-123.45', amount: 800000, occurredOn: '2026-01-02', asOwner: true },
      { id: 'V-2', plate: null, amount: 170000, occurredOn: '2026-02-03', asOwner: false },
    ]);
    const passed = { rule: 'UNPAID_VIOLATIONS', outcome: 'PASS', evidence: { violations: [] } };
    expect(finesOf([passed])).toEqual([]);
    expect(finesOf([{ rule: 'UNPAID_VIOLATIONS', outcome: 'NOT_CHECKED', evidence: {} }])).toEqual([]);
    const lines = checkLines(
      app({
        checks: [
          {
            rule: 'UNPAID_VIOLATIONS',
            outcome: 'FAIL',
            detail: 'Còn 1 vi phạm',
            action: 'Nộp phạt',
            evidence: { violations },
          },
          { rule: 'LICENCE_FOUND', outcome: 'PASS', detail: 'Có trong sổ', action: 'ignored', evidence: {} },
        ],
      }),
    );
    expect(lines).toEqual([
      {
        rule: 'UNPAID_VIOLATIONS',
        outcome: 'FAIL',
        summary: 'Còn 1 vi phạm',
        action: 'Nộp phạt',
      },
      {
        rule: 'LICENCE_FOUND',
        outcome: 'PASS',
        summary: 'Có trong sổ',
        action: null,
      },
    ]);
  });

  it("translates a refusal's reason code and keeps the officer's note as written", () => {
    expect(decisionReason(app({ decision: { reason: 'PHOTO_UNSUITABLE: Ảnh bị mờ' } }))).toEqual({
      reasonKey: 'rejection.PHOTO_UNSUITABLE',
      note: 'Ảnh bị mờ',
    });
    expect(decisionReason(app({ decision: { reason: 'free text' } }))).toEqual({
      reasonKey: null,
      note: 'free text',
    });
  });

  it('shows notifications in the reader’s language and timeline entries as keys', () => {
    const at = new Date();
    const lines = messageLines(
      [
        {
          at,
          kind: 'NOTIFICATION',
          authorKind: 'system',
          body: 'Đã nhận\nReceived',
          template: null,
          params: null,
        },
        { at, kind: 'REQUEST_INFO', authorKind: 'staff', body: 'Gửi ảnh\nmới', template: null, params: null },
        {
          at,
          kind: 'NOTIFICATION',
          authorKind: 'system',
          body: 'Hồ sơ 01-2026-0000001 đã được tiếp nhận…',
          template: 'SUBMITTED',
          params: { reference: '01-2026-0000001', amount: 170000, dueBy: '2026-12-08T08:50:01.041Z' },
        },
      ],
      'en',
    );
    expect(lines.map((l) => [l.fromKey, l.body])).toEqual([
      ['messages.from.service', 'Received'],
      ['messages.from.staff', 'Gửi ảnh\nmới'],
      [
        'messages.from.service',
        'Application 01-2026-0000001 received. Please pay the fee of 170,000 VND by 08/12/2026 15:50.',
      ],
    ]);
    const entries = timelineLines([
      { at: 'x', action: 'PAY', fromState: null, toState: null, by: 'the payment provider', detail: null },
      { at: 'y', action: 'ISSUE', fromState: null, toState: null, by: 'operator', detail: null },
    ]);
    expect(entries.map((e) => [e.actionKey, e.byKey])).toEqual([
      ['timeline.PAY', 'timeline.by.the_payment_provider'],
      ['timeline.ISSUE', 'timeline.by.the_service'],
    ]);
  });
});
