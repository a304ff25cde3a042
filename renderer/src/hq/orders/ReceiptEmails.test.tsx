// HQ's order view: one status line per e-mailed receipt — sent, not sent (no SMTP) with its
// reason, failed with the SMTP error — and nothing when none was asked for.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ReceiptEmailStatusView } from '../../../../shared/hq/service';
import { ReceiptEmails } from './ReceiptEmails';

const at = '2026-12-03T15:04:00.000Z';
const row = (over: Partial<ReceiptEmailStatusView>): ReceiptEmailStatusView => ({
  eventId: 'e1',
  email: 'ann@example.com',
  status: 'requested',
  reason: null,
  requestedAt: at,
  updatedAt: at,
  sentAt: null,
  ...over,
});

describe('ReceiptEmails', () => {
  it('says what became of each request', () => {
    const html = renderToStaticMarkup(
      <ReceiptEmails
        emails={[
          row({ eventId: 'e1', status: 'sent', sentAt: at }),
          row({ eventId: 'e2', email: 'bob@example.com', status: 'not_sent', reason: 'not sent (no SMTP)' }),
          row({ eventId: 'e3', email: 'cleo@example.com', status: 'failed', reason: '550 mailbox unavailable' }),
          row({ eventId: 'e4', email: 'dan@example.com', status: 'waiting', reason: 'Waiting for the order.' }),
        ]}
      />,
    );
    expect(html).toContain('Receipt e-mail to ann@example.com: sent (');
    expect(html).toContain('Receipt e-mail to bob@example.com: not sent (no SMTP) (');
    expect(html).toContain('Receipt e-mail to cleo@example.com: failed — 550 mailbox unavailable');
    expect(html).toContain('Receipt e-mail to dan@example.com: requested, waiting — Waiting for the order.');
    expect(html.match(/data-testid="receipt-email-status"/g)).toHaveLength(4);
  });

  it('shows nothing when no receipt was e-mailed', () => {
    expect(renderToStaticMarkup(<ReceiptEmails emails={[]} />)).toBe('');
  });
});
