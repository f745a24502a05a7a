import type { App, BlockAction, ButtonAction, OverflowAction, ViewStateValue } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Services } from '../services.js';
import { type DomainError, isDomainError } from '../shared/domain-error.js';
import type { Logger } from '../shared/logger.js';
import type { AccessControl } from '../slack/access-control.js';
import type { CardDelivery } from '../slack/card-delivery.js';
import { type CaseCommand, decide } from './case-lifecycle.js';
import { businessDate } from './due-dates.js';
import { CardAction, escapeMrkdwn } from './offboarding-card.js';
import { isoDate, personName, workEmail } from './offboarding-input.js';
import { evidenceModal, Field, ModalId, reasonModal, startCaseModal } from './offboarding-modals.js';
import { draftRemovalRequest } from './removal-request-draft.js';

export type OffboardingListenerDeps = {
  services: Services;
  access: AccessControl;
  delivery: CardDelivery;
  logger: Logger;
};

export const SHORTCUT_START = 'start_offboarding';
export const COMMAND_START = '/benefits-offboard';

const roleFor: Partial<Record<DomainError['code'], 'hr' | 'it'>> = {
  'auth.not_hr_approver': 'hr',
  'auth.cannot_start_case': 'hr',
  'auth.not_it_confirmer': 'it',
};

type StateValues = Record<string, Record<string, ViewStateValue>>;
const inputValue = (values: StateValues, field: { block: string; action: string }) =>
  values[field.block]?.[field.action];

/** Button values are `caseId` or `caseId:vendorId`; anything else is a forged or stale payload. */
const caseRef = z.string().regex(/^[0-9a-f-]{36}(:[a-z0-9][a-z0-9-]{1,62})?$/);
const splitRef = (value: string) => {
  const [caseId = '', vendorId] = value.split(':');
  return { caseId, vendorId };
};

