// What `/benefits-status` was asked, read from the command text. Pure: the vendor ids come in as a value.

/** One question the command can answer; `help` for anything it does not understand. */
export type StatusQuery =
  | { kind: 'summary' }
  | { kind: 'person'; email: string }
  | { kind: 'mention'; userId: string }
  | { kind: 'vendor'; vendorId: string }
  | { kind: 'overdue' }
  /** `unrecognised`: what was typed when it was not a plain request for help. */
  | { kind: 'help'; unrecognised?: string };

const mentionPattern = /^<@([UW][A-Z0-9]{2,})(?:\|[^<>]*)?>$/;
// Slack sends an email as `<mailto:a@b.co|a@b.co>` when the command escapes links.
const mailtoPattern = /^<mailto:([^|<>\s]+)(?:\|[^<>]*)?>$/i;
const emailPattern = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;.]+$/;

/** Whether `value` has the shape of an email address (not whether it exists). */
export const looksLikeEmail = (value: string): boolean => value.length <= 254 && emailPattern.test(value);

/** Parses the text after `/benefits-status`; never throws. */
export const parseStatusQuery = (text: string, vendorIds: readonly string[]): StatusQuery => {
  const input = text.trim();
  if (input === '') return { kind: 'summary' };
  const lowered = input.toLowerCase();
  if (lowered === 'overdue') return { kind: 'overdue' };
  if (lowered === 'help' || lowered === '?') return { kind: 'help' };

  const mention = mentionPattern.exec(input);
  if (mention?.[1]) return { kind: 'mention', userId: mention[1] };

  const address = mailtoPattern.exec(input)?.[1] ?? input;
  if (looksLikeEmail(address)) return { kind: 'person', email: address.toLowerCase() };

  const vendorId = vendorIds.find((id) => id.toLowerCase() === lowered);
  if (vendorId !== undefined) return { kind: 'vendor', vendorId };

  return { kind: 'help', unrecognised: input };
};
