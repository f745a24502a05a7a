import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, sendJson } from '../http/json-http.js';
import type { Services } from '../services.js';
import { isDomainError } from '../shared/domain-error.js';
import type { Logger } from '../shared/logger.js';
import type { CaseRecord } from './offboarding.repository.js';
import { offboardingRequest } from './offboarding-input.js';

const HR_SYSTEM = { id: 'api', isHrApprover: false, isItConfirmer: false };

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** What the HR system gets back: ids and states, not the employee's personal data. */
const caseSummary = (record: CaseRecord) => ({
  id: record.id,
  status: record.status,
  externalId: record.externalId,
  lastDay: record.lastDay,
  vendors: record.removals.map((removal) => ({
    id: removal.vendorId,
    status: removal.status,
    dueOn: removal.dueOn,
  })),
  createdAt: record.createdAt.toISOString(),
});

const unknownVendorIds = async (services: Services, body: unknown): Promise<string[]> => {
  const requested = (body as { vendors?: unknown } | null)?.vendors;
  if (!Array.isArray(requested)) return [];
  const ids = [...new Set(requested.filter((id): id is string => typeof id === 'string'))].slice(0, 100);
  const known = await services.vendors.findByIds(ids);
  return ids.filter((id) => !known.some((vendor) => vendor.id === id && vendor.active));
};

/** `POST /api/offboardings`: the HR system starts a case (CONTRACT.md). */
export const createOffboardingWebhook = (deps: {
  services: Services;
  apiToken: string | undefined;
  logger: Logger;
  onCaseStarted: () => void;
}) => {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!deps.apiToken) {
      return sendJson(res, 503, {
        error: 'webhook_disabled',
        message: 'OFFBOARDING_API_TOKEN is not set on this server.',
      });
    }
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!token || !sameSecret(token, deps.apiToken)) {
      res.setHeader('www-authenticate', 'Bearer');
      return sendJson(res, 401, { error: 'unauthorized', message: 'A valid bearer token is required.' });
    }
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return sendJson(res, 415, {
        error: 'unsupported_media_type',
        message: 'Send JSON (Content-Type: application/json).',
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return sendJson(res, 413, { error: 'too_large', message: error.message });
      return sendJson(res, 400, { error: 'invalid_json', message: 'The body is not valid JSON.' });
    }
    const parsed = offboardingRequest.safeParse(body);
    const fields: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path.length > 0 ? String(issue.path[0]) : 'body';
        fields[key] ??=
          issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
      }
    }
    // Unknown vendors are named beside every other bad field, not only once the rest is right.
    const unknownVendors = await unknownVendorIds(deps.services, body);
    if (unknownVendors.length > 0) fields.vendors ??= `Unknown vendor: ${unknownVendors.join(', ')}.`;
    if (!parsed.success || Object.keys(fields).length > 0) {
      return sendJson(res, 400, { error: 'invalid_request', fields });
    }
    const request = parsed.data;
    try {
      const { case: record, created } = await deps.services.offboarding.startCase(
        {
          employeeEmail: request.email,
          employeeName: request.name,
          lastDay: request.lastDay,
          source: 'webhook',
          ...(request.vendors ? { vendorIds: request.vendors } : {}),
          ...(request.externalId ? { externalId: request.externalId } : {}),
        },
        HR_SYSTEM,
      );
      if (created) {
        deps.logger.info({ caseId: record.id }, 'case started by the HR system');
        deps.onCaseStarted();
      }
      return sendJson(res, created ? 201 : 200, caseSummary(record));
    } catch (error) {
      if (isDomainError(error) && error.code === 'vendor.unknown') {
        return sendJson(res, 400, { error: 'invalid_request', fields: { vendors: error.message } });
      }
      if (isDomainError(error))
        return sendJson(res, 400, { error: 'invalid_request', fields: { body: error.message } });
      deps.logger.error({ err: (error as Error).message }, 'webhook failed');
      return sendJson(res, 500, {
        error: 'internal',
        message: 'The case could not be started; nothing was written.',
      });
    }
  };
};
