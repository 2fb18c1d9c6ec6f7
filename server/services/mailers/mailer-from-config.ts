// The mailer a runtime entry (Node or Workers) uses: Resend when RESEND_API_KEY is set, else the dev mailbox.
import type { Db } from "../../../db/client";
import type { Config } from "../../config";
import { devMailbox } from "./dev-mailbox";
import type { Mailer } from "./mailer";
import { resendMailer } from "./resend-mailer";

export function mailerFromConfig(config: Pick<Config, "resendApiKey" | "resendBaseUrl" | "resendRequestsPerSecond">, db: Db, now: () => number): Mailer {
  return config.resendApiKey
    ? resendMailer(config.resendApiKey, { baseUrl: config.resendBaseUrl, requestsPerSecond: config.resendRequestsPerSecond })
    : devMailbox(db, now);
}
