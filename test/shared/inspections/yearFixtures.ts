import type { ComplaintCase } from '../../../shared/domain/year';

export function complaint(over: Partial<ComplaintCase> = {}): ComplaintCase {
  return {
    id: over.id ?? 'c1',
    targetId: 't1',
    year: 2024,
    receivedAt: '2024-03-01',
    complainant: '',
    summary: '政府信息公开意见箱来件',
    inquirySentAt: '2024-03-04',
    replyDeadline: '2024-03-15',
    repliedAt: '2024-03-12',
    verifiedAt: null,
    problemConfirmed: null,
    rectificationRequiredAt: null,
    rectificationDeadline: null,
    rectified: null,
    rectificationCheckedAt: null,
    note: '',
    createdAt: '2024-03-01T00:00:00.000Z',
    updatedAt: '2024-03-01T00:00:00.000Z',
    deletedAt: null,
    deleted: 0,
    ...over,
  };
}

