import { pino } from 'pino';

/**
 * Logs go to stderr (stdout belongs to CLI output) and carry Slack user ids and case ids only:
 * enrollment in a benefit is sensitive, so emails and names are redacted wherever they appear.
 */
export const createLogger = (
  level = 'info',
  destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true }),
) =>
  pino(
    {
      level,
      base: null,
      redact: {
        paths: [
          'email',
          'name',
          'employeeEmail',
          'employeeName',
          '*.email',
          '*.name',
          '*.employeeEmail',
          '*.employeeName',
          '*.real_name',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );

export type Logger = ReturnType<typeof createLogger>;
