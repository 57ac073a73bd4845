import { gatewayBody } from './gateway-body';
import { gatewayOutcome, gatewayUnreachable } from './gateway-outcome';
import { Semaphore } from './semaphore';
import { gatewayPhone, unaccented } from './sms-text';

describe('gatewayPhone', () => {
  it.each([
    ['0912345678', '84912345678'],
    ['0912 345 678', '84912345678'],
    ['+84912345678', '84912345678'],
    ['84912345678', '84912345678'],
    ['091.234.5678', '84912345678'],
  ])('writes %s as %s', (phone, expected) => expect(gatewayPhone(phone)).toBe(expected));

  it.each(['', '12345', '0012345678', '+14155550100', '09123456789'])('refuses %p', (phone) =>
    expect(gatewayPhone(phone)).toBeNull(),
  );
});

describe('unaccented', () => {
  it('drops Vietnamese diacritics and đ, keeping the words', () => {
    expect(unaccented('Hồ sơ đã được tiếp nhận. Đề nghị nộp lệ phí trước 12/01.')).toBe(
      'Ho so da duoc tiep nhan. De nghi nop le phi truoc 12/01.',
    );
  });

  it('turns typographic punctuation into GSM characters', () => {
    expect(unaccented('“Hồ sơ” – mã…')).toBe('"Ho so" - ma...');
  });
});

describe('gatewayBody', () => {
  const fields = { from: 'GPLX', to: '84912345678', text: 'Line "one"\nline two', id: 'n-1' };

  it('fills the placeholders into the configured JSON, escaping the text', () => {
    const body = gatewayBody('{"from":"{from}","to":"{to}","text":"{text}","requestId":"{id}"}', fields);
    expect(JSON.parse(body)).toEqual({
      from: 'GPLX',
      to: '84912345678',
      text: 'Line "one"\nline two',
      requestId: 'n-1',
    });
  });

  it('fills nested values and leaves other values alone', () => {
    const body = gatewayBody(
      '{"sms":[{"dest":"{to}","msg":"[{from}] {text}"}],"type":2,"unicode":false}',
      fields,
    );
    expect(JSON.parse(body)).toEqual({
      sms: [{ dest: '84912345678', msg: '[GPLX] Line "one"\nline two' }],
      type: 2,
      unicode: false,
    });
  });
});

describe('gatewayOutcome', () => {
  it('takes a 2xx as sent, with the gateway message id when it names one', () => {
    expect(gatewayOutcome(200, '{"status":"ok","messageId":"abc-1"}')).toEqual({
      outcome: 'sent',
      providerMessageId: 'abc-1',
    });
    expect(gatewayOutcome(202, 'accepted')).toEqual({ outcome: 'sent', providerMessageId: undefined });
  });

  it.each([400, 401, 403, 404, 422])('takes %i as a final refusal with what the gateway said', (status) => {
    expect(gatewayOutcome(status, '{"error":"Invalid phone"}')).toEqual({
      outcome: 'rejected',
      reason: `The SMS gateway answered ${status}: {"error":"Invalid phone"}`,
    });
  });

  it.each([408, 429, 500, 502, 503])('takes %i as passing: try again later', (status) => {
    expect(gatewayOutcome(status, '').outcome).toBe('temporary');
  });

  it('takes a time-out or a refused connection as passing', () => {
    const timeout = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    expect(gatewayUnreachable(timeout)).toEqual({
      outcome: 'temporary',
      reason: 'The SMS gateway did not answer in time',
    });
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(gatewayUnreachable(refused)).toEqual({
      outcome: 'temporary',
      reason: expect.stringMatching(/ECONNREFUSED/),
    });
  });
});

describe('Semaphore', () => {
  it('never runs more tasks at once than its size, and runs them all', async () => {
    const limit = new Semaphore(2);
    let running = 0;
    let most = 0;
    const task = async (i: number) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return i;
    };
    expect(await Promise.all([1, 2, 3, 4, 5].map((i) => limit.run(() => task(i))))).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });
});
