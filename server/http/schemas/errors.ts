// The error body every failing request answers with, its codes and their statuses from server/errors.ts.
import { z } from "@hono/zod-openapi";
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from "../../errors";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]).openapi({
        example: "invalid_input",
        description: `What went wrong, for a program; its HTTP status is fixed: ${ERROR_CODES.map((c) => `${c} ${ERROR_STATUS[c]}`).join(", ")}`,
      }),
      message: z.string().openapi({ description: "What went wrong, for a person (English)" }),
      details: z.unknown().optional().openapi({ description: "For invalid_input: the failing fields; for a 429: retryAfterSeconds" }),
      requestId: z.string().optional().openapi({ description: "The request's id, as in the server's log line (X-Request-Id)" }),
    }),
  })
  .openapi("Error");