export const registerOffboardingListeners = (app: App, deps: OffboardingListenerDeps): void => {
  const { services, access, delivery, logger } = deps;
  const today = () => businessDate(services.clock(), services.timeZone);

  /** Tells the clicker, and only them, why nothing happened; role refusals also go into the ledger. */
  const explain = async (
    client: WebClient,
    where: { channel?: string | undefined; userId: string },
    error: DomainError,
    attempt: { attempted: string; caseId?: string; vendorId?: string },
  ) => {
    const role = roleFor[error.code];
    if (role) {
      await services.offboarding.recordDenied({
        actor: where.userId,
        code: error.code,
        ...attempt,
      });
      logger.info(
        { userId: where.userId, caseId: attempt.caseId, code: error.code },
        'refused for lack of role',
      );
    }
    const text = role ? `${error.message} They are: ${access.holdersOf(role)}.` : error.message;
    await notify(client, where, text);
  };

  const notify = async (
    client: WebClient,
    where: { channel?: string | undefined; userId: string },
    text: string,
  ) => {
    try {
      if (where.channel)
        await client.chat.postEphemeral({ channel: where.channel, user: where.userId, text });
      else await client.chat.postMessage({ channel: where.userId, text });
    } catch (error) {
      logger.warn({ userId: where.userId, err: (error as Error).message }, 'could not tell the user');
    }
  };

  /** Opens a modal; if Slack refuses (an expired trigger, an outage) the clicker is told rather than left waiting. */
  const openModal = async (
    client: WebClient,
    where: { channel?: string | undefined; userId: string },
    args: Parameters<WebClient['views']['open']>[0],
  ) => {
    try {
      await client.views.open(args);
    } catch (error) {
      logger.warn({ userId: where.userId, err: (error as Error).message }, 'views.open failed');
      await notify(
        client,
        where,
        'Slack could not open the form (it may have taken too long). Please click again.',
      );
    }
  };

  /** Runs the life cycle without writing, so a modal is only opened for a command that can succeed. */
  const preflight = async (caseId: string, command: CaseCommand, userId: string) => {
    const record = await services.offboarding.getCase(caseId);
    if (!record) return { error: undefined, record: undefined };
    const actor = await access.actorFor(userId);
    const state = {
      status: record.status,
      initiatedBy: record.initiatedBy,
      lastDay: record.lastDay,
      decidedBy: record.decidedBy,
      decidedAt: record.decidedAt,
      closedReason: record.closedReason,
      completedAt: record.completedAt,
      removals: record.removals.map((removal) => ({
        vendorId: removal.vendorId,
        status: removal.status,
        dueOn: removal.dueOn,
        requestedAt: removal.requestedAt,
        confirmedBy: removal.confirmedBy,
        confirmedAt: removal.confirmedAt,
        evidence: null,
      })),
    };
    const decision = decide(state, command, actor, {
      now: services.clock(),
      timeZone: services.timeZone,
      slaBusinessDays: () => 5,
    });
    return { error: decision.ok ? undefined : decision.error, record };
  };

  const handleFailure = async (
    error: unknown,
    client: WebClient,
    where: { channel?: string | undefined; userId: string },
    attempt: { attempted: string; caseId?: string; vendorId?: string },
  ) => {
    if (isDomainError(error)) return explain(client, where, error, attempt);
    logger.error({ err: (error as Error).message, caseId: attempt.caseId }, `${attempt.attempted} failed`);
    await notify(client, where, 'Something went wrong on our side; nothing was changed. Please try again.');
  };

  app.action<BlockAction<ButtonAction>>(CardAction.approve, async ({ ack, body, action, client }) => {
    await ack();
    const where = { channel: body.channel?.id, userId: body.user.id };
    if (!caseRef.safeParse(action.value).success)
      return notify(client, where, 'That button is no longer valid.');
    const caseId = splitRef(action.value ?? '').caseId;
    try {
      await services.offboarding.approve(caseId, await access.actorFor(body.user.id));
      void delivery.kick();
    } catch (error) {
      await handleFailure(error, client, where, { attempted: 'approve', caseId });
    }
  });

  const openReasonModal = async (
    kind: 'reject' | 'cancel',
    caseId: string,
    args: { body: BlockAction; client: WebClient },
  ) => {
    const { body, client } = args;
    const where = { channel: body.channel?.id, userId: body.user.id };
    const { error, record } = await preflight(caseId, { type: kind, reason: 'preflight' }, body.user.id);
    if (!record) return notify(client, where, 'That offboarding case does not exist.');
    if (error) return explain(client, where, error, { attempted: kind, caseId });
    await openModal(client, where, {
      trigger_id: body.trigger_id,
      view: reasonModal(kind, caseId, record.employeeName),
    });
  };

  app.action<BlockAction<ButtonAction>>(CardAction.reject, async ({ ack, body, action, client }) => {
    await ack();
    if (!caseRef.safeParse(action.value).success) return;
    await openReasonModal('reject', splitRef(action.value ?? '').caseId, { body, client });
  });

  app.action<BlockAction<OverflowAction>>(CardAction.manageCase, async ({ ack, body, action, client }) => {
    await ack();
    const [choice, caseId = ''] = (action.selected_option?.value ?? '').split(':');
    if (!caseRef.safeParse(caseId).success) return;
    const where = { channel: body.channel?.id, userId: body.user.id };
    if (choice === 'cancel') return openReasonModal('cancel', caseId, { body, client });
    if (choice === 'checklist') {
      const actor = await access.actorFor(body.user.id);
      if (!actor.isHrApprover && !actor.isItConfirmer) {
        return notify(client, where, `Only HR approvers and IT confirmers may see case details.`);
      }
      const record = await services.offboarding.getCase(caseId);
      const lines = (record?.removals ?? []).flatMap((removal) => [
        `*${escapeMrkdwn(removal.vendor.name)}*`,
        ...removal.vendor.checklist.map((item) => `• ${escapeMrkdwn(item)}`),
      ]);
      return notify(client, where, lines.length > 0 ? lines.join('\n') : 'No vendor on this case.');
    }
  });

  for (const kind of ['reject', 'cancel'] as const) {
    app.view(kind === 'reject' ? ModalId.reject : ModalId.cancel, async ({ ack, body, view }) => {
      const reason = inputValue(view.state.values, Field.reason)?.value?.trim() ?? '';
      if (reason.length === 0) {
        return ack({ response_action: 'errors', errors: { [Field.reason.block]: 'Please give a reason.' } });
      }
      const caseId = view.private_metadata;
      try {
        const actor = await access.actorFor(body.user.id);
        await (kind === 'reject'
          ? services.offboarding.reject(caseId, reason, actor)
          : services.offboarding.cancel(caseId, reason, actor));
        await ack();
        void delivery.kick();
      } catch (error) {
        if (isDomainError(error)) {
          await ack({ response_action: 'errors', errors: { [Field.reason.block]: error.message } });
          if (roleFor[error.code]) {
            await services.offboarding.recordDenied({
              actor: body.user.id,
              attempted: kind,
              caseId,
              code: error.code,
            });
          }
          return;
        }
        await ack({
          response_action: 'errors',
          errors: { [Field.reason.block]: 'Something went wrong; try again.' },
        });
        logger.error({ err: (error as Error).message, caseId }, `${kind} failed`);
      }
    });
  }

  app.action<BlockAction<ButtonAction>>(CardAction.confirmRemoval, async ({ ack, body, action, client }) => {
    await ack();
    if (!caseRef.safeParse(action.value).success) return;
    const { caseId, vendorId = '' } = splitRef(action.value ?? '');
    const where = { channel: body.channel?.id, userId: body.user.id };
    const command: CaseCommand = {
      type: 'confirm_removal',
      vendorId,
      evidence: { reference: 'preflight', vendorContact: 'preflight', confirmedOn: today() },
    };
    const { error, record } = await preflight(caseId, command, body.user.id);
    if (!record) return notify(client, where, 'That offboarding case does not exist.');
    if (error) return explain(client, where, error, { attempted: 'confirm_removal', caseId, vendorId });
    const vendor = record.removals.find((removal) => removal.vendorId === vendorId)?.vendor;
    if (!vendor) return;
    await openModal(client, where, {
      trigger_id: body.trigger_id,
      view: evidenceModal({ caseId, vendor, employeeName: record.employeeName, today: today() }),
    });
  });

  app.view(ModalId.evidence, async ({ ack, body, view }) => {
    const values = view.state.values;
    const reference = inputValue(values, Field.reference)?.value?.trim() ?? '';
    const vendorContact = inputValue(values, Field.vendorContact)?.value?.trim() ?? '';
    const confirmedOn = inputValue(values, Field.confirmedOn)?.selected_date ?? '';
    const note = inputValue(values, Field.note)?.value?.trim() ?? '';
    const errors: Record<string, string> = {};
    if (!reference) errors[Field.reference.block] = "Enter the vendor's reference or ticket number.";
    if (!vendorContact) errors[Field.vendorContact.block] = 'Enter who at the vendor confirmed.';
    if (!isoDate.safeParse(confirmedOn).success)
      errors[Field.confirmedOn.block] = 'Pick the date the vendor confirmed.';
    else if (confirmedOn > today())
      errors[Field.confirmedOn.block] = 'The confirmation date cannot be in the future.';
    if (Object.keys(errors).length > 0) return ack({ response_action: 'errors', errors });

    if (!caseRef.safeParse(view.private_metadata).success) {
      return ack({
        response_action: 'errors',
        errors: { [Field.reference.block]: 'This form is no longer valid.' },
      });
    }
    const { caseId, vendorId = '' } = splitRef(view.private_metadata);
    try {
      await services.offboarding.confirmRemoval(
        caseId,
        vendorId,
        { reference, vendorContact, confirmedOn, ...(note ? { note } : {}) },
        await access.actorFor(body.user.id),
      );
      await ack();
      void delivery.kick();
    } catch (error) {
      if (isDomainError(error)) {
        if (roleFor[error.code]) {
          await services.offboarding.recordDenied({
            actor: body.user.id,
            attempted: 'confirm_removal',
            caseId,
            vendorId,
            code: error.code,
          });
        }
        return ack({ response_action: 'errors', errors: { [Field.reference.block]: error.message } });
      }
      logger.error({ err: (error as Error).message, caseId }, 'confirm removal failed');
      return ack({
        response_action: 'errors',
        errors: { [Field.reference.block]: 'Something went wrong; try again.' },
      });
    }
  });

  app.action<BlockAction<ButtonAction>>(CardAction.draftRequest, async ({ ack, body, action, client }) => {
    await ack();
    if (!caseRef.safeParse(action.value).success) return;
    const { caseId, vendorId = '' } = splitRef(action.value ?? '');
    const where = { channel: body.channel?.id, userId: body.user.id };
    const actor = await access.actorFor(body.user.id);
    if (!actor.isHrApprover && !actor.isItConfirmer) {
      return notify(
        client,
        where,
        `Only HR approvers and IT confirmers may draft vendor requests. They are: ${access.holdersOf('hr')}, ${access.holdersOf('it')}.`,
      );
    }
    const record = await services.offboarding.getCase(caseId);
    const draft = record ? draftRemovalRequest(record, vendorId) : undefined;
    if (!draft || !where.channel) return notify(client, where, 'That removal no longer exists.');
    await client.chat.postEphemeral({
      channel: where.channel,
      user: body.user.id,
      text: draft.text,
      blocks: draft.blocks,
    });
  });

  const openStartModal = async (
    client: WebClient,
    triggerId: string,
    userId: string,
    text: string,
    channel?: string,
  ) => {
    const actor = await access.actorFor(userId);
    if (!actor.isHrApprover) {
      const where = { channel, userId };
      await services.offboarding.recordDenied({
        actor: userId,
        attempted: 'start_case',
        code: 'auth.not_hr_approver',
      });
      return notify(
        client,
        where,
        `Only HR approvers may start an offboarding. They are: ${access.holdersOf('hr')}.`,
      );
    }
    const email = workEmail.safeParse(text.trim());
    const vendors = await services.vendors.listActive();
    const preselected = email.success ? await services.roster.vendorsEnrolling(email.data) : [];
    await openModal(
      client,
      { channel, userId },
      {
        trigger_id: triggerId,
        view: startCaseModal({ vendors, preselected, ...(email.success ? { email: email.data } : {}) }),
      },
    );
  };

  app.command(COMMAND_START, async ({ ack, command, client }) => {
    await ack();
    await openStartModal(client, command.trigger_id, command.user_id, command.text, command.channel_id);
  });

  app.shortcut(SHORTCUT_START, async ({ ack, shortcut, client }) => {
    await ack();
    await openStartModal(client, shortcut.trigger_id, shortcut.user.id, '');
  });

  app.view(ModalId.start, async ({ ack, body, view }) => {
    const values = view.state.values;
    const email = workEmail.safeParse(inputValue(values, Field.email)?.value ?? '');
    const name = personName.safeParse(inputValue(values, Field.name)?.value ?? '');
    const lastDay = isoDate.safeParse(inputValue(values, Field.lastDay)?.selected_date ?? '');
    const errors: Record<string, string> = {};
    if (!email.success) errors[Field.email.block] = 'Enter a work email address.';
    if (!name.success) errors[Field.name.block] = 'Enter the employee’s name.';
    if (!lastDay.success) errors[Field.lastDay.block] = 'Pick the last day.';
    if (!email.success || !name.success || !lastDay.success)
      return ack({ response_action: 'errors', errors });
    const ticked = (inputValue(values, Field.vendors)?.selected_options ?? []).map((option) => option.value);
    try {
      await services.offboarding.startCase(
        {
          employeeEmail: email.data,
          employeeName: name.data,
          lastDay: lastDay.data,
          source: 'slack',
          ...(ticked.length > 0 ? { vendorIds: ticked } : {}),
        },
        await access.actorFor(body.user.id),
      );
      await ack();
      void delivery.kick();
    } catch (error) {
      if (isDomainError(error)) {
        await ack({ response_action: 'errors', errors: { [Field.email.block]: error.message } });
        if (roleFor[error.code]) {
          await services.offboarding.recordDenied({
            actor: body.user.id,
            attempted: 'start_case',
            code: error.code,
          });
        }
        return;
      }
      logger.error({ err: (error as Error).message }, 'start case failed');
      return ack({
        response_action: 'errors',
        errors: { [Field.email.block]: 'Something went wrong; try again.' },
      });
    }
  });
};
