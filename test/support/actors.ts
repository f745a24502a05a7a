import type { Actor } from '../../src/offboarding/case-lifecycle.js';

export const hr = (id = 'UHR00001'): Actor => ({ id, isHrApprover: true, isItConfirmer: false });
export const it = (id = 'UIT00001'): Actor => ({ id, isHrApprover: false, isItConfirmer: true });
export const nobody = (id = 'UNOBODY1'): Actor => ({ id, isHrApprover: false, isItConfirmer: false });
export const hrSystem: Actor = { id: 'api', isHrApprover: false, isItConfirmer: false };

export const evidence = (reference = 'CS-1042') => ({
  reference,
  vendorContact: 'Jamie at vendor customer success',
  confirmedOn: '2026-11-20',
});
