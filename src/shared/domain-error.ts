/** Every refusal the product can give, by code. Listeners turn these into what a person reads. */
export type DomainErrorCode =
  | 'auth.not_hr_approver'
  | 'auth.not_it_confirmer'
  | 'auth.cannot_start_case'
  | 'case.not_found'
  | 'case.initiator_cannot_approve'
  | 'case.already_approved'
  | 'case.already_rejected'
  | 'case.already_cancelled'
  | 'case.already_completed'
  | 'case.not_approved'
  | 'case.not_closed'
  | 'removal.not_found'
  | 'removal.already_confirmed'
  | 'removal.withdrawn'
  | 'vendor.unknown'
  | 'input.invalid';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
