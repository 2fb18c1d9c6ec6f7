// The mailer a runtime entry (Node or Workers) uses: Resend when RESEND_API_KEY is set, else the dev mailbox.
import type { Db } from "../../../db/client";
import { ConfigError, type Config } from "../../config";
import type { Log } from "../../deps";
import { isLoopbackHost } from "../../domain/network-address";
import { devMailbox } from "./dev-mailbox";
import type { Mailer } from "./mailer";
import { resendMailer } from "./resend-mailer";

type MailerConfig = Pick<Config, "resendApiKey" | "resendBaseUrl" | "resendRequestsPerSecond" | "publicUrl" | "devMailboxOnPublicUrl">;

/**
 * The dev mailbox stores every email, password-reset and survey links included, where an admin can read them: fine on
 * a developer's machine, a takeover on a server others can reach. Off loopback it runs only with DEV_MAILBOX=on.
 */
export function devMailboxGuard(config: MailerConfig): { refuse: string } | { warn: string } | null {
  if (config.resendApiKey) return null;
  const host = new URL(config.publicUrl).hostname;
  if (isLoopbackHost(host)) return null;
  if (!config.devMailboxOnPublicUrl)
    return {
      refuse: `RESEND_API_KEY: not set, and PUBLIC_URL (${host}) is not this machine: the dev mailbox would keep password-reset and survey links in the database. Set RESEND_API_KEY to send real emails, or DEV_MAILBOX=on to run the dev mailbox anyway`,
    };
  return { warn: `DEV_MAILBOX=on with PUBLIC_URL ${host}: emails are not sent but kept in the dev mailbox, which admins and full-scope API keys can read (password-reset links included)` };
}

export function mailerFromConfig(config: MailerConfig, db: Db, now: () => number, log: Pick<Log, "error">): Mailer {
  const guard = devMailboxGuard(config);
  if (guard && "refuse" in guard) throw new ConfigError(`Invalid environment:\n  ${guard.refuse}`);
  if (guard) log.error(`warning: ${guard.warn}`);
  return config.resendApiKey
    ? resendMailer(config.resendApiKey, { baseUrl: config.resendBaseUrl, requestsPerSecond: config.resendRequestsPerSecond })
    : devMailbox(db, now);
}
